import type { Sodium } from './sodium';
import { AeadOpenError, openBox, randomKeyBytes, sealBox } from './aead';
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

/**
 * The vault key boxed for another keyholder (a re-key or an enrolment approved while their
 * passphrase was not typed; HAND-1): crypto_box_easy (X25519 + XSalsa20-Poly1305, authenticated
 * both ways) between the sender's and the recipient's Ed25519 signing keys converted to X25519.
 * Signing keys double as box keys so that every keyholder can receive a key without a second key
 * pair, a schema change or their passphrase: the recipient opens it with the signing secret only
 * their passphrase unseals, and the sender is proven by the public key the signed roster pins.
 * age's ssh-ed25519 recipients make the same conversion; using one Ed25519 key for signatures and
 * for X25519 is analysed as safe (Thormarker, "On using the same key pair for Ed25519 and an X25519
 * based KEM", 2021). crypto_box has no associated data, and its shared key is the same for the
 * pair whichever way round, so the recipient's id is bound inside: the plaintext starts with a
 * digest of a context string and that id, checked on open (a box cannot be moved to another row).
 * Layout: nonce (24) || crypto_box_easy(tag (32) || vk).
 */
const BOX_NONCE = 24;
const BOX_TAG = 32;
const boxTag = (s: Sodium, recipientId: string) => s.crypto_generichash(BOX_TAG, `custodia/v1/keyring/pending-vk/${recipientId}`, null);

export function boxVaultKey(s: Sodium, vk: Uint8Array, senderSignSecret: Uint8Array, recipientSignPublic: Uint8Array, recipientId: string): Uint8Array {
  const senderSecret = s.crypto_sign_ed25519_sk_to_curve25519(senderSignSecret);
  const recipientPublic = s.crypto_sign_ed25519_pk_to_curve25519(recipientSignPublic);
  const plain = new Uint8Array(BOX_TAG + vk.length);
  plain.set(boxTag(s, recipientId));
  plain.set(vk, BOX_TAG);
  try {
    const nonce = randomKeyBytes(BOX_NONCE);
    const sealed = s.crypto_box_easy(plain, nonce, recipientPublic, senderSecret);
    const box = new Uint8Array(BOX_NONCE + sealed.length);
    box.set(nonce);
    box.set(sealed, BOX_NONCE);
    return box;
  } finally {
    s.memzero(plain);
    s.memzero(senderSecret);
  }
}

/** A wrong recipient, a wrong sender, another recipient's box and a tampered one all fail alike: UNLOCK_FAILED. */
export function openBoxedVaultKey(s: Sodium, box: Uint8Array, recipientSignSecret: Uint8Array, senderSignPublic: Uint8Array, recipientId: string): Uint8Array {
  if (box.length < BOX_NONCE + s.crypto_box_MACBYTES + BOX_TAG) throw new CustodiaError('UNLOCK_FAILED');
  let recipientSecret: Uint8Array | undefined;
  let plain: Uint8Array | undefined;
  try {
    recipientSecret = s.crypto_sign_ed25519_sk_to_curve25519(recipientSignSecret);
    const senderPublic = s.crypto_sign_ed25519_pk_to_curve25519(senderSignPublic);
    plain = s.crypto_box_open_easy(box.subarray(BOX_NONCE), box.subarray(0, BOX_NONCE), senderPublic, recipientSecret);
  } catch {
    throw new CustodiaError('UNLOCK_FAILED');
  } finally {
    if (recipientSecret) s.memzero(recipientSecret);
  }
  try {
    if (plain.length <= BOX_TAG || !s.memcmp(plain.subarray(0, BOX_TAG), boxTag(s, recipientId))) throw new CustodiaError('UNLOCK_FAILED');
    return plain.slice(BOX_TAG);
  } finally {
    s.memzero(plain);
  }
}
