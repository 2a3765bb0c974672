import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { AuditFault, AuditVerification } from '../../../shared/contract';
import { signingPublicKeys } from '../repositories/keyholders';
import { GENESIS_HASH, storedEventHash } from './chain';
import { readEvents, readSealedHead } from './log';

/**
 * Walks the chain from the first event and names the first one that does not hold. Signatures
 * are checked with Node's native Ed25519 (several times faster than libsodium's WASM build).
 */
export function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

export function verifyAuditLog(db: Db, s: Sodium, auditKey: Uint8Array): AuditVerification {
  const keys = new Map<string, KeyObject>();
  for (const [id, raw] of signingPublicKeys(db)) keys.set(id, publicKeyObject(raw));

  let expectedSeq = 1;
  let prevHash: Uint8Array = GENESIS_HASH;
  const bad = (seq: number, reason: AuditFault): AuditVerification => ({ ok: false, events: expectedSeq - 1, firstBad: { seq, reason } });

  for (const event of readEvents(db)) {
    if (event.seq !== expectedSeq) return bad(expectedSeq, 'sequence_gap');
    if (!equal(event.prevHash, prevHash)) return bad(event.seq, 'chain_broken');
    if (!equal(storedEventHash(s, prevHash, event), event.hash)) return bad(event.seq, 'hash_mismatch');
    const key = keys.get(event.actorId);
    if (!key) return bad(event.seq, 'unknown_actor');
    if (!verifySignature(null, event.hash, key, event.signature)) return bad(event.seq, 'signature_invalid');
    prevHash = event.hash;
    expectedSeq += 1;
  }

  const events = expectedSeq - 1;
  const head = readSealedHead(db, s, auditKey);
  if (!head || head.seq > events) return bad(events + 1, 'truncated');
  if (head.seq < events) return bad(head.seq + 1, 'chain_broken');
  const headHash = s.to_hex(prevHash);
  if (head.hash !== headHash) return bad(events, 'hash_mismatch');
  return { ok: true, events, headHash };
}
