import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import {
  actionsFor,
  type HandConfirmedAction,
  type IncidentAccountView,
  type IncidentKind,
  type IncidentParty,
  type IncidentSummary,
  type IncidentView,
  type OutsideChangeKind,
  type ReportRecipient,
} from '../../../shared/incidents';
import { CLOCK_TOLERANCE_MS } from '../../domain/authority';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { readInstitution } from '../../vault/repositories/institution';
import {
  closeIncident,
  confirmAction,
  findIncident,
  incidentDescription,
  incidentReports,
  insertIncident,
  insertOutsideChange,
  insertReport,
  listIncidents,
  outsideChangesBetween,
  outsideChangesOf,
  reportedTo,
  type OutsideChangeRow,
} from '../../vault/repositories/incidents';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import type { IntegrityService } from '../integrity/integrity';
import { accountNamer } from '../people/staff';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { incidentChecklist, type IncidentChecklist } from './checklist';

/** A day and a time of day as typed, in the institution's zone. */
interface LocalMoment {
  on: string;
  time: string;
}

/**
 * Security incidents (issue 17; SUP-2): recorded at once by the account administrator (or the
 * backup), never waiting for the head; each opens required actions on the affected accounts that
 * tick from the real changes (./checklist.ts); reported to the security officer or the national
 * CERT; closed only when nothing is left. Changes found to have been made outside Custodia are
 * recorded for the monthly indicator (SUP-3). Every write is one transaction with its audit event.
 */
