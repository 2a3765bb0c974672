import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { CustodiaError } from '../../domain/errors';
import type { Sodium } from '../../vault/sodium';

/**
 * The backup body: libsodium's secretstream (XChaCha20-Poly1305) over the snapshot file, in chunks
 * of `chunkBytes`, each framed by its ciphertext length (u32 BE). Written and read with file
 * descriptors, a chunk at a time, so a large vault never sits whole in memory.
 */
const LENGTH_BYTES = 4;

/** Encrypts `source` into `fd` from `position`; returns the body's length and its BLAKE2b-512 digest (hex). */
export function encryptBody(
  s: Sodium,
  key: Uint8Array,
  firstAd: Uint8Array,
  source: string,
  fd: number,
  position: number,
  chunkBytes: number,
): { bytes: number; digest: string } {
  const hash = createHash('blake2b512');
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  let at = position;
  const put = (bytes: Uint8Array) => {
    hash.update(bytes);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, at + written);
    at += bytes.length;
  };
  put(header);
  const input = openSync(source, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    let next = new Uint8Array(chunkBytes);
    let filled = fill(input, buffer);
    let first = true;
    // One chunk read ahead, so the last one (possibly empty) is known when it is pushed, and tagged FINAL.
    for (;;) {
      const nextFilled = filled === chunkBytes ? fill(input, next) : 0;
      const final = nextFilled === 0;
      const tag = final ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      const cipher = s.crypto_secretstream_xchacha20poly1305_push(state, buffer.subarray(0, filled), first ? firstAd : null, tag);
      const length = new Uint8Array(LENGTH_BYTES);
      new DataView(length.buffer).setUint32(0, cipher.length);
      put(length);
      put(cipher);
      first = false;
      if (final) break;
      buffer.set(next.subarray(0, nextFilled));
      filled = nextFilled;
      next = new Uint8Array(chunkBytes);
    }
    buffer.fill(0);
  } finally {
    closeSync(input);
  }
  return { bytes: at - position, digest: hash.digest('hex') };
}

function fill(fd: number, buffer: Uint8Array): number {
  let filled = 0;
  while (filled < buffer.length) {
    const n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/** Reads exactly `length` bytes at `position`, or fewer at the end of the file. */
export function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, out, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? out : out.subarray(0, got);
}

/** BLAKE2b-512 (hex) of the file from `position` to its end. */
export function digestFrom(fd: number, position: number, chunkBytes = 1024 * 1024): { digest: string; bytes: number } {
  const hash: Hash = createHash('blake2b512');
  let at = position;
  for (;;) {
    const chunk = readAt(fd, at, chunkBytes);
    if (chunk.length === 0) break;
    hash.update(chunk);
    at += chunk.length;
  }
  return { digest: hash.digest('hex'), bytes: at - position };
}

/**
 * Decrypts the body at `position` of `fd` into the file `target` (created, mode 0600). Any chunk
 * that does not open, a frame longer than a chunk, an end without the FINAL tag, or bytes after it:
 * BACKUP_CORRUPT, and whatever was written is the caller's to remove.
 */
export function decryptBody(s: Sodium, key: Uint8Array, firstAd: Uint8Array, fd: number, position: number, chunkBytes: number, target: string): void {
  const corrupt = (part: string) => new CustodiaError('BACKUP_CORRUPT', { part });
  const headerBytes = s.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  const header = readAt(fd, position, headerBytes);
  if (header.length !== headerBytes) throw corrupt('truncated');
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>;
  try {
    state = s.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch {
    throw corrupt('body');
  }
  const maxFrame = chunkBytes + s.crypto_secretstream_xchacha20poly1305_ABYTES;
  const out = openSync(target, 'wx', 0o600);
  try {
    let at = position + headerBytes;
    let first = true;
    for (;;) {
      const length = readAt(fd, at, LENGTH_BYTES);
      if (length.length !== LENGTH_BYTES) throw corrupt('truncated');
      const frame = new DataView(length.buffer, length.byteOffset, LENGTH_BYTES).getUint32(0);
      if (frame < s.crypto_secretstream_xchacha20poly1305_ABYTES || frame > maxFrame) throw corrupt('body');
      const cipher = readAt(fd, at + LENGTH_BYTES, frame);
      if (cipher.length !== frame) throw corrupt('truncated');
      at += LENGTH_BYTES + frame;
      let opened: { message: Uint8Array; tag: number } | false;
      try {
        opened = s.crypto_secretstream_xchacha20poly1305_pull(state, cipher, first ? firstAd : null, 'uint8array');
      } catch {
        opened = false;
      }
      if (!opened) throw corrupt(first ? 'header_body' : 'body');
      first = false;
      let written = 0;
      while (written < opened.message.length) written += writeSync(out, opened.message, written, opened.message.length - written);
      opened.message.fill(0);
      if (opened.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
      if (opened.tag !== s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) throw corrupt('body');
    }
    if (readAt(fd, at, 1).length !== 0) throw corrupt('trailing');
  } finally {
    closeSync(out);
  }
}

/** BLAKE2b-512 of a whole file's bytes (hex): the digest a restore and a replacement compare a copy with. */
export function fileDigest(path: string): string {
  const fd = openSync(path, 'r');
  try {
    return digestFrom(fd, 0).digest;
  } finally {
    closeSync(fd);
  }
}
