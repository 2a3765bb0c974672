import type { KeyholderRole } from '../../../shared/domain';
import type { HandoverStatus } from '../../../shared/handover';
import type { Db } from '../../vault/db';

/**
 * The handovers table (migration 007): written by the coordinator's co-signed kinds only — the
 * approval of `keyholder.enrol` naming an outgoing keyholder inserts the row, the approval of
 * `keyholder.revoke` naming it completes it. Read here.
 */
export interface HandoverRow {
  id: string;
  role: KeyholderRole;
  outgoingKeyholderId: string;
  incomingKeyholderId: string;
  startRequestId: string;
  startedAt: string;
  status: HandoverStatus;
  completeRequestId: string | null;
  completedAt: string | null;
}

const COLUMNS = `id, role, outgoing_keyholder_id AS outgoingKeyholderId, incoming_keyholder_id AS incomingKeyholderId,
  start_request_id AS startRequestId, started_at AS startedAt, status, complete_request_id AS completeRequestId, completed_at AS completedAt`;

export function findHandover(db: Db, id: string): HandoverRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM handovers WHERE id = ?`).get(id) as HandoverRow | undefined;
}

/** Every handover, the newest first. */
export function listHandovers(db: Db): HandoverRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM handovers ORDER BY started_at DESC, id`).all() as HandoverRow[];
}

/** Whether the keyholder is the incoming one of a handover still open. */
export function receivesHandover(db: Db, keyholderId: string): boolean {
  return db.prepare(`SELECT 1 FROM handovers WHERE status = 'open' AND incoming_keyholder_id = ?`).get(keyholderId) !== undefined;
}

export function confirmationExists(db: Db, handoverId: string, accountId: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM handover_confirmations WHERE handover_id = ? AND account_id = ? AND item = 'sessions_closed'`).get(handoverId, accountId) !==
    undefined
  );
}

export function insertConfirmation(db: Db, c: { handoverId: string; accountId: string; by: string; at: string }): void {
  db.prepare(`INSERT INTO handover_confirmations (handover_id, account_id, item, confirmed_by, confirmed_at) VALUES (?, ?, 'sessions_closed', ?, ?)`).run(
    c.handoverId,
    c.accountId,
    c.by,
    c.at,
  );
}
