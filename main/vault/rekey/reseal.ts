import { randomFillSync } from 'node:crypto';
import type { Sodium } from '../sodium';
import { AeadOpenError, openBox, sealBox } from '../aead';
import { secretFingerprint } from '../signatures';

/**
 * Opens a box under one key and seals its plaintext under another, same associated data, as
 * aead.ts makes boxes (nonce || ciphertext+tag, XChaCha20-Poly1305). A re-key does this for every
 * sealed field of the vault, so the fast path works in libsodium's own heap: the keys are copied
 * in once, each box and its plaintext live in reused regions (the wrapper allocates, copies and
 * frees six buffers a call, most of the cost for a short field), and every plaintext is zeroed as
 * soon as it is sealed again. The portable path (the wrapper's calls) gives the same boxes.
 */
export interface Resealer {
  /**
   * Re-seals `box` into output slot `slot`; with `fingerprint`, also computes the keyed fingerprint
   * of the plaintext (secretFingerprint's) under the new fingerprints key. False: it does not open.
   */
  reseal(box: Uint8Array, ad: string, slot: number, fingerprint?: boolean): boolean;
  /** The new box of a slot; valid until the next reseal into that slot (make it right before binding it). */
  box(slot: number): Uint8Array;
  /** The fingerprint of the last reseal asked for one. */
  fingerprint(): Uint8Array;
  /** Zeroes and frees every key copy and buffer. */
  wipe(): void;
}

export interface ResealKeys {
  from: Uint8Array;
  to: Uint8Array;
  /** The new fingerprints key (for columns with a fingerprint). */
  fingerprints: Uint8Array;
}

/** The parts of libsodium.js's Emscripten module the heap path uses (as sodium.ts openPacked). */
interface SodiumModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(...args: number[]): number;
  _crypto_aead_xchacha20poly1305_ietf_encrypt(...args: number[]): number;
  _crypto_generichash(...args: number[]): number;
}

const NONCE = 24;
const TAG = 16;
const KEY = 32;
const HASH = 32;
/** Room for one associated-data string (table/rowId/column/version: ids are UUIDs, far below). */
const AD_ROOM = 1024;
const NONCE_POOL = 1024;
const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

export function createResealer(s: Sodium, keys: ResealKeys, options: { maxBox: number; slots: number; portable?: boolean }): Resealer {
  const raw = (s as unknown as { libsodium?: SodiumModule }).libsodium;
  const usable =
    !options.portable &&
    raw &&
    typeof raw._crypto_aead_xchacha20poly1305_ietf_encrypt === 'function' &&
    typeof raw._crypto_generichash === 'function' &&
    [keys.from, keys.to, keys.fingerprints].every((k) => k.length === KEY);
  return usable ? heapResealer(raw, keys, options) : portableResealer(s, keys, options.slots);
}

