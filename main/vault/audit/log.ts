import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { readMeta, writeMeta } from '../repositories/meta';
import { openBox, sealBox } from '../aead';
import { CustodiaError } from '../../domain/errors';
import { GENESIS_HASH, eventHash, type AuditEvent, type ChainedEvent } from './chain';

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

export function lastEvent(db: Db): ChainHead {
  const row = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer } | undefined;
  return row ? { seq: row.seq, hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Appends one signed event. Call it inside the transaction that makes the change it records. */
export function appendEvent(db: Db, s: Sodium, auditKey: Uint8Array, signer: Signer, input: NewAuditEvent): ChainedEvent {
  if (!db.inTransaction) throw new Error('audit events are written in the transaction of their change');
  const head = lastEvent(db);
  const event: AuditEvent = { ...input, seq: head.seq + 1, actorId: signer.keyholderId };
  const hash = eventHash(s, head.hash, event);
  const signature = s.crypto_sign_detached(hash, signer.secretKey);
  db.prepare(
    `INSERT INTO audit_events (seq, at, actor_id, action, subjects, details, prev_hash, hash, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(event.seq, event.at, event.actorId, event.action, JSON.stringify(event.subjects), JSON.stringify(event.details), head.hash, hash, signature);
  writeSealedHead(db, s, auditKey, { seq: event.seq, hash });
  return { ...event, prevHash: head.hash, hash, signature };
}

function writeSealedHead(db: Db, s: Sodium, auditKey: Uint8Array, head: ChainHead): void {
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
    };
  }
}

export function countEvents(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
}
