import { INCIDENT_ACTIONS, type IncidentAction, type IncidentMissing, type ReportRecipient } from '../../../shared/incidents';
import type { Db } from '../../vault/db';
import { findIncident, incidentActions, reportedTo, type IncidentRow } from '../../vault/repositories/incidents';
import { roleAppliers } from '../handover/role-appliers';
import type { RowRef } from '../integrity/integrity';

/**
 * What an incident still asks (SUP-2; MITIC 6.1.1.III: «cambio de contraseña, cierre de sesiones»),
 * computed from the records and never ticked by hand where a real change exists. "After the
 * incident" is strictly later than its `occurred_at`. Per affected account:
 *
 * - rotate_password: a credential version with reason 'incident' («incidente»), co-signed (the
 *   version row exists only once the head authorized it), authorized AND confirmed applied on the
 *   platform after the incident. A rotation applied before it, or with another reason, does not count.
 * - close_sessions: confirmed by hand by an administrator (like the handover's sessions).
 * - review_roles: a platform role on the account granted or revoked on the platform after the
 *   incident (the `role.applied` confirmation), or else confirmed by hand.
 * - replace_seed (lost or stolen device only): the account's two-step seed set after the incident.
 *
 * An account decommissioned after the incident (LIFE-3: its password changed by the baja, then
 * archived, read-only) has every action settled by that baja: nothing more can be done on it.
 *
 * The incident also asks to have been reported (to the security officer or the national CERT).
 * `refs` lists every row the judgment read, for `IntegrityService.assertRows` before the closing.
 */
export interface ActionFact {
  action: IncidentAction;
  state: 'done' | 'open';
  missing: IncidentMissing | null;
  /** Keyholder who made the change or confirmed it; null unless done (or unknown). */
  by: string | null;
  at: string | null;
  handConfirmed: boolean;
  /** Settled by the account's baja after the incident (LIFE-3). */
  byBaja: boolean;
}

export interface IncidentChecklist {
  incident: IncidentRow;
  accounts: { accountId: string; actions: ActionFact[] }[];
  reportedTo: ReportRecipient[];
  /** Open actions, plus one while the incident has not been reported. */
  left: number;
  refs: RowRef[];
}

interface Version {
  id: string;
  accountId: string;
  proposedBy: string;
  authorizedAt: string;
  appliedAt: string | null;
}

const done = (action: IncidentAction, by: string | null, at: string | null, handConfirmed = false, byBaja = false): ActionFact => ({
  action,
  state: 'done',
  missing: null,
  by,
  at,
  handConfirmed,
  byBaja,
});
const open = (action: IncidentAction, missing: IncidentMissing): ActionFact => ({
  action,
  state: 'open',
  missing,
  by: null,
  at: null,
  handConfirmed: false,
  byBaja: false,
});
/** The procedure's order: the password first (MITIC 6.1.1.III). */
const ORDER = new Map(INCIDENT_ACTIONS.map((a, i) => [a, i]));

const inList = (ids: readonly string[]) => ids.map(() => '?').join(', ');

