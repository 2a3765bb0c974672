import { randomBytes } from 'node:crypto';
import type { Sodium } from './sodium';

/**
 * XChaCha20-Poly1305 boxes: nonce (24 bytes) || ciphertext+tag. Nonces come from node:crypto
 * (a CSPRNG, ~25x cheaper per call than randombytes_buf in WASM).
 */
const NONCE_BYTES = 24;
const encoder = new TextEncoder();

export class AeadOpenError extends Error {
  constructor() {
    super('AEAD_OPEN_FAILED');
  }
}

export function randomKeyBytes(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

export function sealBox(s: Sodium, key: Uint8Array, plaintext: Uint8Array, associatedData: string): Uint8Array {
  const nonce = randomKeyBytes(NONCE_BYTES);
  const cipher = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, encoder.encode(associatedData), null, nonce, key);
  const box = new Uint8Array(NONCE_BYTES + cipher.length);
  box.set(nonce, 0);
  box.set(cipher, NONCE_BYTES);
  return box;
}

export function openBox(s: Sodium, key: Uint8Array, box: Uint8Array, associatedData: string): Uint8Array {
  if (box.length < NONCE_BYTES + s.crypto_aead_xchacha20poly1305_ietf_ABYTES) throw new AeadOpenError();
  try {
    return s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, box.subarray(NONCE_BYTES), encoder.encode(associatedData), box.subarray(0, NONCE_BYTES), key);
  } catch {
    throw new AeadOpenError();
  }
}
