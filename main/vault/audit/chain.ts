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
 * JCS text of an event's details with the row digests its transaction wrote: the same text as
 * canonicalJson's, the (possibly hundreds of thousands of) digests laid out directly, keys sorted
 * by UTF-16 code units as JCS sorts them, and each value a hex string or null.
 */
export function canonicalDetails(details: Record<string, unknown>, rows: Record<string, Record<string, string | null>>): string {
  const keys = [...Object.keys(details).filter((k) => k !== 'rows'), 'rows'].sort();
  const parts = keys.map((key) => `${JSON.stringify(key)}:${key === 'rows' ? canonicalRows(rows) : canonicalJson(details[key])}`);
  return `{${parts.join(',')}}`;
}

function canonicalRows(rows: Record<string, Record<string, string | null>>): string {
  const tables = Object.keys(rows).sort();
  const out: string[] = [];
  for (const table of tables) {
    const written = rows[table]!;
    const keys = Object.keys(written).sort();
    const entries = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) entries[i] = `${JSON.stringify(keys[i])}:${JSON.stringify(written[keys[i]!])}`;
    out.push(`${JSON.stringify(table)}:{${entries.join(',')}}`);
  }
  return `{${out.join(',')}}`;
}

/**
 * The hash of a stored event. Its body is assembled from the stored texts, which is JCS itself
 * when they are canonical (what Custodia writes); otherwise (older rows) it is canonicalized again.
 */
export function storedEventHash(s: Sodium, prevHash: Uint8Array, event: ChainedEvent): Uint8Array {
  if (event.stored) {
    return storedTextHash(s, prevHash, event, event.stored.subjects, event.stored.details, event.hash, () => event);
  }
  return eventHash(s, prevHash, event);
}

/**
 * The same from a row's columns, parsing its JSON only when the stored texts are not canonical
 * (the walks over the whole log read rows without parsing them).
 */
export function storedTextHash(
  s: Sodium,
  prevHash: Uint8Array,
  fields: { seq: number; at: string; actorId: string; action: string },
  subjects: string,
  details: string,
  storedHash: Uint8Array,
  parsed: () => AuditEvent,
): Uint8Array {
  const fast = textEventHash(s, prevHash, fields, subjects, details);
  if (fast.length === storedHash.length && Buffer.compare(fast, storedHash) === 0) return fast;
  return eventHash(s, prevHash, parsed());
}

/**
 * The hash of an event from the canonical (JCS) texts of its subjects and details: the body is JCS
 * itself (keys in order, integers and strings as JSON.stringify writes them), so a large event (a
 * re-key's, which binds every row) is serialized once for its hash and its row.
 */
export function textEventHash(
  s: Sodium,
  prevHash: Uint8Array,
  fields: { seq: number; at: string; actorId: string; action: string },
  subjects: string,
  details: string,
): Uint8Array {
  const body = `{"action":${JSON.stringify(fields.action)},"actorId":${JSON.stringify(fields.actorId)},"at":${JSON.stringify(fields.at)},"details":${details},"seq":${fields.seq},"subjects":${subjects}}`;
  return hashBody(s, prevHash, body);
}

/** One buffer for prevHash || body, reused: one call into libsodium per event. */
let scratch = Buffer.allocUnsafe(16 * 1024);

function hashBody(s: Sodium, prevHash: Uint8Array, body: string): Uint8Array {
  const length = prevHash.length + Buffer.byteLength(body);
  if (length > scratch.length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
  scratch.set(prevHash, 0);
  scratch.write(body, prevHash.length, 'utf8');
  return s.crypto_generichash(32, scratch.subarray(0, length), null);
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
