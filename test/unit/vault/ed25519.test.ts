import { createHash, randomBytes, verify as rawNativeVerify, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ed25519Key, ed25519Verify, hasSmallOrder, isCanonicalPoint } from '../../../main/vault/signatures';
import { verifySignatures } from '../../../main/vault/audit/parallel-verify';
import { loadSodium, type Sodium } from '../../../main/vault/sodium';

/**
 * The walks over the log check signatures with Node's native Ed25519; libsodium signs them and
 * checks co-signatures. Both must say the same of every signature, the awkward ones included.
 */
let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const toLe = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const fromLe = (b: Uint8Array) => b.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
const sha512 = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha512').update(Buffer.concat(parts)).digest());

function sodiumSays(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return s.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

function agree(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  const libsodium = sodiumSays(message, signature, publicKey);
  expect(ed25519Verify(ed25519Key(publicKey), message, signature)).toBe(libsodium);
  return libsodium;
}

describe('native Ed25519 verification answers as libsodium does', () => {
  it('valid, altered message, altered signature, wrong key', () => {
    const { publicKey, privateKey } = s.crypto_sign_keypair();
    const other = s.crypto_sign_keypair();
    for (let i = 0; i < 20; i++) {
      const message = new Uint8Array(randomBytes(32));
      const signature = s.crypto_sign_detached(message, privateKey);
      expect(agree(message, signature, publicKey)).toBe(true);
      const altered = message.slice();
      altered[i % 32]! ^= 1 << (i % 8);
      expect(agree(altered, signature, publicKey)).toBe(false);
      const badR = signature.slice();
      badR[i % 32]! ^= 0x10;
      expect(agree(message, badR, publicKey)).toBe(false);
      const badS = signature.slice();
      badS[32 + (i % 31)]! ^= 0x01;
      expect(agree(message, badS, publicKey)).toBe(false);
      expect(agree(message, signature, other.publicKey)).toBe(false);
      expect(agree(message, signature.subarray(0, 63), publicKey)).toBe(false);
      expect(agree(message, new Uint8Array(64), publicKey)).toBe(false);
    }
  });

  it('refuses S not reduced modulo L (S + L), as libsodium does', () => {
    const { publicKey, privateKey } = s.crypto_sign_keypair();
    const message = new Uint8Array(randomBytes(32));
    const signature = s.crypto_sign_detached(message, privateKey);
    const big = fromLe(signature.subarray(32)) + L;
    expect(big < 2n ** 256n).toBe(true);
    const malleated = new Uint8Array(64);
    malleated.set(signature.subarray(0, 32));
    malleated.set(toLe(big), 32);
    expect(agree(message, malleated, publicKey)).toBe(false);
  });

  it('refuses any signature under a key of small order, which OpenSSL alone would accept', () => {
    // The identity as public key: [h]A is the identity, so R = [S]B passes the bare equation for every message.
    const identity = toLe(1n);
    const scalar = s.crypto_core_ed25519_scalar_random();
    const forged = new Uint8Array(64);
    forged.set(s.crypto_scalarmult_ed25519_base_noclamp(scalar));
    forged.set(scalar, 32);
    const message = new Uint8Array(randomBytes(32));
    const bare = rawNativeVerify(
      null,
      message,
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(identity).toString('base64url') }, format: 'jwk' }),
      forged,
    );
    expect(bare).toBe(true); // why the guard exists
    expect(agree(message, forged, identity)).toBe(false);
  });

  it('refuses a signature whose R is of small order, made by the key holder, which OpenSSL alone would accept', () => {
    const seed = new Uint8Array(randomBytes(32));
    const { publicKey } = s.crypto_sign_seed_keypair(seed);
    const digest = sha512(seed);
    digest[0]! &= 248;
    digest[31]! &= 127;
    digest[31]! |= 64;
    const a = fromLe(digest.subarray(0, 32)) % L;
    const R = toLe(1n); // the identity
    const message = new Uint8Array(randomBytes(32));
    const h = fromLe(s.crypto_core_ed25519_scalar_reduce(sha512(R, publicKey, message)));
    const signature = new Uint8Array(64);
    signature.set(R);
    signature.set(toLe((h * a) % L), 32);
    const bare = rawNativeVerify(
      null,
      message,
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }),
      signature,
    );
    expect(bare).toBe(true); // why the guard exists
    expect(agree(message, signature, publicKey)).toBe(false);
  });

  it('knows the small-order encodings and the non-canonical ones as libsodium does', () => {
    const p = 2n ** 255n - 19n;
    for (const y of [0n, 1n, p - 1n, p, p + 1n]) {
      for (const sign of [0, 0x80]) {
        const point = toLe(y);
        point[31]! |= sign;
        expect(hasSmallOrder(point)).toBe(true);
        expect(s.crypto_core_ed25519_is_valid_point(point)).toBe(false);
      }
    }
    // The order-8 points: doubling three times gives the identity.
    const y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
    for (const y of [y8, p - y8]) {
      for (const sign of [0, 0x80]) {
        const point = toLe(y);
        point[31]! |= sign;
        let eight: Uint8Array = point;
        for (let i = 0; i < 3; i++) eight = s.crypto_core_ed25519_add(eight, eight);
        expect(s.to_hex(eight)).toBe(s.to_hex(toLe(1n)));
        expect(hasSmallOrder(point)).toBe(true);
      }
    }
    for (let i = 0; i < 50; i++) {
      const point = s.crypto_core_ed25519_random();
      expect(hasSmallOrder(point)).toBe(false);
      expect(isCanonicalPoint(point)).toBe(true);
    }
    const nonCanonical = toLe(p + 3n);
    expect(isCanonicalPoint(nonCanonical)).toBe(false);
    expect(ed25519Key(nonCanonical).object).toBeNull();
    expect(isCanonicalPoint(toLe(p - 2n))).toBe(true);
  });
});

describe('checking many signatures on both cores', () => {
  it('names exactly the bad ones, in a batch large enough to share with the helper thread', () => {
    const pairs = [s.crypto_sign_keypair(), s.crypto_sign_keypair(), s.crypto_sign_keypair()];
    const keys = pairs.map((p) => ed25519Key(p.publicKey));
    const count = 4_000;
    const keyIndex = new Int32Array(count);
    const messages = new Uint8Array(count * 32);
    const signatures = new Uint8Array(count * 64);
    const bad = new Set([0, 1, 255, 256, 1_999, 3_000, count - 1]);
    for (let i = 0; i < count; i++) {
      const message = new Uint8Array(randomBytes(32));
      keyIndex[i] = i % 3;
      messages.set(message, i * 32);
      const signature = s.crypto_sign_detached(message, pairs[i % 3]!.privateKey);
      if (bad.has(i)) signature[40]! ^= 0x01;
      signatures.set(signature, i * 64);
    }
    const valid = verifySignatures({ keys, keyIndex, messages, signatures });
    expect(valid.length).toBe(count);
    expect(valid.flatMap((ok, i) => (ok ? [] : [i]))).toEqual([...bad].sort((x, y) => x - y));
  });
});
