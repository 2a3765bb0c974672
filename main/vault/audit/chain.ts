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
  /** The stored JSON texts of subjects and details (canonical when Custodia wrote them). */
  stored?: { subjects: string; details: string };
}

const encoder = new TextEncoder();

export function eventHash(s: Sodium, prevHash: Uint8Array, event: AuditEvent): Uint8Array {
  return hashBody(s, prevHash, canonicalBody(event));
}

/** JCS text of subjects and details, as Custodia stores them (so that a verifier need not canonicalize again). */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit event is not serialisable');
  return text;
};

/**
 * The hash of a stored event. Its body is assembled from the stored texts, which is JCS itself
 * when they are canonical (what Custodia writes); otherwise (older rows) it is canonicalized again.
 */
export function storedEventHash(s: Sodium, prevHash: Uint8Array, event: ChainedEvent): Uint8Array {
  if (event.stored) {
    const { subjects, details } = event.stored;
    const body = `{"action":${JSON.stringify(event.action)},"actorId":${JSON.stringify(event.actorId)},"at":${JSON.stringify(event.at)},"details":${details},"seq":${event.seq},"subjects":${subjects}}`;
    const fast = hashBody(s, prevHash, body);
    if (Buffer.compare(fast, event.hash) === 0) return fast;
  }
  return eventHash(s, prevHash, event);
}

function hashBody(s: Sodium, prevHash: Uint8Array, body: string): Uint8Array {
  const state = s.crypto_generichash_init(null, 32);
  s.crypto_generichash_update(state, prevHash);
  s.crypto_generichash_update(state, encoder.encode(body));
  return s.crypto_generichash_final(state, 32);
}

function canonicalBody(event: AuditEvent): string {
  const body = canonicalize({
    seq: event.seq,
    at: event.at,
    actorId: event.actorId,
    action: event.action,
    subjects: event.subjects,
    details: event.details,
  });
  if (body === undefined) throw new Error('audit event is not serialisable');
  return body;
}
