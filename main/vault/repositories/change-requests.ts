import type { Db } from '../db';
import type { ChangeKindId, RequestStatus } from '../../../shared/domain';

/** Co-signed change requests. `payload` and `decision_reason` hold sealed boxes made by the caller. */
export interface ChangeRequestRow {
  id: string;
  kind: ChangeKindId;
  /** Null for changes that concern no account (institution settings). */
  accountId: string | null;
  status: RequestStatus;
  payload: Uint8Array;
  digest: Uint8Array;
  proposedBy: string;
  proposedAt: string;
  proposerSignature: Uint8Array;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionSignature: Uint8Array | null;
  decisionReason: Uint8Array | null;
}

interface Raw {
  id: string;
  kind: ChangeKindId;
  account_id: string | null;
  status: RequestStatus;
  payload: Buffer;
  digest: Buffer;
  proposed_by: string;
  proposed_at: string;
  proposer_signature: Buffer;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_signature: Buffer | null;
  decision_reason: Buffer | null;
}

const fromRaw = (r: Raw): ChangeRequestRow => ({
  id: r.id,
  kind: r.kind,
  accountId: r.account_id,
  status: r.status,
  payload: r.payload,
  digest: r.digest,
  proposedBy: r.proposed_by,
  proposedAt: r.proposed_at,
  proposerSignature: r.proposer_signature,
  expiresAt: r.expires_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionSignature: r.decision_signature,
  decisionReason: r.decision_reason,
});

export function insertChangeRequest(db: Db, r: ChangeRequestRow): void {
  db.prepare(
    `INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at)
     VALUES (@id, @kind, @accountId, @status, @payload, @digest, @proposedBy, @proposedAt, @proposerSignature, @expiresAt)`,
  ).run(r);
}

export function findChangeRequest(db: Db, id: string): ChangeRequestRow | undefined {
  const raw = db.prepare('SELECT * FROM change_requests WHERE id = ?').get(id) as Raw | undefined;
  return raw && fromRaw(raw);
}

export function pendingChangeRequests(db: Db): ChangeRequestRow[] {
  return (db.prepare("SELECT * FROM change_requests WHERE status = 'pending' ORDER BY proposed_at").all() as Raw[]).map(fromRaw);
}

export function countPending(db: Db, accountId: string): number {
  return (db.prepare("SELECT count(*) AS n FROM change_requests WHERE status = 'pending' AND account_id = ?").get(accountId) as { n: number }).n;
}

/** Only a pending request can be decided; returns false when it was not pending any more. */
export function decideChangeRequest(
  db: Db,
  id: string,
  d: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: string; decisionSignature: Uint8Array; decisionReason: Uint8Array | null },
): boolean {
  const result = db
    .prepare(
      `UPDATE change_requests SET status = @status, decided_by = @decidedBy, decided_at = @decidedAt,
         decision_signature = @decisionSignature, decision_reason = @decisionReason
       WHERE id = @id AND status = 'pending'`,
    )
    .run({ id, ...d });
  return result.changes === 1;
}

/** A request as the requests view lists it: whether its approved change still waits for a last step. */
export interface ListedChangeRequest extends ChangeRequestRow {
  /** Approved, and its version not yet confirmed applied, its seed export not yet shown, its platform role not yet confirmed made or removed, or its KeePass export not yet performed. */
  awaiting: boolean;
  /** The credential version an approved password change became, if any. */
  versionN: number | null;
}

// One version per request, but the «inventario inicial» (issue 18, migration 010), which authorizes the first of
// many accounts': one of them stands for all (each is applied in the approval itself, so none awaits).
const LISTED = `SELECT r.*, v.n AS version_n,
    (r.status = 'approved' AND ((v.id IS NOT NULL AND v.applied_at IS NULL) OR (e.request_id IS NOT NULL AND e.shown_at IS NULL)
      OR EXISTS (SELECT 1 FROM platform_roles g WHERE (g.grant_request_id = r.id AND g.state = 'granting') OR (g.revoke_request_id = r.id AND g.state = 'revoking'))
      OR EXISTS (SELECT 1 FROM vault_exports x WHERE x.request_id = r.id AND x.performed_at IS NULL))) AS awaiting
  FROM change_requests r
  LEFT JOIN credential_versions v ON v.id = (SELECT id FROM credential_versions WHERE change_request_id = r.id LIMIT 1)
  LEFT JOIN totp_exports e ON e.request_id = r.id`;

/**
 * The newest `limit` requests (one account's, or all), and every one still open (pending and not
 * expired) whatever its age, newest first.
 */
export function listChangeRequests(db: Db, f: { accountId: string | null; now: string; limit: number }): ListedChangeRequest[] {
  const params = { accountId: f.accountId, now: f.now, limit: f.limit };
  const scope = '(@accountId IS NULL OR r.account_id = @accountId)';
  // The ids first, then the listed columns (their correlated lookups) for those alone: not for every request ever made.
  const rows = db
    .prepare(
      `WITH picked(id) AS (
         SELECT id FROM (SELECT r.id FROM change_requests r WHERE ${scope} ORDER BY r.proposed_at DESC, r.id DESC LIMIT @limit)
         UNION
         SELECT r.id FROM change_requests r WHERE ${scope} AND r.status = 'pending' AND r.expires_at > @now
       )
       SELECT * FROM (${LISTED} WHERE r.id IN (SELECT id FROM picked))
       ORDER BY proposed_at DESC, id DESC`,
    )
    .all(params) as (Raw & { version_n: number | null; awaiting: number })[];
  return rows.map((r) => ({ ...fromRaw(r), awaiting: r.awaiting === 1, versionN: r.version_n }));
}

/** The open request (pending, not expired) of this kind for this account (null: the institution), if any. */
export function openRequestOf(db: Db, kind: ChangeKindId, accountId: string | null, now: string): string | undefined {
  const row = db
    .prepare("SELECT id FROM change_requests WHERE status = 'pending' AND kind = ? AND account_id IS ? AND expires_at > ? ORDER BY proposed_at LIMIT 1")
    .get(kind, accountId, now) as { id: string } | undefined;
  return row?.id;
}

/** Every open request of a kind on one account (or the institution), oldest first. */
export function openRequestIds(db: Db, kind: ChangeKindId, accountId: string | null, now: string): string[] {
  return db
    .prepare("SELECT id FROM change_requests WHERE status = 'pending' AND kind = ? AND account_id IS ? AND expires_at > ? ORDER BY proposed_at")
    .pluck()
    .all(kind, accountId, now) as string[];
}
