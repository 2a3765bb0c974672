import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { RosterMember } from '../integrity/roster';
import { storedTextHash, type AuditEvent } from './chain';
import type { RawChainRow } from './log';
import { equal } from './verify';

/** One stored event, as its columns hold it (the chain walk's row: main/vault/audit/log.ts). */
export type StoredEvent = RawChainRow;

const COLUMNS = 'seq, at, actor_id AS actorId, action, subjects, details, prev_hash AS prevHash, hash, signature';

/** The newest event of `action` (optionally: whose subjects' `key` is `value`), or undefined. */
export function newestEvent(db: Db, action: string, subject?: { key: string; value: string }): StoredEvent | undefined {
  if (!subject) return db.prepare(`SELECT ${COLUMNS} FROM audit_events WHERE action = ? ORDER BY seq DESC LIMIT 1`).get(action) as StoredEvent | undefined;
  return db
    .prepare(`SELECT ${COLUMNS} FROM audit_events WHERE action = ? AND json_extract(subjects, ?) = ? ORDER BY seq DESC LIMIT 1`)
    .get(action, `$.${subject.key}`, subject.value) as StoredEvent | undefined;
}

/**
 * Whether one event holds without walking the whole log: its hash recomputed from its own columns,
 * linked to the event before it (and to the one after, when `next` says where to look), and signed by
 * the roster member who is its actor, not retired before it. An edited date, a relabelled or a forged
 * event fails; the full verification is what finds everything else.
 */
export function eventHolds(
  db: Db,
  s: Sodium,
  e: StoredEvent,
  roster: ReadonlyMap<string, RosterMember> | undefined,
  nextHash?: () => string | undefined,
): boolean {
  const parsed = (): AuditEvent => ({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subjects: JSON.parse(e.subjects) as AuditEvent['subjects'],
    details: JSON.parse(e.details) as AuditEvent['details'],
  });
  try {
    if (!equal(storedTextHash(s, e.prevHash, e, e.subjects, e.details, e.hash, parsed), e.hash)) return false;
  } catch {
    return false; // its JSON does not even parse: an edited row
  }
  const before = db
    .prepare('SELECT hash FROM audit_events WHERE seq = ?')
    .pluck()
    .get(e.seq - 1) as Buffer | undefined;
  if (!before || !equal(before, e.prevHash)) return false;
  const after = db
    .prepare('SELECT prev_hash FROM audit_events WHERE seq = ?')
    .pluck()
    .get(e.seq + 1) as Buffer | undefined;
  if (after ? !equal(after, e.hash) : nextHash && nextHash() !== s.to_hex(e.hash)) return false;
  const member = roster?.get(e.actorId);
  if (!member || (member.retiredAt !== undefined && member.retiredAt <= e.seq)) return false;
  try {
    return s.crypto_sign_verify_detached(e.signature, e.hash, s.from_hex(member.key));
  } catch {
    return false;
  }
}
