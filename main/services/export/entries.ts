import type { AccountStatus } from '../../../shared/domain';
import type { TwoStepMethod } from '../../../shared/totp';
import type { PlatformId } from '../../../shared/platforms';
import { PLATFORMS } from '../../../shared/platforms';
import { buildOtpauth } from '../../domain/totp';
import type { Db } from '../../vault/db';
import type { VaultKeys } from '../../vault/keys';
import { listAccounts, type AccountRecord } from '../../vault/repositories/accounts';
import { openSecret } from '../../vault/repositories/credential-versions';
import { openSeeds } from '../../vault/repositories/totp-seeds';
import type { Sodium } from '../../vault/sodium';

/**
 * What an export holds, read from the vault. The KeePass file takes the accounts in force (status
 * `active`): an archived profile's last password or a rejected alta is nobody's business outside the
 * vault. The inventory lists every official account (active and archived, SUP-4), never a secret.
 */
export const EXPORTED_STATUS: AccountStatus = 'active';

export interface KdbxEntryData {
  accountId: string;
  platform: PlatformId;
  platformLabel: string;
  title: string;
  userName: string;
  password: string;
  url: string;
  notes: string;
  /** KeePassXC's `otp` attribute: an otpauth:// URI, when the account has a TOTP seed. */
  otp: string | null;
  /** What the file exposes: the current credential version and the seed's version. */
  credentialVersionId: string | null;
  seedVersion: number | null;
}

const platformLabel = (id: PlatformId) => PLATFORMS.find((p) => p.id === id)?.label ?? id;

/** Counts only, without opening anything: what the pending request shows (never a secret). */
export function exportCounts(db: Db): { accounts: number; passwords: number; seeds: number } {
  return db
    .prepare(
      `SELECT count(*) AS accounts, count(a.current_version_id) AS passwords, count(t.account_id) AS seeds
         FROM accounts a LEFT JOIN totp_seeds t ON t.account_id = a.id WHERE a.status = ?`,
    )
    .get(EXPORTED_STATUS) as { accounts: number; passwords: number; seeds: number };
}

/** Every account in force with its current password and seed, opened (the caller zeroes nothing: strings cannot be). */
export function kdbxEntries(db: Db, s: Sodium, keys: VaultKeys): KdbxEntryData[] {
  const accounts = listAccounts(db, s, keys.records).filter((a) => a.status === EXPORTED_STATUS);
  const current = new Map(
    (db.prepare('SELECT id, current_version_id AS v FROM accounts WHERE current_version_id IS NOT NULL').all() as { id: string; v: string }[]).map((r) => [
      r.id,
      r.v,
    ]),
  );
  const seedVersions = new Map(
    (db.prepare('SELECT account_id AS id, version FROM totp_seeds').all() as { id: string; version: number }[]).map((r) => [r.id, r.version]),
  );
  const seeds = openSeeds(
    db,
    s,
    keys.records,
    accounts.map((a) => a.id),
  );
  return accounts.map((a): KdbxEntryData => {
    const versionId = current.get(a.id) ?? null;
    const seed = seeds.get(a.id);
    return {
      accountId: a.id,
      platform: a.platform,
      platformLabel: platformLabel(a.platform),
      title: a.displayName,
      userName: a.loginIdentifier ?? '',
      password: versionId ? openSecret(db, s, keys.records, versionId) : '',
      url: a.profileUrl ?? '',
      notes: a.notes ?? '',
      // A seed stored without a label is given the account's name: an authenticator needs one to list it.
      otp: seed ? buildOtpauth({ ...seed, label: seed.label ?? a.displayName }) : null,
      credentialVersionId: versionId,
      seedVersion: seed ? (seedVersions.get(a.id) ?? null) : null,
    };
  });
}

export interface InventoryRow {
  platform: string;
  name: string;
  handle: string;
  url: string;
  login: string;
  linkedEmail: string;
  twoStep: boolean;
  status: AccountStatus;
  dueAt: string;
  lastRotation: string;
}

/** The inventory: every official account (active, archived), in the order of the registry; no secret is opened. */
export function inventoryRows(db: Db, s: Sodium, keys: VaultKeys): InventoryRow[] {
  const all = listAccounts(db, s, keys.records);
  const byId = new Map(all.map((a) => [a.id, a]));
  const facts = new Map(
    (
      db
        .prepare(
          `SELECT a.id, a.due_at AS dueAt, v.applied_at AS appliedAt, t.method AS method
             FROM accounts a LEFT JOIN credential_versions v ON v.id = a.current_version_id LEFT JOIN account_two_step t ON t.account_id = a.id`,
        )
        .all() as { id: string; dueAt: string | null; appliedAt: string | null; method: TwoStepMethod | null }[]
    ).map((r) => [r.id, r]),
  );
  const linked = (a: AccountRecord) => {
    const mail = a.linkedEmailAccountId ? byId.get(a.linkedEmailAccountId) : undefined;
    return mail ? (mail.loginIdentifier ?? mail.displayName) : '';
  };
  return all
    .filter((a) => a.status === 'active' || a.status === 'archived')
    .sort((x, y) => x.platform.localeCompare(y.platform) || x.displayName.localeCompare(y.displayName, 'es'))
    .map((a) => {
      const f = facts.get(a.id);
      return {
        platform: platformLabel(a.platform),
        name: a.displayName,
        handle: a.handle ?? '',
        url: a.profileUrl ?? '',
        login: a.loginIdentifier ?? '',
        linkedEmail: linked(a),
        twoStep: f?.method !== undefined && f.method !== null && f.method !== 'none',
        status: a.status,
        dueAt: f?.dueAt ?? '',
        lastRotation: f?.appliedAt ?? '',
      };
    });
}
