import canonicalize from 'canonicalize';
import { createPublicKey, verify as nativeVerify, type KeyObject } from 'node:crypto';
import type { Sodium } from './sodium';

/**
 * Digests and intent signatures for co-signed changes. The digest is keyed (a VK-derived key),
 * so the digest stored in clear says nothing about a low-entropy field it covers. Each signer
 * signs hash(intent || digest), so a proposal signature can never be replayed as an approval.
 */
export type Intent = 'propose' | 'approve' | 'reject' | 'roster' | 'checkpoint' | 'enrol';
const encoder = new TextEncoder();

export function keyedDigest(s: Sodium, key: Uint8Array, value: unknown): Uint8Array {
  const body = canonicalize(value);
  if (body === undefined) throw new Error('digest input is not serialisable');
  return s.crypto_generichash(32, encoder.encode(body), key);
}

/** Keyed BLAKE2b of a secret's NFC form: equal secrets, equal fingerprints; nothing else learnt. */
export function secretFingerprint(s: Sodium, key: Uint8Array, secret: string): Uint8Array {
  const bytes = encoder.encode(secret.normalize('NFC'));
  try {
    return s.crypto_generichash(32, bytes, key);
  } finally {
    s.memzero(bytes);
  }
}

function intentMessage(s: Sodium, intent: Intent, digest: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`custodia/v1/${intent}:`);
  const message = new Uint8Array(prefix.length + digest.length);
  message.set(prefix);
  message.set(digest, prefix.length);
  return s.crypto_generichash(32, message, null);
}

export function signIntent(s: Sodium, secretKey: Uint8Array, intent: Intent, digest: Uint8Array): Uint8Array {
  return s.crypto_sign_detached(intentMessage(s, intent, digest), secretKey);
}

export function verifyIntent(s: Sodium, publicKey: Uint8Array, intent: Intent, digest: Uint8Array, signature: Uint8Array): boolean {
  try {
    return s.crypto_sign_verify_detached(signature, intentMessage(s, intent, digest), publicKey);
  } catch {
    return false;
  }
}

/**
 * Ed25519 verification with Node's native implementation (OpenSSL; BoringSSL in Electron), for the
 * walks that check thousands of signatures. libsodium (what signs) refuses more than OpenSSL does:
 * a public key or an R that is a point of small order, and a public key whose encoding is not
 * canonical. Those are refused here before OpenSSL sees them, so both say the same of every
 * signature (test/unit/vault/ed25519.test.ts); OpenSSL itself refuses a non-canonical S.
 */
const P = 2n ** 255n - 19n;
/** The y of every point of order 1, 2, 4 and 8, and the two that have a second encoding below 2^255 (p, p+1). */
const SMALL_ORDER_Y = [
  0n,
  1n,
  2707385501144840649318225287225658788936804267575313519463743609750303402022n,
  55188659117513257062467267217118295137698188065244968500265048394206261417927n,
  P - 1n,
  P,
  P + 1n,
];
const littleEndian = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const SMALL_ORDER = SMALL_ORDER_Y.map(littleEndian);

/** libsodium's ge25519_has_small_order: the encoding (sign bit ignored) names a point of small order. */
export function hasSmallOrder(point: Uint8Array): boolean {
  return SMALL_ORDER.some((y) => {
    for (let i = 0; i < 31; i++) if (point[i] !== y[i]) return false;
    return (point[31]! & 0x7f) === y[31];
  });
}

/** libsodium's ge25519_is_canonical: y < p. */
export function isCanonicalPoint(point: Uint8Array): boolean {
  if ((point[31]! & 0x7f) !== 0x7f || point[0]! < 0xed) return true;
  for (let i = 1; i < 31; i++) if (point[i] !== 0xff) return true;
  return false;
}

/** A public key ready for native checks; `object` is null when libsodium would refuse the key itself. */
export interface Ed25519Key {
  raw: Uint8Array;
  object: KeyObject | null;
}

export function ed25519Key(raw: Uint8Array): Ed25519Key {
  if (raw.length !== 32 || !isCanonicalPoint(raw) || hasSmallOrder(raw)) return { raw, object: null };
  try {
    return { raw, object: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' }) };
  } catch {
    return { raw, object: null };
  }
}

/** The checks libsodium makes before the curve arithmetic, which the native call does not: shape and R's order. */
export const signatureShapeOk = (signature: Uint8Array) => signature.length === 64 && !hasSmallOrder(signature.subarray(0, 32));

/** Same answer as libsodium's crypto_sign_verify_detached, at native speed. */
export function ed25519Verify(key: Ed25519Key, message: Uint8Array, signature: Uint8Array): boolean {
  if (!key.object || !signatureShapeOk(signature)) return false;
  try {
    return nativeVerify(null, message, key.object, signature);
  } catch {
    return false;
  }
}
