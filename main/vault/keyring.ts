import type { Sodium } from './sodium';
import { AeadOpenError, openBox, sealBox } from './aead';
import { CustodiaError } from '../domain/errors';

/**
 * Per-keyholder key material: VK wrapped under the keyholder's key-encryption key (KEK), and an
 * Ed25519 signing key whose secret half is sealed under that same KEK. The associated data binds
 * each box to its keyholder, so boxes cannot be moved between rows.
 */
const wrapAd = (keyholderId: string) => `custodia/v1/keyring/vk/${keyholderId}`;
const signAd = (keyholderId: string) => `custodia/v1/keyring/sign/${keyholderId}`;

export interface SigningKeys {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function wrapVaultKey(s: Sodium, kek: Uint8Array, vk: Uint8Array, keyholderId: string): Uint8Array {
  return sealBox(s, kek, vk, wrapAd(keyholderId));
}

/** A wrong passphrase and a tampered wrap are indistinguishable by design: both fail to open. */
export function unwrapVaultKey(s: Sodium, kek: Uint8Array, wrapped: Uint8Array, keyholderId: string): Uint8Array {
  try {
    return openBox(s, kek, wrapped, wrapAd(keyholderId));
  } catch (error) {
    if (error instanceof AeadOpenError) throw new CustodiaError('UNLOCK_FAILED');
    throw error;
  }
}

export function createSigningKeys(s: Sodium): SigningKeys {
  const { publicKey, privateKey } = s.crypto_sign_keypair();
  return { publicKey, secretKey: privateKey };
}

export function sealSigningSecret(s: Sodium, kek: Uint8Array, secretKey: Uint8Array, keyholderId: string): Uint8Array {
  return sealBox(s, kek, secretKey, signAd(keyholderId));
}

export function openSigningSecret(s: Sodium, kek: Uint8Array, sealed: Uint8Array, keyholderId: string): Uint8Array {
  try {
    return openBox(s, kek, sealed, signAd(keyholderId));
  } catch (error) {
    if (error instanceof AeadOpenError) throw new CustodiaError('VAULT_CORRUPT', { part: 'signing_key' });
    throw error;
  }
}

/** Short, human-comparable form of a public key, for out-of-band checking on paper. */
export function publicKeyFingerprint(s: Sodium, publicKey: Uint8Array): string {
  const hex = s.to_hex(s.crypto_generichash(10, publicKey, null)).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}
