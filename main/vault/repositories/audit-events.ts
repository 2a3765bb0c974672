import type { Db } from '../db';

/**
 * Reading the audit log a page at a time for a screen (issue 13). The log's own walks (vault/audit)
 * read it whole and in order; this reads newest first, filtered on its plaintext columns.
 */
export interface AuditQuery {
  /** Exact actions (groups already expanded); undefined: every action. */
  actions?: readonly string[] | undefined;
  actorId?: string | undefined;
  /** Subjects naming this account. */
  accountId?: string | undefined;
  /** Subjects naming this person or keyholder. */
  personId?: string | undefined;
  /** ISO instants: at >= fromAt and at < toAt. */
  fromAt?: string | undefined;
  toAt?: string | undefined;
}

export interface StoredAuditRow {
  seq: number;
  at: string;
  actorId: string;
  action: string;
  subjects: string;
  details: string;
  prevHash: Uint8Array;
  hash: Uint8Array;
  signature: Uint8Array;
}

function where(q: AuditQuery): { sql: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (q.actions) {
    const names = q.actions.map((action, i) => {
      params[`a${i}`] = action;
      return `@a${i}`;
    });
    clauses.push(names.length ? `action IN (${names.join(', ')})` : '0');
  }
  if (q.actorId !== undefined) {
    clauses.push('actor_id = @actorId');
    params.actorId = q.actorId;
  }
  if (q.accountId !== undefined) {
    // Stored subjects are JSON written by Custodia; an edited row that is no JSON matches nothing, never throws.
    clauses.push("(json_valid(subjects) AND json_extract(subjects, '$.account') = @accountId)");
    params.accountId = q.accountId;
  }
  if (q.personId !== undefined) {
    clauses.push("(json_valid(subjects) AND (json_extract(subjects, '$.person') = @personId OR json_extract(subjects, '$.keyholder') = @personId))");
    params.personId = q.personId;
  }
  if (q.fromAt !== undefined) {
    clauses.push('at >= @fromAt');
    params.fromAt = q.fromAt;
  }
  if (q.toAt !== undefined) {
    clauses.push('at < @toAt');
    params.toAt = q.toAt;
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

export function countMatching(db: Db, q: AuditQuery): number {
  const { sql, params } = where(q);
  return (db.prepare(`SELECT count(*) AS n FROM audit_events WHERE ${sql}`).get(params) as { n: number }).n;
}

/** Matching events before `beforeSeq` (all when undefined), newest first, at most `limit`. */
export function matchingEvents(db: Db, q: AuditQuery, page: { beforeSeq?: number | undefined; limit: number }): StoredAuditRow[] {
  const { sql, params } = where(q);
  const before = page.beforeSeq === undefined ? '' : ' AND seq < @beforeSeq';
  return db
    .prepare(
      `SELECT seq, at, actor_id AS actorId, action, subjects, details, prev_hash AS prevHash, hash, signature
       FROM audit_events WHERE ${sql}${before} ORDER BY seq DESC LIMIT @limit`,
    )
    .all({ ...params, ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }), limit: page.limit }) as StoredAuditRow[];
}
