import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

let ready: Promise<Sodium> | undefined;

/** libsodium's WASM initialises once per thread. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodium.ready.then(() => sodium);
  return ready;
}

/** The parts of libsodium.js's Emscripten module that openSealedTexts uses. */
interface SodiumModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(
    m: number,
    mlen: number,
    nsec: number,
    c: number,
    clenLow: number,
    clenHigh: number,
    ad: number,
    adlenLow: number,
    adlenHigh: number,
    npub: number,
    k: number,
  ): number;
}

const NONCE = 24;
const TAG = 16;
const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Sealed boxes (nonce || ciphertext, as aead.ts seals them) and their associated data, laid out
 * one after the other in one buffer. Packing needs no key, so it can be done while the KDF runs.
 */
export interface PackedBoxes {
  bytes: Uint8Array;
  /** Where box i starts in `bytes`; its associated data follows it and ends where box i + 1 starts. */
  starts: Uint32Array;
  boxLengths: Uint32Array;
  count: number;
}

export function packSealed(boxes: readonly Uint8Array[], ads: readonly string[]): PackedBoxes {
  const count = boxes.length;
  let room = 0;
  // UTF-16 to UTF-8: at most 3 bytes a code unit.
  for (let i = 0; i < count; i++) room += boxes[i]!.length + 3 * ads[i]!.length;
  const bytes = new Uint8Array(room);
  const starts = new Uint32Array(count + 1);
  const boxLengths = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const box = boxes[i]!;
    starts[i] = at;
    bytes.set(box, at);
    boxLengths[i] = box.length;
    at += box.length;
    at += encoder.encodeInto(ads[i]!, bytes.subarray(at)).written;
  }
  starts[count] = at;
  return { bytes: bytes.subarray(0, at), starts, boxLengths, count };
}

/** openPacked over boxes not packed yet. */
export function openSealedTexts(s: Sodium, key: Uint8Array, boxes: readonly Uint8Array[], ads: readonly string[]): (string | undefined)[] {
  return openPacked(s, key, packSealed(boxes, ads));
}

/**
 * Opens many XChaCha20-Poly1305 boxes under one key, each with its associated data, as UTF-8
 * text: undefined for one that does not open or is not UTF-8. The same primitive as
 * crypto_aead_xchacha20poly1305_ietf_decrypt through the wrapper, with every box copied into
 * libsodium's heap at once (the wrapper allocates, copies and frees six buffers a call: most of
 * the cost for a short name). The key is copied in once; the heap used is zeroed at the end.
 */
export function openPacked(s: Sodium, key: Uint8Array, packed: PackedBoxes): (string | undefined)[] {
  const raw = (s as unknown as { libsodium?: SodiumModule }).libsodium;
  const { bytes, starts, boxLengths, count } = packed;
  const out = new Array<string | undefined>(count);
  let longest = 0;
  for (let i = 0; i < count; i++) longest = Math.max(longest, boxLengths[i]! - NONCE - TAG);
  const size = 32 + bytes.length + longest;
  const base = raw && typeof raw._crypto_aead_xchacha20poly1305_ietf_decrypt === 'function' && key.length === 32 ? raw._malloc(size) : 0;
  if (!raw || !base) {
    for (let i = 0; i < count; i++) {
      const box = bytes.subarray(starts[i], starts[i]! + boxLengths[i]!);
      out[i] = openOne(s, key, box, bytes.subarray(starts[i]! + boxLengths[i]!, starts[i + 1]));
    }
    return out;
  }
  const heap = () => raw.HEAPU8;
  const keyAt = base;
  const boxesAt = base + 32;
  const messageAt = boxesAt + bytes.length;
  try {
    heap().set(key, keyAt);
    heap().set(bytes, boxesAt);
    for (let i = 0; i < count; i++) {
      const boxLength = boxLengths[i]!;
      if (boxLength < NONCE + TAG) {
        out[i] = undefined;
        continue;
      }
      const boxAt = boxesAt + starts[i]!;
      const adAt = boxAt + boxLength;
      const opened =
        raw._crypto_aead_xchacha20poly1305_ietf_decrypt(
          messageAt,
          0,
          0,
          boxAt + NONCE,
          boxLength - NONCE,
          0,
          adAt,
          boxesAt + starts[i + 1]! - adAt,
          0,
          boxAt,
          keyAt,
        ) === 0;
      const plain = heap().subarray(messageAt, messageAt + boxLength - NONCE - TAG);
      try {
        out[i] = opened ? strict.decode(plain) : undefined;
      } catch {
        out[i] = undefined;
      } finally {
        plain.fill(0);
      }
    }
  } finally {
    heap().fill(0, base, base + size);
    raw._free(base);
  }
  return out;
}

function openOne(s: Sodium, key: Uint8Array, box: Uint8Array, ad: Uint8Array): string | undefined {
  if (box.length < NONCE + TAG) return undefined;
  let plain: Uint8Array | undefined;
  try {
    plain = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, box.subarray(NONCE), ad, box.subarray(0, NONCE), key);
    return strict.decode(plain);
  } catch {
    return undefined;
  } finally {
    if (plain) s.memzero(plain);
  }
}
