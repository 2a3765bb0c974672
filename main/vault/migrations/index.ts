import type { Database } from 'better-sqlite3';
import { CustodiaError } from '../../domain/errors';
import type { Migration } from './migration';
import { initial } from './001-initial';
import { accountsAndCredentials } from './002-accounts-credentials';
import { passwordPolicy } from './003-password-policy';
import { rotation } from './004-rotation';
import { twoStep } from './005-two-step';
import { staff } from './006-staff';
import { handover } from './007-handover';
import { lifecycle } from './008-lifecycle';
import { incidents } from './009-incidents';
import { inventoryVersions } from './010-inventory-versions';
import { backupSettings } from './011-backup-settings';
import { recoveryKits } from './012-recovery-kits';
import { vaultExports } from './013-vault-exports';

/** Numbered, forward-only. Each runs in its own transaction together with its user_version bump. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  accountsAndCredentials,
  passwordPolicy,
  rotation,
  twoStep,
  staff,
  handover,
  lifecycle,
  incidents,
  inventoryVersions,
  backupSettings,
  recoveryKits,
  vaultExports,
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  // A file written by a newer Custodia is not ours to reinterpret.
  if (current > LATEST_VERSION) throw new CustodiaError('VAULT_NEWER_FORMAT', { format: current, supported: LATEST_VERSION });
  // Table rebuilds (SQLite's documented 12-step procedure) need foreign keys off outside the
  // transaction; they are checked inside it before each migration commits.
  const enforced = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.version} leaves ${broken.length} broken references`);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${enforced ? 'ON' : 'OFF'}`);
  }
  return db.pragma('user_version', { simple: true }) as number;
}
