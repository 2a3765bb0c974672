import { addHours } from 'date-fns';
import type { VerificationStatus } from '../../../shared/lifecycle';
import { SUP2_ACT_WITHIN_HOURS } from '../../domain/compliance';
import type { Db } from '../../vault/db';
import { incidentChecklist } from '../incidents/checklist';
import type { RowRef } from '../integrity/integrity';

/**
 * Facts recorded by the other parts of issue 17: the account lifecycle (migration 008: LIFE-1,
 * LIFE-3, LIFE-4 and SEC-4's verification) and the incident log (migration 009: SUP-2, and the
 * password changes found made outside Custodia, against POL-1..3 and POL-5). Where a vault does
 * not record one of them, it is null and its cells say «not evaluated»: never green.
 */
export interface RecordedElsewhere {
  lifecycle: {
    of(accountId: string): { alta: 'authorized' | 'without_form' | 'pending'; decommissioning: boolean };
    verification(accountId: string): VerificationStatus;
  } | null;
  incidents: {
    of(accountId: string): { open: number; overdue: number; incidentId: string | null };
    /** Password changes recorded as made outside Custodia since the version in force. */
    outsideChanges(accountId: string): number;
  } | null;
  refs: RowRef[];
}

const hasTable = (db: Db, name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

function lifecycleFacts(db: Db, now: string, refs: RowRef[]): RecordedElsewhere['lifecycle'] {
  if (!hasTable(db, 'account_lifecycle')) return null;
  const rows = db.prepare('SELECT account_id AS accountId, form_a IS NOT NULL AS form, verification FROM account_lifecycle').all() as {
    accountId: string;
    form: number;
    verification: VerificationStatus;
  }[];
  const byId = new Map(rows.map((r) => [r.accountId, r]));
  refs.push(...rows.map((r): RowRef => ['account_lifecycle', r.accountId]));
  const status = new Map(db.prepare('SELECT id, status FROM accounts').raw().all() as [string, string][]);
  // LIFE-3: a baja requested and not decided yet, or authorized and its password not yet applied.
  const decommissioning = new Set([
    ...(db.prepare(`SELECT account_id FROM credential_versions WHERE applied_at IS NULL AND reason = 'decommission'`).pluck().all() as string[]),
    ...(db
      .prepare(`SELECT account_id FROM change_requests WHERE kind = 'account.decommission' AND status = 'pending' AND expires_at > ?`)
      .pluck()
      .all(now) as string[]),
  ]);
  return {
    of: (accountId) => ({
      alta: status.get(accountId) === 'pending' ? 'pending' : byId.get(accountId)?.form === 1 ? 'authorized' : 'without_form',
      decommissioning: decommissioning.has(accountId),
    }),
    verification: (accountId) => byId.get(accountId)?.verification ?? 'not_requested',
  };
}

function incidentFacts(db: Db, now: string, refs: RowRef[]): RecordedElsewhere['incidents'] {
  if (!hasTable(db, 'incidents') || !hasTable(db, 'outside_changes')) return null;
  const perAccount = new Map<string, { open: number; overdue: number; incidentId: string | null }>();
  for (const id of db.prepare(`SELECT id FROM incidents WHERE status = 'open' ORDER BY occurred_at`).pluck().all() as string[]) {
    const checklist = incidentChecklist(db, id);
    if (!checklist) continue;
    refs.push(...checklist.refs);
    // SUP-2 asks to act «at once»: past its window an incident still open is red.
    const late = addHours(new Date(checklist.incident.occurredAt), SUP2_ACT_WITHIN_HOURS).toISOString() < now;
    const unreported = checklist.reportedTo.length === 0;
    for (const a of checklist.accounts) {
      if (!unreported && a.actions.every((x) => x.state === 'done')) continue;
      const f = perAccount.get(a.accountId) ?? { open: 0, overdue: 0, incidentId: null };
      f.open += 1;
      if (late) f.overdue += 1;
      f.incidentId ??= id;
      perAccount.set(a.accountId, f);
    }
  }
  const outside = new Map(
    db
      .prepare(
        `SELECT o.account_id, count(*) FROM outside_changes o JOIN accounts a ON a.id = o.account_id
           LEFT JOIN credential_versions v ON v.id = a.current_version_id
          WHERE o.kind = 'password_changed' AND (v.applied_at IS NULL OR o.changed_at > v.applied_at) GROUP BY o.account_id`,
      )
      .raw()
      .all() as [string, number][],
  );
  refs.push(...(db.prepare('SELECT id FROM outside_changes').pluck().all() as string[]).map((id): RowRef => ['outside_changes', id]));
  return {
    of: (accountId) => perAccount.get(accountId) ?? { open: 0, overdue: 0, incidentId: null },
    outsideChanges: (accountId) => outside.get(accountId) ?? 0,
  };
}

export function recordedElsewhere(db: Db, now: string): RecordedElsewhere {
  const refs: RowRef[] = [];
  return { lifecycle: lifecycleFacts(db, now, refs), incidents: incidentFacts(db, now, refs), refs };
}
