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
 * Opens many XChaCha20-Poly1305 boxes (nonce || ciphertext, as aead.ts seals them) under one key,
 * each with its associated data, as UTF-8 text: undefined for one that does not open or is not
 * UTF-8. The same primitive as crypto_aead_xchacha20poly1305_ietf_decrypt through the wrapper, in
 * one buffer of libsodium's heap copied into and zeroed after each box (the wrapper allocates,
 * copies and frees six buffers a call: most of the cost for a short name). The key is copied
 * in once and zeroed at the end.
 */
export function openSealedTexts(s: Sodium, key: Uint8Array, boxes: readonly Uint8Array[], ads: readonly string[]): (string | undefined)[] {
  const raw = (s as unknown as { libsodium?: SodiumModule }).libsodium;
  const out = new Array<string | undefined>(boxes.length);
  if (!raw || typeof raw._crypto_aead_xchacha20poly1305_ietf_decrypt !== 'function' || key.length !== 32) {
    for (let i = 0; i < boxes.length; i++) out[i] = openOne(s, key, boxes[i]!, ads[i]!);
    return out;
  }
  let scratchSize = 0;
  for (let i = 0; i < boxes.length; i++) scratchSize = Math.max(scratchSize, 2 * boxes[i]!.length + 3 * ads[i]!.length);
  const base = raw._malloc(32 + scratchSize);
  if (!base) {
    for (let i = 0; i < boxes.length; i++) out[i] = openOne(s, key, boxes[i]!, ads[i]!);
    return out;
  }
  const heap = () => raw.HEAPU8;
  const keyAt = base;
  const boxAt = base + 32;
  try {
    heap().set(key, keyAt);
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i]!;
      if (box.length < NONCE + TAG) {
        out[i] = undefined;
        continue;
      }
      const h = heap();
      h.set(box, boxAt);
      const adAt = boxAt + box.length;
      const { written } = encoder.encodeInto(ads[i]!, h.subarray(adAt, boxAt + scratchSize));
      const messageAt = adAt + written;
      const length = box.length - NONCE - TAG;
      const opened =
        raw._crypto_aead_xchacha20poly1305_ietf_decrypt(messageAt, 0, 0, boxAt + NONCE, box.length - NONCE, 0, adAt, written, 0, boxAt, keyAt) === 0;
      const plain = heap().subarray(messageAt, messageAt + length);
      try {
        out[i] = opened ? strict.decode(plain) : undefined;
      } catch {
        out[i] = undefined;
      } finally {
        plain.fill(0);
      }
    }
  } finally {
    heap().fill(0, base, base + 32 + scratchSize);
    raw._free(base);
  }
  return out;
}

function openOne(s: Sodium, key: Uint8Array, box: Uint8Array, ad: string): string | undefined {
  if (box.length < NONCE + TAG) return undefined;
  let plain: Uint8Array | undefined;
  try {
    plain = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, box.subarray(NONCE), encoder.encode(ad), box.subarray(0, NONCE), key);
    return strict.decode(plain);
  } catch {
    return undefined;
  } finally {
    if (plain) s.memzero(plain);
  }
}
