import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { readMeta, writeMeta } from '../repositories/meta';
import { openBox, sealBox } from '../aead';
import { CustodiaError } from '../../domain/errors';
import { GENESIS_HASH, canonicalDetails, canonicalJson, textEventHash, type AuditEvent, type ChainedEvent } from './chain';
import { isClockBehind } from '../../domain/authority';
import { collectTouched } from '../integrity/capture';

export interface Signer {
  keyholderId: string;
  secretKey: Uint8Array;
}

export type NewAuditEvent = Omit<AuditEvent, 'seq' | 'actorId'>;

/**
 * The chain head (seq + hash) is also kept sealed under a VK-derived key, so that cutting events
 * off the end, which leaves a valid shorter chain, is still detected by whoever holds the key.
 */
const HEAD_KEY = 'audit_head';
const HEAD_AD = 'custodia/v1/meta/audit_head';

export interface ChainHead {
  seq: number;
  hash: Uint8Array;
}

export interface LastEvent extends ChainHead {
  at: string | null;
}

interface RawEvent {
  seq: number;
  at: string;
  actor_id: string;
  action: string;
  subjects: string;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
  signature: Buffer;
}

export function lastEvent(db: Db): LastEvent {
  const row = db.prepare('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer; at: string } | undefined;
  return row ? { seq: row.seq, hash: row.hash, at: row.at } : { seq: 0, hash: GENESIS_HASH, at: null };
}

/**
 * Refuses to write after a cut log: the sealed head must name the last event (a tail cut, which
 * leaves a valid shorter chain, is never papered over by the next append).
 */
export function assertHeadIntact(db: Db, s: Sodium, auditKey: Uint8Array, head: ChainHead = lastEvent(db)): void {
  const sealed = readSealedHead(db, s, auditKey);
  if (sealed === undefined && head.seq === 0) return;
  if (!sealed || sealed.seq !== head.seq || sealed.hash !== s.to_hex(head.hash)) {
    throw new CustodiaError('AUDIT_CUT', { sealedSeq: sealed?.seq ?? 0, lastSeq: head.seq });
  }
}

/**
 * Appends one signed event. Call it inside the transaction that makes the change it records: the
 * digests of the rows that transaction wrote go into the event, so the state is bound to the log.
 * A time earlier than the last event's (beyond a small tolerance) is refused: the clock went back.
 */
export function appendEvent(db: Db, s: Sodium, auditKey: Uint8Array, signer: Signer, input: NewAuditEvent): ChainedEvent {
  if (!db.inTransaction) throw new Error('audit events are written in the transaction of their change');
  const head = lastEvent(db);
  assertHeadIntact(db, s, auditKey, head);
  if (head.at !== null && isClockBehind(input.at, head.at)) throw new CustodiaError('CLOCK_BEHIND', { lastEventAt: head.at });
  const rows = collectTouched(db, s);
  const details = rows ? { ...input.details, rows } : input.details;
  const event: AuditEvent = { ...input, details, seq: head.seq + 1, actorId: signer.keyholderId };
  const subjectsText = canonicalJson(event.subjects);
  const detailsText = rows ? canonicalDetails(input.details as Record<string, unknown>, rows) : canonicalJson(event.details);
  const hash = textEventHash(s, head.hash, event, subjectsText, detailsText);
  const signature = s.crypto_sign_detached(hash, signer.secretKey);
  db.prepare(
    `INSERT INTO audit_events (seq, at, actor_id, action, subjects, details, prev_hash, hash, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(event.seq, event.at, event.actorId, event.action, subjectsText, detailsText, head.hash, hash, signature);
  writeSealedHead(db, s, auditKey, { seq: event.seq, hash });
  return { ...event, prevHash: head.hash, hash, signature };
}

export function writeSealedHead(db: Db, s: Sodium, auditKey: Uint8Array, head: ChainHead): void {
  const plain = new TextEncoder().encode(JSON.stringify({ seq: head.seq, hash: s.to_hex(head.hash) }));
  writeMeta(db, HEAD_KEY, sealBox(s, auditKey, plain, HEAD_AD));
}

export function readSealedHead(db: Db, s: Sodium, auditKey: Uint8Array): { seq: number; hash: string } | undefined {
  const box = readMeta(db, HEAD_KEY);
  if (!box) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(openBox(s, auditKey, box, HEAD_AD))) as { seq: number; hash: string };
  } catch {
    throw new CustodiaError('RECORD_TAMPERED', { table: 'vault_meta', rowId: HEAD_KEY, column: 'value' });
  }
}

/**
 * A re-key (main/vault/rekey) seals the same head under the new audit key, in its transaction; a
 * head that does not open under the old key is refused as readSealedHead refuses it.
 */
export function resealHead(db: Db, s: Sodium, fromKey: Uint8Array, toKey: Uint8Array): void {
  const head = readSealedHead(db, s, fromKey);
  if (head) writeSealedHead(db, s, toKey, { seq: head.seq, hash: s.from_hex(head.hash) });
}

export function* readEvents(db: Db): Generator<ChainedEvent> {
  const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<RawEvent>;
  for (const r of rows) {
    yield {
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      subjects: JSON.parse(r.subjects) as ChainedEvent['subjects'],
      details: JSON.parse(r.details) as ChainedEvent['details'],
      prevHash: r.prev_hash,
      hash: r.hash,
      signature: r.signature,
      stored: { subjects: r.subjects, details: r.details },
    };
  }
}

/** A stored event as the whole-log walks read it: columns only, its JSON texts not parsed. */
export interface RawChainRow {
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

const NO_BYTES = new Uint8Array(0);
const bytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : NO_BYTES);

/** Every event in order, one reused object (copy what must outlive the step): the walks allocate little. */
export function* readChainRows(db: Db): Generator<RawChainRow> {
  const rows = db
    .prepare('SELECT seq, at, actor_id, action, subjects, details, prev_hash, hash, signature FROM audit_events ORDER BY seq')
    .raw(true)
    .iterate() as IterableIterator<[number, string, string, string, string, string, Buffer, Buffer, Buffer]>;
  const row = {
    seq: 0,
    at: '',
    actorId: '',
    action: '',
    subjects: '',
    details: '',
    prevHash: GENESIS_HASH,
    hash: GENESIS_HASH,
    signature: GENESIS_HASH,
  } as RawChainRow;
  for (const r of rows) {
    row.seq = r[0];
    row.at = r[1];
    row.actorId = r[2];
    row.action = r[3];
    row.subjects = r[4];
    row.details = r[5];
    // A column an editor set to text or a number is no hash and no signature: it compares unequal, never throws.
    row.prevHash = bytes(r[6]);
    row.hash = bytes(r[7]);
    row.signature = bytes(r[8]);
    yield row;
  }
}

export function countEvents(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
}
