import { TZDate } from '@date-fns/tz';
import { CHANGE_REASONS, EXPOSURE_KINDS, type ChangeKindId, type ChangeReason, type ExposureKind } from '../../../shared/domain';
import { OUTSIDE_CHANGE_KINDS, type OutsideChangeKind } from '../../../shared/incidents';
import type { MonthlyFigures } from '../../../shared/reports';
import type { Db } from '../../vault/db';
import type { OutsideChangeRow } from '../../vault/repositories/incidents';
import type { RowRef } from '../integrity/integrity';

/** [from, to) of a month in the institution's zone, as ISO instants. */
export interface Period {
  from: string;
  to: string;
}

export function monthPeriod(month: string, timeZone: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new TZDate(y, m - 1, 1, 0, 0, timeZone);
  const to = new TZDate(y, m, 1, 0, 0, timeZone);
  return { from: new Date(from.getTime()).toISOString(), to: new Date(to.getTime()).toISOString() };
}

/** The month (YYYY-MM) an instant falls in, in the zone. */
export function monthOf(at: Date, timeZone: string): string {
  const z = new TZDate(at.getTime(), timeZone);
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}`;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The tables the figures count rows of: each must hold exactly the rows the log recorded (a deletion is tampering, never a smaller figure). */
export const MONTHLY_TABLES = [
  'credential_versions',
  'change_requests',
  'outside_changes',
  'exposures',
  'code_exposures',
  'export_exposures',
  'totp_exports',
  'incidents',
  'handovers',
] as const;

/** The co-signed kinds whose approval changes a two-step credential (SUP-3 counts them with passwords). */
const TWO_STEP_KINDS: readonly ChangeKindId[] = ['totp.set', 'totp.remove', 'recovery.replace'];

interface VersionRow {
  id: string;
  accountId: string;
  n: number;
  reason: ChangeReason;
  appliedAt: string;
  /** The due date of the version it replaced (null for a first password, or one never scheduled). */
  previousDue: string | null;
}

/**
 * The month's figures (SUP-3, INPE P-E3.01.04 §7), read from the rows in bulk. Every row a figure
 * rests on is returned in `refs`, for the caller to check against the signed log before anyone signs
 * them: a version, a request or an incident inserted or edited with sqlite3 is tampering, never a figure.
 * `outside` are the changes recorded as made outside Custodia in the period (the incident log).
 */
export function monthlyFigures(db: Db, p: Period, outside: readonly OutsideChangeRow[]): { figures: MonthlyFigures; refs: RowRef[] } {
  const refs: RowRef[] = [];
  const range = { from: p.from, to: p.to };

  // Passwords applied in the month, each with the due date of the version it replaced (POL-4).
  const versions = db
    .prepare(
      `SELECT v.id, v.account_id AS accountId, v.n, v.reason, v.applied_at AS appliedAt,
              (SELECT w.due_at FROM credential_versions w WHERE w.account_id = v.account_id AND w.n < v.n AND w.applied_at IS NOT NULL
               ORDER BY w.n DESC LIMIT 1) AS previousDue,
              (SELECT w.id FROM credential_versions w WHERE w.account_id = v.account_id AND w.n < v.n AND w.applied_at IS NOT NULL
               ORDER BY w.n DESC LIMIT 1) AS previousId
       FROM credential_versions v WHERE v.applied_at >= @from AND v.applied_at < @to`,
    )
    .all(range) as (VersionRow & { previousId: string | null })[];
  const byReason = zeros<ChangeReason>(CHANGE_REASONS);
  let onTime = 0;
  let late = 0;
  for (const v of versions) {
    refs.push(['credential_versions', v.id]);
    if (v.previousId === null) continue;
    refs.push(['credential_versions', v.previousId]);
    byReason[v.reason] += 1;
    if (v.previousDue !== null && v.appliedAt > v.previousDue) late += 1;
    else onTime += 1;
  }

  // Co-signed requests decided in the month.
  const decided = db
    .prepare(`SELECT id, kind, status FROM change_requests WHERE status <> 'pending' AND decided_at >= @from AND decided_at < @to`)
    .all(range) as { id: string; kind: ChangeKindId; status: 'approved' | 'rejected' }[];
  const approved = zeros<string>([]);
  let rejected = 0;
  for (const r of decided) {
    refs.push(['change_requests', r.id]);
    if (r.status === 'rejected') rejected += 1;
    else approved[r.kind] = (approved[r.kind] ?? 0) + 1;
  }
  const of = (kind: ChangeKindId) => approved[kind] ?? 0;
  const twoStep = TWO_STEP_KINDS.reduce((sum, k) => sum + of(k), 0);

  const outsideByKind = zeros<OutsideChangeKind>(OUTSIDE_CHANGE_KINDS);
  for (const c of outside) {
    refs.push(['outside_changes', c.id]);
    outsideByKind[c.kind] += 1;
  }
  const authorized = versions.length + twoStep;
  const total = authorized + outside.length;

  // POL-4 at the month's end: the version then in force on each account then in force (not archived by its baja, not «en trámite»).
  const atEnd = db
    .prepare(
      `SELECT v.id, v.reason, v.due_at AS dueAt FROM credential_versions v
       JOIN (SELECT account_id, MAX(n) AS n FROM credential_versions WHERE applied_at IS NOT NULL AND applied_at < @to GROUP BY account_id) last
         ON last.account_id = v.account_id AND last.n = v.n`,
    )
    .all({ to: p.to }) as { id: string; reason: ChangeReason; dueAt: string | null }[];
  let inForce = 0;
  let overdue = 0;
  for (const v of atEnd) {
    if (v.reason === 'decommission') continue;
    refs.push(['credential_versions', v.id]);
    inForce += 1;
    if (v.dueAt !== null && v.dueAt < p.to) overdue += 1;
  }

  const exposures = { ...zeros<ExposureKind>(EXPOSURE_KINDS), exported: 0, seedsShown: 0, recoveryCodes: 0, total: 0 };
  for (const e of db.prepare(`SELECT id, how FROM exposures WHERE at >= @from AND at < @to`).all(range) as { id: string; how: ExposureKind }[]) {
    refs.push(['exposures', e.id]);
    if (e.how in exposures) exposures[e.how] += 1;
  }
  for (const id of db.prepare(`SELECT id FROM code_exposures WHERE at >= @from AND at < @to`).pluck().all(range) as string[]) {
    refs.push(['code_exposures', id]);
    exposures.recoveryCodes += 1;
  }
  // Each password and seed an authorized KeePass export wrote, the exporting keyholder's exposure (issue 18).
  for (const id of db.prepare(`SELECT id FROM export_exposures WHERE at >= @from AND at < @to`).pluck().all(range) as string[]) {
    refs.push(['export_exposures', id]);
    exposures.exported += 1;
  }
  // Two-step seeds shown once, by a co-signed request, to move them to another authenticator.
  for (const id of db.prepare(`SELECT request_id FROM totp_exports WHERE shown_at >= @from AND shown_at < @to`).pluck().all(range) as string[]) {
    refs.push(['totp_exports', id]);
    exposures.seedsShown += 1;
  }
  exposures.total = EXPOSURE_KINDS.reduce((sum, k) => sum + exposures[k], 0) + exposures.exported + exposures.seedsShown + exposures.recoveryCodes;

  const incidents = db.prepare(`SELECT id, occurred_at AS occurredAt, recorded_at AS recordedAt, closed_at AS closedAt FROM incidents`).all() as {
    id: string;
    occurredAt: string;
    recordedAt: string;
    closedAt: string | null;
  }[];
  const within = (at: string | null) => at !== null && at >= p.from && at < p.to;
  const countedIncidents = incidents.filter((i) => within(i.recordedAt) || within(i.closedAt) || (i.recordedAt < p.to && (i.closedAt ?? p.to) >= p.to));
  for (const i of countedIncidents) refs.push(['incidents', i.id]);

  const handovers = db.prepare(`SELECT id, started_at AS startedAt, status, completed_at AS completedAt FROM handovers`).all() as {
    id: string;
    startedAt: string;
    status: 'open' | 'completed' | 'cancelled';
    completedAt: string | null;
  }[];
  const countedHandovers = handovers.filter((h) => within(h.startedAt) || within(h.completedAt));
  for (const h of countedHandovers) refs.push(['handovers', h.id]);

  return {
    refs,
    figures: {
      changes: {
        passwords: versions.length,
        twoStep,
        authorized,
        outside: outside.length,
        outsideByKind,
        total,
        sharePercent: total === 0 ? null : Math.round((authorized / total) * 1000) / 10,
      },
      rotations: { applied: onTime + late, onTime, late, byReason, overdueAtMonthEnd: overdue, accountsAtMonthEnd: inForce },
      exposures,
      requests: {
        roleGrants: of('role.grant'),
        roleRevocations: of('role.revoke'),
        altas: of('account.create'),
        modificaciones: of('account.modify'),
        bajas: of('account.decommission'),
        peopleRegistered: of('person.register'),
        peopleUpdated: of('person.update'),
        departures: of('person.depart'),
        inventoryImports: of('inventory.import'),
        vaultExports: of('vault.export'),
        rejected,
      },
      incidents: {
        recorded: incidents.filter((i) => within(i.recordedAt)).length,
        closed: incidents.filter((i) => within(i.closedAt)).length,
        openAtMonthEnd: incidents.filter((i) => i.recordedAt < p.to && (i.closedAt === null || i.closedAt >= p.to)).length,
      },
      handovers: {
        started: handovers.filter((h) => within(h.startedAt)).length,
        completed: handovers.filter((h) => h.status === 'completed' && within(h.completedAt)).length,
      },
    },
  };
}
