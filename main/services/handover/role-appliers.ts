import { CLOCK_TOLERANCE_MS } from '../../domain/authority';
import type { Db } from '../../vault/db';

/** A platform role's grant and revocation times, as the handover checklist reads them. */
export interface GrantTimes {
  id: string;
  grantedAt: string | null;
  revokedAt: string | null;
}

/**
 * Who confirmed each grant change applied on the platform: the actor of its `role.applied` event
 * (signed; the row keeps only the time). Read from the first event that can be as late as the
 * earliest of those times: events are appended in order and a write's time is never more than
 * CLOCK_TOLERANCE_MS behind the latest before it, so a binary search over seq on `at` (lowered by
 * twice the tolerance) finds a safe start without scanning the log.
 */
export function roleAppliers(db: Db, grants: readonly GrantTimes[]): Map<string, string> {
  const times = grants.flatMap((g) => [g.grantedAt, g.revokedAt]).filter((t): t is string => t !== null);
  if (times.length === 0) return new Map();
  const earliest = new Date(Date.parse(times.sort()[0]!) - 2 * CLOCK_TOLERANCE_MS).toISOString();
  const from = Math.max(1, firstSeqFrom(db, earliest) - 1);
  const wanted = new Set(grants.map((g) => g.id));
  const rows = db.prepare(`SELECT actor_id AS actor, subjects FROM audit_events WHERE seq >= ? AND action = 'role.applied' ORDER BY seq`).all(from) as {
    actor: string;
    subjects: string;
  }[];
  const by = new Map<string, string>();
  for (const r of rows) {
    const grant = (JSON.parse(r.subjects) as { grant?: string }).grant;
    if (grant && wanted.has(grant)) by.set(grant, r.actor);
  }
  return by;
}

function firstSeqFrom(db: Db, at: string): number {
  const last = (db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number | null) ?? 0;
  const atOf = db.prepare('SELECT at FROM audit_events WHERE seq = ?').pluck();
  let lo = 1;
  let hi = last + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const value = atOf.get(mid) as string | undefined;
    if (value === undefined || value < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
