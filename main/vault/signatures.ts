import canonicalize from 'canonicalize';
import type { Sodium } from './sodium';

/**
 * Digests and intent signatures for co-signed changes. The digest is keyed (a VK-derived key),
 * so the digest stored in clear says nothing about a low-entropy field it covers. Each signer
 * signs hash(intent || digest), so a proposal signature can never be replayed as an approval.
 */
export type Intent = 'propose' | 'approve' | 'reject' | 'roster' | 'checkpoint';
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
