import { combine, split } from 'shamir-secret-sharing';
import { CustodiaError } from '../domain/errors';
import { AeadOpenError, openBox, randomKeyBytes, sealBox } from './aead';
import type { Sodium } from './sodium';

/**
 * The emergency kit's recovery key (issue 18; docs/decisions/0009-emergency-kit.md): 160 random bits,
 * written as Crockford base32 in groups of four, ending with a check group (20 bits of a BLAKE2b
 * digest) so that a mistyped or altered key is refused as malformed (KIT_MALFORMED) before any crypto.
 * A share (k-of-n, Shamir via `shamir-secret-sharing`, audited) is written the same way: k, its number,
 * a tag of its kit, and the share itself (the 20 bytes plus the x coordinate).
 *
 * The key-encryption key is BLAKE2b keyed with the recovery key over the vault and kit ids: with 160
 * bits of entropy no passphrase-hardening KDF adds anything against guessing (2^160), and the kit is
 * used under the same growing delay as unlock attempts.
 */
export const RECOVERY_KEY_BYTES = 20;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_CHARS = 32;
/** k (1) + number (1) + kit tag (2) + share (20 + 1): 25 bytes, 40 characters. */
const SHARE_BYTES = 4 + RECOVERY_KEY_BYTES + 1;
const SHARE_CHARS = 40;
const CHECK_CHARS = 4;
const encoder = new TextEncoder();

export type ParsedKit = { kind: 'key'; key: Uint8Array } | { kind: 'share'; k: number; number: number; tag: number; share: Uint8Array };

function toBase32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out.padEnd(chars, '0');
}

/** Null when a character is outside the alphabet or the padding bits are not zero. */
function fromBase32(text: string, bytes: number): Uint8Array | null {
  const out = new Uint8Array(bytes);
  let buffer = 0;
  let bits = 0;
  let i = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      if (i < bytes) out[i] = (buffer >>> (bits - 8)) & 255;
      else if (((buffer >>> (bits - 8)) & 255) !== 0) return null;
      i += 1;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return buffer === 0 ? out : null;
}

function checkGroup(s: Sodium, body: string): string {
  const digest = s.crypto_generichash(16, encoder.encode(`custodia/v1/kit/check/${body}`), null);
  return toBase32(digest.subarray(0, 3), 5).slice(0, CHECK_CHARS);
}

const grouped = (body: string) => body.match(/.{4}/g)!.join('-');

export function formatRecoveryKey(s: Sodium, key: Uint8Array): string {
  const body = toBase32(key, KEY_CHARS);
  return grouped(body + checkGroup(s, body));
}

export function formatShare(s: Sodium, share: { k: number; number: number; tag: number; share: Uint8Array }): string {
  const bytes = new Uint8Array(SHARE_BYTES);
  bytes.set([share.k, share.number, share.tag >> 8, share.tag & 255]);
  bytes.set(share.share, 4);
  const body = toBase32(bytes, SHARE_CHARS);
  return grouped(body + checkGroup(s, body));
}

/** As typed from paper: case, spaces and hyphens do not matter; O reads as 0, I and L as 1 (Crockford). */
export function normalizeTyped(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-–—.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** A key or a share as typed; KIT_MALFORMED for anything whose length, alphabet or check group is wrong. */
export function parseKit(s: Sodium, typed: string): ParsedKit {
  const text = normalizeTyped(typed);
  const body = text.slice(0, -CHECK_CHARS);
  const malformed = () => new CustodiaError('KIT_MALFORMED');
  if (text.length !== KEY_CHARS + CHECK_CHARS && text.length !== SHARE_CHARS + CHECK_CHARS) throw malformed();
  if (checkGroup(s, body) !== text.slice(-CHECK_CHARS)) throw malformed();
  if (body.length === KEY_CHARS) {
    const key = fromBase32(body, RECOVERY_KEY_BYTES);
    if (!key) throw malformed();
    return { kind: 'key', key };
  }
  const bytes = fromBase32(body, SHARE_BYTES);
  if (!bytes) throw malformed();
  const [k, number, hi, lo] = bytes;
  if (k! < 2 || number! < 1 || number! > 255 || bytes[SHARE_BYTES - 1] === 0) throw malformed();
  return { kind: 'share', k: k!, number: number!, tag: (hi! << 8) | lo!, share: bytes.slice(4) };
}

/** A short tag naming the kit a share belongs to (not secret): mixed shares are told apart before combining. */
export const kitTag = (s: Sodium, kitId: string): number => {
  const d = s.crypto_generichash(16, encoder.encode(`custodia/v1/kit/tag/${kitId}`), null);
  return (d[0]! << 8) | d[1]!;
};

export function generateRecoveryKey(): Uint8Array {
  return randomKeyBytes(RECOVERY_KEY_BYTES);
}

export async function splitRecoveryKey(s: Sodium, key: Uint8Array, kitId: string, k: number, n: number): Promise<string[]> {
  const shares = await split(key, n, k);
  const tag = kitTag(s, kitId);
  try {
    return shares.map((share, i) => formatShare(s, { k, number: i + 1, tag, share }));
  } finally {
    for (const share of shares) s.memzero(share);
  }
}

/** The key from k shares of one kit; a share repeated counts once. */
export async function combineShares(shares: Extract<ParsedKit, { kind: 'share' }>[]): Promise<Uint8Array> {
  return combine(shares.map((p) => p.share));
}

/** The key-encryption key: BLAKE2b-256 keyed with the recovery key, over the vault and the kit (see above). */
export function recoveryKek(s: Sodium, key: Uint8Array, vaultId: string, kitId: string): Uint8Array {
  return s.crypto_generichash(32, encoder.encode(`custodia/v1/kit/kek/${vaultId}/${kitId}`), key);
}

/** Kept after the kit is used or superseded (its wraps are not): tells which kit a typed key is, to say «used» or «superseded». */
export function recoveryKeyCheck(s: Sodium, key: Uint8Array, vaultId: string, kitId: string): Uint8Array {
  return s.crypto_generichash(16, encoder.encode(`custodia/v1/kit/key-check/${vaultId}/${kitId}`), key);
}

const vkAd = (kitId: string) => `custodia/v1/kit/vk/${kitId}`;
const signAd = (kitId: string) => `custodia/v1/kit/sign/${kitId}`;

export function wrapForKit(s: Sodium, kek: Uint8Array, vk: Uint8Array, signSecret: Uint8Array, kitId: string) {
  return { wrappedVk: sealBox(s, kek, vk, vkAd(kitId)), sealedSignSecret: sealBox(s, kek, signSecret, signAd(kitId)) };
}

/** KIT_WRONG for a key that does not open the wraps (or wraps moved from another row: the ids are in their associated data). */
export function unwrapForKit(s: Sodium, kek: Uint8Array, wrappedVk: Uint8Array, sealedSignSecret: Uint8Array, kitId: string) {
  try {
    const vk = openBox(s, kek, wrappedVk, vkAd(kitId));
    try {
      return { vk, signSecret: openBox(s, kek, sealedSignSecret, signAd(kitId)) };
    } catch (error) {
      s.memzero(vk);
      throw error;
    }
  } catch (error) {
    if (error instanceof AeadOpenError) throw new CustodiaError('KIT_WRONG');
    throw error;
  }
}
