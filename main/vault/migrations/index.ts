import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { initial } from './001-initial';
import { accountsAndCredentials } from './002-accounts-credentials';
import { passwordPolicy } from './003-password-policy';

/** Numbered, forward-only. Each runs in its own transaction together with its user_version bump. */
export const MIGRATIONS: readonly Migration[] = [initial, accountsAndCredentials, passwordPolicy];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  // A file written by a newer Custodia is not ours to reinterpret.
  if (current > LATEST_VERSION) throw new Error(`vault format ${current} is newer than ${LATEST_VERSION}`);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
