import canonicalize from 'canonicalize';
import type { Sodium } from '../sodium';
import type { DetailValue } from '../../../shared/result';

/**
 * The audit chain: hash(n) = BLAKE2b-256(hash(n-1) || JCS(event n)), and each hash is signed
 * by the acting keyholder with Ed25519. JCS (RFC 8785) makes the bytes independent of key order.
 */
export const GENESIS_HASH = new Uint8Array(32);

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string;
  action: string;
  /** Ids of what the event is about, by kind: `{ keyholder: '…' }`. Never typed text. */
  subjects: Record<string, string>;
  /** Non-secret structure only: counts, enums, reasons. */
  details: Record<string, DetailValue>;
}

export interface ChainedEvent extends AuditEvent {
  prevHash: Uint8Array;
  hash: Uint8Array;
  signature: Uint8Array;
}

const encoder = new TextEncoder();

export function eventHash(s: Sodium, prevHash: Uint8Array, event: AuditEvent): Uint8Array {
  const body = canonicalize({
    seq: event.seq,
    at: event.at,
    actorId: event.actorId,
    action: event.action,
    subjects: event.subjects,
    details: event.details,
  });
  if (body === undefined) throw new Error('audit event is not serialisable');
  const state = s.crypto_generichash_init(null, 32);
  s.crypto_generichash_update(state, prevHash);
  s.crypto_generichash_update(state, encoder.encode(body));
  return s.crypto_generichash_final(state, 32);
}
