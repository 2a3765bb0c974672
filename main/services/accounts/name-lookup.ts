import type { PlatformId } from '../../../shared/platforms';
import type { AccountListRow } from '../../vault/repositories/accounts';
import type { Db } from '../../vault/db';

/**
 * Reads for the names of a few accounts (the deadline dashboard's page) without the whole register:
 * no key needed, nothing opened here.
 */

/** A list row with its place in the register's file order (readAccountListRows scans by rowid). */
export type PlacedListRow = AccountListRow & { position: number };

/** These accounts' list rows, read by id, as readAccountListRows reads them, with their rowid as place. */
export function listRowsById(db: Db, ids: readonly string[]): PlacedListRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT a.rowid AS position, a.id, a.version, a.platform, a.kind, a.status, a.display_name, a.handle, a.alt_handle, a.updated_at, v.n
       FROM accounts a LEFT JOIN credential_versions v ON v.id = a.current_version_id
       WHERE a.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as PlacedListRow[];
}

/** Every account's platform (a plain column: the board counts by platform without any name). */
export function accountPlatforms(db: Db): Map<string, PlatformId> {
  return new Map(db.prepare('SELECT id, platform FROM accounts').raw().all() as [string, PlatformId][]);
}
