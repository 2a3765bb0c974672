import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openJson, sealJson, type FieldRef } from '../fields';
import type { TotpSeed } from '../../domain/totp';

/** One sealed seed per account. The version is in the box's associated data, so an old box cannot be put back under a new number. */
const ref = (accountId: string, version: number): FieldRef => ({ table: 'totp_seeds', rowId: accountId, column: 'seed', version });

export interface SeedMeta {
  accountId: string;
  version: number;
  changeRequestId: string;
  proposedBy: string;
  authorizedBy: string;
  setAt: string;
}

export function putSeed(db: Db, s: Sodium, key: Uint8Array, seed: TotpSeed, meta: Omit<SeedMeta, 'version'>): void {
  const version = ((db.prepare('SELECT version FROM totp_seeds WHERE account_id = ?').pluck().get(meta.accountId) as number | undefined) ?? 0) + 1;
  db.prepare(
    `INSERT INTO totp_seeds (account_id, version, seed, change_request_id, proposed_by, authorized_by, set_at)
     VALUES (@accountId, @version, @seed, @changeRequestId, @proposedBy, @authorizedBy, @setAt)
     ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, seed = excluded.seed, change_request_id = excluded.change_request_id,
       proposed_by = excluded.proposed_by, authorized_by = excluded.authorized_by, set_at = excluded.set_at`,
  ).run({ ...meta, version, seed: sealJson(s, key, ref(meta.accountId, version), seed) });
}

export function removeSeed(db: Db, accountId: string): boolean {
  return db.prepare('DELETE FROM totp_seeds WHERE account_id = ?').run(accountId).changes === 1;
}

export function seedMeta(db: Db, accountId: string): SeedMeta | undefined {
  return db
    .prepare(
      `SELECT account_id AS accountId, version, change_request_id AS changeRequestId, proposed_by AS proposedBy, authorized_by AS authorizedBy, set_at AS setAt
       FROM totp_seeds WHERE account_id = ?`,
    )
    .get(accountId) as SeedMeta | undefined;
}

/** Opens the seeds of the given accounts (those that have one), in one query. */
export function openSeeds(db: Db, s: Sodium, key: Uint8Array, accountIds: readonly string[]): Map<string, TotpSeed> {
  const rows = db
    .prepare('SELECT account_id AS accountId, version, seed FROM totp_seeds WHERE account_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(accountIds)) as { accountId: string; version: number; seed: Buffer }[];
  return new Map(rows.map((r) => [r.accountId, openJson<TotpSeed>(s, key, ref(r.accountId, r.version), r.seed)]));
}

export interface ExportGrant {
  requestId: string;
  accountId: string;
  seedVersion: number;
  requestedBy: string;
  authorizedAt: string;
  shownAt: string | null;
}

export function insertExportGrant(
  db: Db,
  g: { requestId: string; accountId: string; seedVersion: number; requestedBy: string; authorizedBy: string; authorizedAt: string },
): void {
  db.prepare(
    `INSERT INTO totp_exports (request_id, account_id, seed_version, requested_by, authorized_by, authorized_at)
     VALUES (@requestId, @accountId, @seedVersion, @requestedBy, @authorizedBy, @authorizedAt)`,
  ).run(g);
}

/** The newest authorized export of this account's seed not yet shown. */
export function openExportGrant(db: Db, accountId: string): ExportGrant | undefined {
  return db
    .prepare(
      `SELECT request_id AS requestId, account_id AS accountId, seed_version AS seedVersion, requested_by AS requestedBy, authorized_at AS authorizedAt, shown_at AS shownAt
       FROM totp_exports WHERE account_id = ? AND shown_at IS NULL ORDER BY authorized_at DESC LIMIT 1`,
    )
    .get(accountId) as ExportGrant | undefined;
}

export function markExportShown(db: Db, requestId: string, shownBy: string, shownAt: string): boolean {
  return (
    db.prepare('UPDATE totp_exports SET shown_by = ?, shown_at = ? WHERE request_id = ? AND shown_at IS NULL').run(shownBy, shownAt, requestId).changes === 1
  );
}
