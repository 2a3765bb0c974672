import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { AuditFault, AuditVerification } from '../../../shared/contract';
import { signingPublicKeys } from '../repositories/keyholders';
import { kitPublicKeys } from '../repositories/recovery-kits';
import { ed25519Key, type Ed25519Key } from '../signatures';
import { GENESIS_HASH, storedTextHash } from './chain';
import { readChainRows, readSealedHead, type RawChainRow } from './log';
import { verifySignatures } from './parallel-verify';
import { readRoster } from '../integrity/roster';

/**
 * Walks the chain from the first event and names the first one that does not hold. Every event is
 * re-hashed from genesis; signatures are checked with Node's native Ed25519 (answering as
 * libsodium does: signatures.ts), on both cores for long logs.
 *
 * A keyholder's own earlier verification (their sealed record: `trusted`) spares the signatures up
 * to the head it found whole, when the chain still holds that head and the signatures up to it are
 * still the very bytes it checked (`signatures`, a digest of them all: an event's signature is not
 * part of its hash). Anything else, and `full`, checks every signature, as a first visit does.
 */
export interface TrustedHead {
  seq: number;
  /** The chain hash at `seq`, hex. */
  hash: string;
  /** signatureDigest of the signatures of events 1..seq; without it nothing is spared. */
  signatures?: string;
}

export interface ChainWalkOptions {
  trusted?: TrustedHead;
  /** Check every signature, whatever was verified before. */
  full?: boolean;
  /** Filled with how many signatures the walk checked (tests, bench). */
  stats?: { signatures: number };
}

export const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/**
 * Digest of the signatures in chain order: BLAKE2b-512 of their concatenation (64 bytes each, so it
 * is unambiguous), taken over the prefix walked so far. A signature of another length makes it a
 * marker that no stored digest equals (such a log never verified whole), so nothing is spared.
 */
export class SignatureDigest {
  private bytes = new Uint8Array(64 * 1024);
  private count = 0;
  private firstMalformed = -1;

  add(signature: Uint8Array): void {
    if ((this.count + 1) * 64 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (signature.length === 64) this.bytes.set(signature, this.count * 64);
    else if (this.firstMalformed < 0) this.firstMalformed = this.count;
    this.count += 1;
  }

  /** The digest of the signatures added so far, hex. */
  value(): string {
    if (this.firstMalformed >= 0) return `malformed at ${this.firstMalformed + 1}`;
    return createHash('blake2b512')
      .update(this.bytes.subarray(0, this.count * 64))
      .digest('hex');
  }
}

/**
 * Collects, event by event, the signatures a walk must check and finds, at the end, the first bad
 * one among the events walked. Shared by this walk and the integrity verification.
 */
export class SignatureChecks {
  private readonly keys: Ed25519Key[] = [];
  private readonly keyIndexOf = new Map<string, number>();
  // Kept in flat arrays, not as one Buffer per event: a long log walked leaves little for the collector.
  private size = 0;
  private seqs = new Float64Array(1024);
  private keyIndex = new Int32Array(1024);
  private messages = new Uint8Array(1024 * 32);
  private signatures = new Uint8Array(1024 * 64);
  private readonly malformed = new Set<number>();

  constructor(private readonly keyOf: (id: string) => Uint8Array | undefined) {}

  /** False when the key is unknown (the caller names the event). */
  hasKey(id: string): boolean {
    return this.index(id) !== undefined;
  }

  add(seq: number, keyId: string, message: Uint8Array, signature: Uint8Array): void {
    if (this.size === this.seqs.length) this.grow();
    const i = this.size++;
    this.seqs[i] = seq;
    this.keyIndex[i] = this.index(keyId)!;
    if (message.length === 32) this.messages.set(message, i * 32);
    else this.messages.fill(0, i * 32, i * 32 + 32);
    if (signature.length === 64) this.signatures.set(signature, i * 64);
    else {
      this.signatures.fill(0, i * 64, i * 64 + 64);
      this.malformed.add(i);
    }
  }

