import type { Db } from '../db';
import type { AccountKind } from '../../../shared/domain';

/** What POL-4's dashboard needs per account, read from narrow indexes only (no sealed column). */
export interface DeadlineRow {
  accountId: string;
  kind: AccountKind;
  /** The current version's scheduled due date; null while the account has none applied. */
  dueAt: string | null;
  /** The first reveal, copy or export (a KeePass file, issue 18) of the current version after it was applied (rotate after use). */
  firstUse: string | null;
  unapplied: { n: number; applyBy: string } | null;
  pending: boolean;
}

/**
 * Every active account (or one account, whatever its status). Small queries joined here: a
 * covering-index scan of accounts, the few authorized-unapplied versions, the few pending requests,
 * and, only when rotate-after-use is on, first uses (reveals, copies, exports).
 */
export function deadlineRows(db: Db, options: { withFirstUse: boolean; accountId?: string }): DeadlineRow[] {
  const one = options.accountId !== undefined;
  const accounts = db
    .prepare(`SELECT id, kind, due_at FROM accounts WHERE ${one ? 'id = ?' : "status = 'active'"}`)
    .raw()
    .all(...(one ? [options.accountId] : [])) as [string, AccountKind, string | null][];
  const unapplied = new Map(
    (db.prepare('SELECT account_id, n, apply_by FROM credential_versions WHERE applied_at IS NULL').raw().all() as [string, number, string][]).map(
      ([id, n, applyBy]) => [id, { n, applyBy }],
    ),
  );
  const pending = new Set(
    db.prepare("SELECT DISTINCT account_id FROM change_requests WHERE status = 'pending' AND account_id IS NOT NULL").pluck().all() as string[],
  );
  const firstUse = new Map<string, string>();
  if (options.withFirstUse) {
    // A reveal or copy by a keyholder, and a KeePass export (issue 18: every exported password is its exporter's exposure).
    const uses = [
      `SELECT a.id, min(e.at) FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id
       JOIN exposures e ON e.credential_version_id = v.id
       WHERE e.keyholder_id IS NOT NULL AND e.how IN ('revealed', 'copied') AND e.at >= v.applied_at GROUP BY a.id`,
      // An export writes current versions only: each is a use from its application on, whatever the clock's lag.
      `SELECT a.id, min(max(x.at, v.applied_at)) FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id
       JOIN export_exposures x ON x.credential_version_id = v.id
       WHERE v.applied_at IS NOT NULL GROUP BY a.id`,
    ];
    for (const sql of uses) {
      for (const [id, at] of db.prepare(sql).raw().all() as [string, string][]) {
        const seen = firstUse.get(id);
        if (seen === undefined || at < seen) firstUse.set(id, at);
      }
    }
  }
  return accounts.map(([accountId, kind, dueAt]) => ({
    accountId,
    kind,
    dueAt,
    firstUse: firstUse.get(accountId) ?? null,
    unapplied: unapplied.get(accountId) ?? null,
    pending: pending.has(accountId),
  }));
}

/** Whether any applied current version still lacks a due date (versions written before vault format 4). */
export function hasMissingDueDates(db: Db): boolean {
  return db.prepare('SELECT 1 FROM accounts WHERE current_version_id IS NOT NULL AND due_at IS NULL LIMIT 1').get() !== undefined;
}
