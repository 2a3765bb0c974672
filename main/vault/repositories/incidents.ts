import type { HandConfirmedAction, IncidentAction, IncidentKind, IncidentStatus, OutsideChangeKind, ReportRecipient } from '../../../shared/incidents';
import type { Db } from '../db';
import { openText, sealText, type FieldRef } from '../fields';
import type { Sodium } from '../sodium';

/**
 * The incident tables (migration 009; SUP-2, SUP-3), written only by the incident service's use
 * cases, each with its audit event. Typed text is sealed under a constant version (it never
 * changes once written; main/vault/rekey/sealed-columns.ts declares the same references).
 */
const VERSION = 1;
const descriptionRef = (id: string): FieldRef => ({ table: 'incidents', rowId: id, column: 'description', version: VERSION });
export const reportRowId = (incidentId: string, recipient: ReportRecipient) => `${incidentId}:${recipient}`;
const referenceRef = (incidentId: string, recipient: ReportRecipient): FieldRef => ({
  table: 'incident_reports',
  rowId: reportRowId(incidentId, recipient),
  column: 'reference',
  version: VERSION,
});
const changeRef = (id: string): FieldRef => ({ table: 'outside_changes', rowId: id, column: 'description', version: VERSION });

export interface IncidentRow {
  id: string;
  kind: IncidentKind;
  occurredAt: string;
  status: IncidentStatus;
  recordedBy: string;
  recordedAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

const COLUMNS = `id, kind, occurred_at AS occurredAt, status, recorded_by AS recordedBy, recorded_at AS recordedAt, closed_by AS closedBy, closed_at AS closedAt`;

export function insertIncident(
  db: Db,
  s: Sodium,
  key: Uint8Array,
  i: Omit<IncidentRow, 'status' | 'closedBy' | 'closedAt'> & { description: string; actions: readonly { accountId: string; action: IncidentAction }[] },
): void {
  db.prepare(`INSERT INTO incidents (id, version, kind, occurred_at, description, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`).run(
    i.id,
    VERSION,
    i.kind,
    i.occurredAt,
    sealText(s, key, descriptionRef(i.id), i.description),
    i.recordedBy,
    i.recordedAt,
  );
  const action = db.prepare('INSERT INTO incident_actions (incident_id, account_id, action) VALUES (?, ?, ?)');
  for (const a of i.actions) action.run(i.id, a.accountId, a.action);
}

export function findIncident(db: Db, id: string): IncidentRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM incidents WHERE id = ?`).get(id) as IncidentRow | undefined;
}

/** Every incident, the latest first. */
export function listIncidents(db: Db): IncidentRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM incidents ORDER BY occurred_at DESC, id`).all() as IncidentRow[];
}

export function incidentDescription(db: Db, s: Sodium, key: Uint8Array, id: string): string {
  const box = db.prepare('SELECT description FROM incidents WHERE id = ?').pluck().get(id) as Buffer;
  return openText(s, key, descriptionRef(id), box);
}

export function closeIncident(db: Db, id: string, by: string, at: string): void {
  db.prepare(`UPDATE incidents SET status = 'closed', closed_by = ?, closed_at = ?, version = version + 1 WHERE id = ? AND status = 'open'`).run(by, at, id);
}

export interface ActionRow {
  accountId: string;
  action: IncidentAction;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export function incidentActions(db: Db, incidentId: string): ActionRow[] {
  return db
    .prepare(
      `SELECT account_id AS accountId, action, confirmed_by AS confirmedBy, confirmed_at AS confirmedAt FROM incident_actions WHERE incident_id = ? ORDER BY account_id, action`,
    )
    .all(incidentId) as ActionRow[];
}

/** Marks a hand-confirmed action done; false when it is not open on this incident and account. */
export function confirmAction(db: Db, c: { incidentId: string; accountId: string; action: HandConfirmedAction; by: string; at: string }): boolean {
  return (
    db
      .prepare(
        'UPDATE incident_actions SET confirmed_by = ?, confirmed_at = ? WHERE incident_id = ? AND account_id = ? AND action = ? AND confirmed_at IS NULL',
      )
      .run(c.by, c.at, c.incidentId, c.accountId, c.action).changes === 1
  );
}

export interface ReportRow {
  recipient: ReportRecipient;
  reference: string;
  reportedOn: string;
  recordedBy: string;
  recordedAt: string;
}

export function insertReport(db: Db, s: Sodium, key: Uint8Array, incidentId: string, r: ReportRow): void {
  db.prepare('INSERT INTO incident_reports (incident_id, recipient, reference, reported_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    incidentId,
    r.recipient,
    sealText(s, key, referenceRef(incidentId, r.recipient), r.reference),
    r.reportedOn,
    r.recordedBy,
    r.recordedAt,
  );
}

/** The recipients an incident was reported to (structure only: nothing to open). */
export function reportedTo(db: Db, incidentId: string): ReportRecipient[] {
  return db.prepare('SELECT recipient FROM incident_reports WHERE incident_id = ? ORDER BY recipient').pluck().all(incidentId) as ReportRecipient[];
}

export function incidentReports(db: Db, s: Sodium, key: Uint8Array, incidentId: string): ReportRow[] {
  const rows = db
    .prepare(
      'SELECT recipient, reference, reported_on AS reportedOn, recorded_by AS recordedBy, recorded_at AS recordedAt FROM incident_reports WHERE incident_id = ? ORDER BY recorded_at, recipient',
    )
    .all(incidentId) as (Omit<ReportRow, 'reference'> & { reference: Buffer })[];
  return rows.map((r) => ({ ...r, reference: openText(s, key, referenceRef(incidentId, r.recipient), r.reference) }));
}

export interface OutsideChangeRow {
  id: string;
  incidentId: string;
  accountId: string;
  kind: OutsideChangeKind;
  changedAt: string;
  recordedBy: string;
  recordedAt: string;
}

const CHANGE_COLUMNS = `id, incident_id AS incidentId, account_id AS accountId, kind, changed_at AS changedAt, recorded_by AS recordedBy, recorded_at AS recordedAt`;

export function insertOutsideChange(db: Db, s: Sodium, key: Uint8Array, c: OutsideChangeRow & { description: string }): void {
  db.prepare(
    'INSERT INTO outside_changes (id, incident_id, account_id, kind, changed_at, description, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(c.id, c.incidentId, c.accountId, c.kind, c.changedAt, sealText(s, key, changeRef(c.id), c.description), c.recordedBy, c.recordedAt);
}

export function outsideChangesOf(db: Db, s: Sodium, key: Uint8Array, incidentId: string): (OutsideChangeRow & { description: string })[] {
  const rows = db
    .prepare(`SELECT ${CHANGE_COLUMNS}, description FROM outside_changes WHERE incident_id = ? ORDER BY changed_at, id`)
    .all(incidentId) as (OutsideChangeRow & { description: Buffer })[];
  return rows.map((r) => ({ ...r, description: openText(s, key, changeRef(r.id), r.description) }));
}

/**
 * The changes made outside Custodia that happened in [from, to) (ISO instants), without their
 * sealed descriptions: the monthly indicator (SUP-3) counts them against the authorized changes.
 */
export function outsideChangesBetween(db: Db, from: string, to: string): OutsideChangeRow[] {
  return db
    .prepare(`SELECT ${CHANGE_COLUMNS} FROM outside_changes WHERE changed_at >= ? AND changed_at < ? ORDER BY changed_at, id`)
    .all(from, to) as OutsideChangeRow[];
}