  /** How many signatures invalid(spared) checks. */
  count(spared = 0): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.seqs[i]! > spared) n += 1;
    return n;
  }

  /** The seqs, in order, whose signature does not verify; those at or below `spared` are not checked. */
  invalid(spared = 0): number[] {
    // Events are added in seq order: the spared ones are a prefix.
    let from = 0;
    while (from < this.size && this.seqs[from]! <= spared) from += 1;
    const valid = verifySignatures({
      keys: this.keys,
      keyIndex: this.keyIndex.subarray(from, this.size),
      messages: this.messages.subarray(from * 32, this.size * 32),
      signatures: this.signatures.subarray(from * 64, this.size * 64),
    });
    const bad: number[] = [];
    for (let j = 0; j < valid.length; j++) if (!valid[j] || this.malformed.has(from + j)) bad.push(this.seqs[from + j]!);
    return bad;
  }

  private grow(): void {
    const length = this.seqs.length * 2;
    const seqs = new Float64Array(length);
    seqs.set(this.seqs);
    const keyIndex = new Int32Array(length);
    keyIndex.set(this.keyIndex);
    const messages = new Uint8Array(length * 32);
    messages.set(this.messages);
    const signatures = new Uint8Array(length * 64);
    signatures.set(this.signatures);
    this.seqs = seqs;
    this.keyIndex = keyIndex;
    this.messages = messages;
    this.signatures = signatures;
  }

  private index(id: string): number | undefined {
    let i = this.keyIndexOf.get(id);
    if (i === undefined) {
      const raw = this.keyOf(id);
      if (!raw) return undefined;
      i = this.keys.push(ed25519Key(raw)) - 1;
      this.keyIndexOf.set(id, i);
    }
    return i;
  }
}

/** How far a trusted head spares signatures: its seq, when the walk found it still holds. */
export function sparedUpTo(trusted: TrustedHead | undefined, at: { hash: string; signatures: string } | undefined): number {
  if (!trusted || !at || trusted.signatures === undefined) return 0;
  return at.hash === trusted.hash && at.signatures === trusted.signatures ? trusted.seq : 0;
}

function slotsMatchRoster(db: Db, s: Sodium, slots: Map<string, Uint8Array>): boolean {
  const roster = readRoster(db, s);
  if (!roster) return false;
  for (const [id, key] of slots) if (roster.get(id)?.key !== Buffer.from(key).toString('hex')) return false;
  return true;
}

export function verifyAuditLog(db: Db, s: Sodium, auditKey: Uint8Array, options: ChainWalkOptions = {}): AuditVerification {
  // Keyholders' keys and the emergency kits' (issue 18): a recovery's events are signed by its kit.
  const stored = new Map([...signingPublicKeys(db), ...kitPublicKeys(db)]);
  const checks = new SignatureChecks((id) => stored.get(id));
  // The record was made with the keys of the signed roster; this walk takes the key slots': only while they agree does it spare.
  const trusted = options.full || !options.trusted || !slotsMatchRoster(db, s, stored) ? undefined : options.trusted;
  const digest = new SignatureDigest();
  let atTrusted: { hash: string; signatures: string } | undefined;

  let expectedSeq = 1;
  let prevHash: Uint8Array = GENESIS_HASH;
  let structural: { seq: number; reason: AuditFault; events: number } | undefined;
  const parsed = (e: RawChainRow) => () => ({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subjects: JSON.parse(e.subjects) as Record<string, string>,
    details: JSON.parse(e.details) as Record<string, never>,
  });

  for (const event of readChainRows(db)) {
    const stop = (seq: number, reason: AuditFault) => (structural = { seq, reason, events: expectedSeq - 1 });
    if (event.seq !== expectedSeq) {
      stop(expectedSeq, 'sequence_gap');
      break;
    }
    if (!equal(event.prevHash, prevHash)) {
      stop(event.seq, 'chain_broken');
      break;
    }
    if (!equal(storedTextHash(s, prevHash, event, event.subjects, event.details, event.hash, parsed(event)), event.hash)) {
      stop(event.seq, 'hash_mismatch');
      break;
    }
    if (!checks.hasKey(event.actorId)) {
      stop(event.seq, 'unknown_actor');
      break;
    }
    checks.add(event.seq, event.actorId, event.hash, event.signature);
    digest.add(event.signature);
    if (trusted && event.seq === trusted.seq) atTrusted = { hash: Buffer.from(event.hash).toString('hex'), signatures: digest.value() };
    prevHash = event.hash;
    expectedSeq += 1;
  }

  // The first bad event, as a walk checking each event in turn would name it: a bad signature
  // before the place the walk stopped comes first.
  const spared = sparedUpTo(trusted, atTrusted);
  if (options.stats) options.stats.signatures = checks.count(spared);
  const firstInvalid = checks.invalid(spared)[0];
  if (firstInvalid !== undefined) return { ok: false, events: firstInvalid - 1, firstBad: { seq: firstInvalid, reason: 'signature_invalid' } };
  if (structural) return { ok: false, events: structural.events, firstBad: { seq: structural.seq, reason: structural.reason } };

  const events = expectedSeq - 1;
  const bad = (seq: number, reason: AuditFault): AuditVerification => ({ ok: false, events, firstBad: { seq, reason } });
  const head = readSealedHead(db, s, auditKey);
  if (!head || head.seq > events) return bad(events + 1, 'truncated');
  if (head.seq < events) return bad(head.seq + 1, 'chain_broken');
  const headHash = s.to_hex(prevHash);
  if (head.hash !== headHash) return bad(events, 'hash_mismatch');
  return { ok: true, events, headHash };
}