/** The checklist of one incident as the records stand now; undefined for an unknown incident. */
export function incidentChecklist(db: Db, incidentId: string): IncidentChecklist | undefined {
  const incident = findIncident(db, incidentId);
  if (!incident) return undefined;
  const since = incident.occurredAt;
  const rows = incidentActions(db, incidentId);
  const refs: RowRef[] = [['incidents', incidentId]];
  for (const r of rows) refs.push(['incident_actions', incidentId, r.accountId, r.action]);
  const accountIds = [...new Set(rows.map((r) => r.accountId))];

  const versions = accountIds.length
    ? (db
        .prepare(
          `SELECT id, account_id AS accountId, proposed_by AS proposedBy, authorized_at AS authorizedAt, applied_at AS appliedAt
             FROM credential_versions
            WHERE account_id IN (${inList(accountIds)}) AND reason = 'incident' AND authorized_at > ?
            ORDER BY authorized_at, n`,
        )
        .all(...accountIds, since) as Version[])
    : [];
  for (const v of versions) refs.push(['credential_versions', v.id]);

  const seeds = new Map(
    (accountIds.length
      ? (db
          .prepare(`SELECT account_id AS accountId, proposed_by AS by, set_at AS at FROM totp_seeds WHERE account_id IN (${inList(accountIds)})`)
          .all(...accountIds) as { accountId: string; by: string; at: string }[])
      : []
    ).map((t) => [t.accountId, t]),
  );
  for (const accountId of seeds.keys()) refs.push(['totp_seeds', accountId]);

  const grants = accountIds.length
    ? (db
        .prepare(
          `SELECT id, account_id AS accountId, granted_at AS grantedAt, revoked_at AS revokedAt FROM platform_roles
            WHERE account_id IN (${inList(accountIds)}) AND (granted_at > ? OR revoked_at > ?)`,
        )
        .all(...accountIds, since, since) as { id: string; accountId: string; grantedAt: string | null; revokedAt: string | null }[])
    : [];
  for (const g of grants) refs.push(['platform_roles', g.id]);
  const appliers = roleAppliers(db, grants);

  // LIFE-3: the baja's password, applied after the incident, on an account now archived.
  const bajas = new Map(
    (accountIds.length
      ? (db
          .prepare(
            `SELECT v.id, v.account_id AS accountId, v.proposed_by AS by, v.applied_at AS at
               FROM credential_versions v JOIN accounts a ON a.id = v.account_id
              WHERE v.account_id IN (${inList(accountIds)}) AND a.status = 'archived' AND v.reason = 'decommission' AND v.applied_at > ?`,
          )
          .all(...accountIds, since) as { id: string; accountId: string; by: string; at: string }[])
      : []
    ).map((b) => [b.accountId, b]),
  );
  for (const b of bajas.values()) refs.push(['credential_versions', b.id]);

  const reported = reportedTo(db, incidentId);
  for (const r of reported) refs.push(['incident_reports', incidentId, r]);

  const judge = (r: (typeof rows)[number]): ActionFact => {
    const baja = bajas.get(r.accountId);
    if (baja) return done(r.action, baja.by, baja.at, false, true);
    switch (r.action) {
      case 'rotate_password': {
        const mine = versions.filter((v) => v.accountId === r.accountId);
        const applied = mine.filter((v) => v.appliedAt !== null && v.appliedAt > since).at(-1);
        if (applied) return done(r.action, applied.proposedBy, applied.appliedAt);
        return open(r.action, mine.some((v) => v.appliedAt === null) ? 'awaiting_apply' : 'rotation_missing');
      }
      case 'replace_seed': {
        const seed = seeds.get(r.accountId);
        return seed && seed.at > since ? done(r.action, seed.by, seed.at) : open(r.action, 'seed_not_replaced');
      }
      case 'review_roles': {
        const changes = grants
          .filter((g) => g.accountId === r.accountId)
          .flatMap((g) => [g.grantedAt, g.revokedAt].filter((at): at is string => at !== null && at > since).map((at) => ({ grant: g.id, at })))
          .sort((a, b) => a.at.localeCompare(b.at));
        const last = changes.at(-1);
        if (last) return done(r.action, appliers.get(last.grant) ?? null, last.at);
        return r.confirmedAt ? done(r.action, r.confirmedBy, r.confirmedAt, true) : open(r.action, 'confirmation_missing');
      }
      case 'close_sessions':
        return r.confirmedAt ? done(r.action, r.confirmedBy, r.confirmedAt, true) : open(r.action, 'confirmation_missing');
    }
  };

  const byAccount = new Map<string, ActionFact[]>();
  for (const r of rows) {
    const list = byAccount.get(r.accountId) ?? [];
    list.push(judge(r));
    byAccount.set(r.accountId, list);
  }
  const accounts = [...byAccount].map(([accountId, actions]) => ({
    accountId,
    actions: actions.sort((a, b) => ORDER.get(a.action)! - ORDER.get(b.action)!),
  }));
  const openActions = accounts.reduce((n, a) => n + a.actions.filter((x) => x.state === 'open').length, 0);
  for (const accountId of accountIds) refs.push(['accounts', accountId]);
  return { incident, accounts, reportedTo: reported, left: openActions + (reported.length > 0 ? 0 : 1), refs };
}