function heapResealer(raw: SodiumModule, keys: ResealKeys, { maxBox, slots }: { maxBox: number; slots: number }): Resealer {
  const room = Math.max(maxBox, NONCE + TAG);
  const plainRoom = room - NONCE - TAG;
  // NFC at most triples a UTF-8 text (UAX #15); the normalized form of a non-ASCII secret is hashed from here.
  const normRoom = 3 * plainRoom + 16;
  const size = 3 * KEY + HASH + AD_ROOM + room + plainRoom + normRoom + slots * room;
  const base = raw._malloc(size);
  if (!base) throw new Error('libsodium heap exhausted');
  const fromAt = base;
  const toAt = fromAt + KEY;
  const fpAt = toAt + KEY;
  const hashAt = fpAt + KEY;
  const adAt = hashAt + HASH;
  const inAt = adAt + AD_ROOM;
  const msgAt = inAt + room;
  const normAt = msgAt + plainRoom;
  const outAt = normAt + normRoom;
  const lengths = new Uint32Array(slots);
  const nonces = new Uint8Array(NONCE * NONCE_POOL);
  let nonceAt = nonces.length;
  // Always read HEAPU8 afresh: the memory may have grown (and the old view detached) since the last call.
  const heap = () => raw.HEAPU8;
  heap().set(keys.from, fromAt);
  heap().set(keys.to, toAt);
  heap().set(keys.fingerprints, fpAt);
  let freed = false;

  const fingerprintOf = (plainLength: number) => {
    const h = heap();
    let ascii = true;
    for (let i = msgAt; i < msgAt + plainLength; i++) if (h[i]! >= 0x80) ascii = false;
    if (ascii) return raw._crypto_generichash(hashAt, HASH, msgAt, plainLength, 0, fpAt, KEY) === 0; // ASCII is its own NFC form
    let text: string;
    try {
      text = strict.decode(h.subarray(msgAt, msgAt + plainLength)).normalize('NFC');
    } catch {
      return false; // not UTF-8: not a secret the app wrote
    }
    const { read, written } = encoder.encodeInto(text, heap().subarray(normAt, normAt + normRoom));
    if (read !== text.length) throw new Error('normalized secret larger than its room');
    try {
      return raw._crypto_generichash(hashAt, HASH, normAt, written, 0, fpAt, KEY) === 0;
    } finally {
      heap().fill(0, normAt, normAt + written);
    }
  };

  return {
    reseal(box, ad, slot, fingerprint = false) {
      if (freed) throw new Error('resealer wiped');
      if (box.length < NONCE + TAG || box.length > room) return false;
      const { read, written: adLength } = encoder.encodeInto(ad, heap().subarray(adAt, adAt + AD_ROOM));
      if (read !== ad.length) throw new Error('associated data larger than its room');
      const plainLength = box.length - NONCE - TAG;
      heap().set(box, inAt);
      const opened = raw._crypto_aead_xchacha20poly1305_ietf_decrypt(msgAt, 0, 0, inAt + NONCE, box.length - NONCE, 0, adAt, adLength, 0, inAt, fromAt) === 0;
      try {
        if (!opened) return false;
        if (fingerprint && !fingerprintOf(plainLength)) return false;
        if (nonceAt === nonces.length) {
          randomFillSync(nonces);
          nonceAt = 0;
        }
        const slotAt = outAt + slot * room;
        heap().set(nonces.subarray(nonceAt, nonceAt + NONCE), slotAt);
        nonceAt += NONCE;
        if (raw._crypto_aead_xchacha20poly1305_ietf_encrypt(slotAt + NONCE, 0, msgAt, plainLength, 0, adAt, adLength, 0, 0, slotAt, toAt) !== 0) {
          throw new Error('reseal failed');
        }
        lengths[slot] = box.length;
        return true;
      } finally {
        heap().fill(0, msgAt, msgAt + plainLength);
      }
    },
    box(slot) {
      const at = outAt + slot * room;
      return heap().subarray(at, at + lengths[slot]!);
    },
    fingerprint() {
      return heap().subarray(hashAt, hashAt + HASH);
    },
    wipe() {
      if (freed) return;
      freed = true;
      heap().fill(0, base, base + size);
      raw._free(base);
    },
  };
}

function portableResealer(s: Sodium, keys: ResealKeys, slots: number): Resealer {
  const boxes = new Array<Uint8Array>(slots);
  let last: Uint8Array = new Uint8Array(HASH);
  return {
    reseal(box, ad, slot, fingerprint = false) {
      let plain: Uint8Array;
      try {
        plain = openBox(s, keys.from, box, ad);
      } catch (error) {
        if (error instanceof AeadOpenError) return false;
        throw error;
      }
      try {
        if (fingerprint) {
          let text: string;
          try {
            text = strict.decode(plain);
          } catch {
            return false;
          }
          last = secretFingerprint(s, keys.fingerprints, text);
        }
        boxes[slot] = sealBox(s, keys.to, plain, ad);
        return true;
      } finally {
        s.memzero(plain);
      }
    },
    box: (slot) => boxes[slot]!,
    fingerprint: () => last,
    wipe() {
      boxes.fill(new Uint8Array(0));
    },
  };
}