export class IncidentService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly integrity: Pick<IntegrityService, 'assertRows'>,
    private readonly clock: Clock,
  ) {}

  /** Every incident, the latest first, with what is left of each. */
  list(): IncidentSummary[] {
    requireAction(this.sessions.require(), 'incident.read');
    const db = this.vault.require();
    return listIncidents(db).map((i) => summaryOf(incidentChecklist(db, i.id)!));
  }

  /** The incidents still open (the home screen). */
  current(): IncidentSummary[] {
    return this.list().filter((i) => i.status === 'open');
  }

  get(incidentId: string): IncidentView {
    requireAction(this.sessions.require(), 'incident.read');
    const db = this.vault.require();
    const key = this.sessions.require().keys.records;
    const checklist = incidentChecklist(db, incidentId);
    if (!checklist) throw new CustodiaError('INCIDENT_UNKNOWN', undefined, 'SUP-2');
    const party = this.parties(db);
    const named = accountNamer(db, this.s, key);
    const { incident } = checklist;
    const accounts: IncidentAccountView[] = checklist.accounts
      .map((a) => ({
        accountId: a.accountId,
        ...named(a.accountId),
        actions: a.actions.map((x) => ({
          action: x.action,
          state: x.state,
          missing: x.missing,
          by: x.by ? party(x.by) : null,
          at: x.at,
          confirmable: incident.status === 'open' && x.state === 'open' && (x.action === 'close_sessions' || x.action === 'review_roles'),
          byBaja: x.byBaja,
        })),
      }))
      .sort((a, b) => a.accountName.localeCompare(b.accountName, 'es'));
    return {
      ...summaryOf(checklist),
      description: incidentDescription(db, this.s, key, incidentId),
      recordedBy: party(incident.recordedBy),
      closedBy: incident.closedBy ? party(incident.closedBy) : null,
      accounts,
      reports: incidentReports(db, this.s, key, incidentId).map((r) => ({ ...r, recordedBy: party(r.recordedBy) })),
      outsideChanges: outsideChangesOf(db, this.s, key, incidentId).map((c) => ({
        changeId: c.id,
        accountId: c.accountId,
        ...named(c.accountId),
        kind: c.kind,
        changedAt: c.changedAt,
        description: c.description,
        recordedBy: party(c.recordedBy),
        recordedAt: c.recordedAt,
      })),
      complete: checklist.left === 0,
    };
  }

  /** Records an incident and opens its actions on each affected account (SUP-2: at once, by the administrator alone). */
  record(
    actor: Actor,
    input: { kind: IncidentKind; occurredOn: string; occurredTime: string; accountIds: readonly string[]; description: string },
  ): {
    incidentId: string;
  } {
    requireAction(actor, 'incident.record');
    const id = randomUUID();
    const now = this.clock();
    const at = now.toISOString();
    this.sessions.commit(
      (db) => {
        const occurredAt = this.instant(db, { on: input.occurredOn, time: input.occurredTime });
        this.notFuture(occurredAt, now, 'occurredAt');
        for (const accountId of input.accountIds) this.assertActive(db, accountId);
        const actions = input.accountIds.flatMap((accountId) => actionsFor(input.kind).map((action) => ({ accountId, action })));
        insertIncident(db, this.s, this.key(), {
          id,
          kind: input.kind,
          occurredAt,
          recordedBy: actor.keyholderId,
          recordedAt: at,
          description: input.description,
          actions,
        });
      },
      () => ({ at, action: 'incident.recorded', subjects: { incident: id }, details: { kind: input.kind, accounts: input.accountIds.length } }),
      actor,
    );
    return { incidentId: id };
  }

  /** To whom it was reported, with their reference and the day (Res. 346/2020); once per recipient, audited. */
  report(actor: Actor, input: { incidentId: string; recipient: ReportRecipient; reference: string; reportedOn: string }): null {
    requireAction(actor, 'incident.record');
    const now = this.clock();
    const at = now.toISOString();
    this.sessions.commit(
      (db) => {
        const incident = this.openIncident(db, input.incidentId);
        // A report is made on a day between the incident's and today, in the institution's zone.
        const zone = this.timeZone(db);
        if (input.reportedOn > dayIn(now, zone)) throw new CustodiaError('INCIDENT_DATE', { field: 'reportedOn', reason: 'future' }, 'SUP-2');
        if (input.reportedOn < dayIn(new Date(incident.occurredAt), zone))
          throw new CustodiaError('INCIDENT_DATE', { field: 'reportedOn', reason: 'before_incident' }, 'SUP-2');
        if (reportedTo(db, input.incidentId).includes(input.recipient)) throw new CustodiaError('INCIDENT_REPORTED', { recipient: input.recipient }, 'SUP-2');
        insertReport(db, this.s, this.key(), input.incidentId, {
          recipient: input.recipient,
          reference: input.reference,
          reportedOn: input.reportedOn,
          recordedBy: actor.keyholderId,
          recordedAt: at,
        });
      },
      () => ({ at, action: 'incident.reported', subjects: { incident: input.incidentId }, details: { recipient: input.recipient } }),
      actor,
    );
    return null;
  }

  /**
   * Sessions closed on the platform, or roles reviewed with nothing to change: the two actions a
   * person confirms by hand. A rotation or a seed is never confirmed: it ticks from the change.
   */
  confirm(actor: Actor, input: { incidentId: string; accountId: string; action: HandConfirmedAction }): null {
    requireAction(actor, 'incident.record');
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        this.openIncident(db, input.incidentId);
        const state = incidentChecklist(db, input.incidentId)!
          .accounts.find((a) => a.accountId === input.accountId)
          ?.actions.find((x) => x.action === input.action);
        if (!state) throw new CustodiaError('INCIDENT_ACCOUNT_NOT_AFFECTED', undefined, 'SUP-2');
        if (state.state === 'done') throw new CustodiaError('INCIDENT_ACTION_DONE', { action: input.action }, 'SUP-2');
        this.assertActive(db, input.accountId);
        if (!confirmAction(db, { ...input, by: actor.keyholderId, at })) throw new CustodiaError('INCIDENT_ACTION_DONE', { action: input.action }, 'SUP-2');
      },
      () => ({
        at,
        action: 'incident.action_confirmed',
        subjects: { incident: input.incidentId, account: input.accountId },
        details: { action: input.action },
      }),
      actor,
    );
    return null;
  }

  /** Closes an incident once nothing is left (SUP-2); earlier, the refusal names what is. */
  close(actor: Actor, incidentId: string): null {
    requireAction(actor, 'incident.close');
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        this.openIncident(db, incidentId);
        const checklist = incidentChecklist(db, incidentId)!;
        // Judged on rows the signed log vouches for: a confirmation forged with sqlite3 closes nothing.
        this.integrity.assertRows(checklist.refs);
        assertNothingLeft(checklist);
        closeIncident(db, incidentId, actor.keyholderId, at);
      },
      () => ({ at, action: 'incident.closed', subjects: { incident: incidentId }, details: {} }),
      actor,
    );
    return null;
  }

  /** A change someone made on a platform outside Custodia, found during this incident: it counts as unauthorized (SUP-3). */
  recordOutsideChange(
    actor: Actor,
    input: { incidentId: string; accountId: string; kind: OutsideChangeKind; changedOn: string; changedTime: string; description: string },
  ): { changeId: string } {
    requireAction(actor, 'incident.record');
    const id = randomUUID();
    const now = this.clock();
    const at = now.toISOString();
    this.sessions.commit(
      (db) => {
        this.openIncident(db, input.incidentId);
        const changedAt = this.instant(db, { on: input.changedOn, time: input.changedTime });
        this.notFuture(changedAt, now, 'changedAt');
        const status = db.prepare('SELECT status FROM accounts WHERE id = ?').pluck().get(input.accountId) as string | undefined;
        // An archived profile changed on the platform is exactly what must be known; a request never authorized is no profile.
        if (status === undefined || status === 'pending' || status === 'rejected') throw new CustodiaError('ACCOUNT_UNKNOWN', undefined, 'SUP-3');
        insertOutsideChange(db, this.s, this.key(), {
          id,
          incidentId: input.incidentId,
          accountId: input.accountId,
          kind: input.kind,
          changedAt,
          description: input.description,
          recordedBy: actor.keyholderId,
          recordedAt: at,
        });
      },
      () => ({
        at,
        action: 'incident.outside_change_recorded',
        subjects: { incident: input.incidentId, account: input.accountId, change: id },
        details: { kind: input.kind },
      }),
      actor,
    );
    return { changeId: id };
  }

  /**
   * The changes made outside Custodia that happened in [from, to) (ISO instants): what the monthly
   * report (SUP-3) counts as unauthorized besides the co-signed ones. Structure only.
   */
  outsideChanges(from: string, to: string): OutsideChangeRow[] {
    requireAction(this.sessions.require(), 'incident.read');
    return outsideChangesBetween(this.vault.require(), from, to);
  }

  private key(): Uint8Array {
    return this.sessions.require().keys.records;
  }

  private timeZone(db: Db): string {
    const institution = readInstitution(db, this.s, this.key());
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    return institution.timeZone;
  }

  /** A day and time typed in the institution's zone, as an ISO instant. */
  private instant(db: Db, m: LocalMoment): string {
    const [y, mo, d] = m.on.split('-').map(Number) as [number, number, number];
    const [h, mi] = m.time.split(':').map(Number) as [number, number];
    return new Date(new TZDate(y, mo - 1, d, h, mi, this.timeZone(db)).getTime()).toISOString();
  }

  private notFuture(instant: string, now: Date, field: string): void {
    if (Date.parse(instant) > now.getTime() + CLOCK_TOLERANCE_MS) throw new CustodiaError('INCIDENT_DATE', { field, reason: 'future' }, 'SUP-2');
  }

  private openIncident(db: Db, incidentId: string) {
    const incident = findIncident(db, incidentId);
    if (!incident) throw new CustodiaError('INCIDENT_UNKNOWN', undefined, 'SUP-2');
    if (incident.status !== 'open') throw new CustodiaError('INCIDENT_CLOSED', undefined, 'SUP-2');
    return incident;
  }

  /** The actions are writes on the account (a rotation, a seed): it must be in the register and in force. */
  private assertActive(db: Db, accountId: string): void {
    const status = db.prepare('SELECT status FROM accounts WHERE id = ?').pluck().get(accountId) as string | undefined;
    if (status === undefined) throw new CustodiaError('ACCOUNT_UNKNOWN', undefined, 'SUP-2');
    if (status === 'archived') throw new CustodiaError('ACCOUNT_ARCHIVED', undefined, 'SUP-2');
    if (status === 'pending') throw new CustodiaError('ACCOUNT_PENDING', undefined, 'SUP-2');
    if (status !== 'active') throw new CustodiaError('ACCOUNT_REJECTED', undefined, 'SUP-2');
  }

  private parties(db: Db): (keyholderId: string) => IncidentParty {
    const refs = keyholderRefs(db, this.s, this.key());
    return (keyholderId) => ({ keyholderId, name: refs.get(keyholderId)?.name ?? '' });
  }
}

