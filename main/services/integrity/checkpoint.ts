import type { IntegrityReport } from '../../../shared/integrity';
import type { AuditEntry } from '../../../shared/audit-actions';
import type { Db } from '../../vault/db';

/**
 * How many events a head's checkpoint lets pass before the next (issue 18): a restore, and every
 * keyholder's verification after an unlock, check one by one only the signatures after the last
 * checkpoint; one event per thousand keeps the log readable.
 */
export const CHECKPOINT_EVERY = 1_000;

/** The seq the newest checkpoint names (0 without one). Read only to decide whether another is due: a verification judges each. */
export function lastCheckpointSeq(db: Db): number {
  const details = db.prepare(`SELECT details FROM audit_events WHERE action = 'integrity.checkpoint' ORDER BY seq DESC LIMIT 1`).pluck().get() as
    string | undefined;
  if (details === undefined) return 0;
  try {
    const seq = Number((JSON.parse(details) as { seq?: unknown }).seq);
    return Number.isInteger(seq) ? seq : 0;
  } catch {
    return 0;
  }
}

/**
 * The checkpoint a head's session appends once its own verification found the log whole: the head
 * it verified (seq and chain hash) and the digest of every signature up to it, the form
 * verifyIntegrity honours (main/vault/integrity/verify.ts). Null when none is due.
 */
export function checkpointEntry(db: Db, report: IntegrityReport, signatures: string | undefined, at: string, every = CHECKPOINT_EVERY): AuditEntry | null {
  if (!report.ok || !signatures || !/^[0-9a-f]{128}$/.test(signatures)) return null;
  if (report.events - lastCheckpointSeq(db) < every) return null;
  return { at, action: 'integrity.checkpoint', subjects: {}, details: { seq: report.events, hash: report.headHash, signatures } };
}