function summaryOf(c: IncidentChecklist): IncidentSummary {
  const i = c.incident;
  return {
    incidentId: i.id,
    kind: i.kind,
    status: i.status,
    occurredAt: i.occurredAt,
    recordedAt: i.recordedAt,
    closedAt: i.closedAt,
    accountCount: c.accounts.length,
    left: c.left,
    reported: c.reportedTo.length > 0,
  };
}

/** Refuses the closing while an action or the report is missing, naming the first of them (SUP-2). */
export function assertNothingLeft(c: IncidentChecklist): void {
  if (c.left === 0) return;
  const open = c.accounts.flatMap((a) =>
    a.actions.filter((x) => x.state === 'open').map((x) => ({ account: a.accountId, action: x.action, missing: x.missing })),
  );
  const reported = c.reportedTo.length > 0;
  // `reason` chooses the sentence: the actions alone, or the report too (MITIC Res. 346/2020).
  throw new CustodiaError(
    'INCIDENT_INCOMPLETE',
    { reason: reported ? 'actions' : 'unreported', actions: open.length, reported, left: open.slice(0, 20) },
    'SUP-2',
  );
}

const dayIn = (at: Date, zone: string): string => {
  const z = new TZDate(at.getTime(), zone);
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}-${String(z.getDate()).padStart(2, '0')}`;
};
