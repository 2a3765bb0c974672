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
/** How much of the body is read or written at once: each block is digested once, on whichever thread. */
export const BODY_BLOCK_BYTES = 1024 * 1024;

/** A body to write: the snapshot at `source` encrypted into `fd` from `position` under `key`, in chunks of `chunkBytes`, the first with `firstAd`. */
export interface BodyInput {
  key: Uint8Array;
  firstAd: Uint8Array;
  source: string;
  fd: number;
  position: number;
  chunkBytes: number;
}

/** Encrypts on this thread; returns the body's length and its BLAKE2b-512 digest (hex). */
export function encryptBody(s: Sodium, input: BodyInput): { bytes: number; digest: string } {
  const hash = createHash('blake2b512');
  const bytes = encryptPass(s, input, (block) => hash.update(block));
  return { bytes, digest: hash.digest('hex') };
}

/**
 * One pass over the snapshot: its body (the stream header, then each chunk's length and ciphertext,
 * the first chunk with `firstAd`, the last tagged FINAL) written in blocks, each handed to `onBlock`
 * once written, in order and never touched again (the callee digests it, or moves it to another
 * thread), so the digest of what `onBlock` saw is the digest of the body. Returns the body's length.
 */
export function encryptPass(s: Sodium, body: BodyInput, onBlock: (block: Uint8Array) => void): number {
  const { key, firstAd, source, fd, position, chunkBytes } = body;
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  const out = new BodyWriter(fd, position, onBlock);
  out.put(header);
  const input = openSync(source, 'r');
  let buffer = new Uint8Array(chunkBytes);
  let next = new Uint8Array(chunkBytes);
  try {
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
      out.put(length);
      out.put(cipher);
      first = false;
      if (final) break;
      [buffer, next] = [next, buffer];
      filled = nextFilled;
    }
    out.flush();
  } finally {
    buffer.fill(0);
    next.fill(0);
    closeSync(input);
  }
  return out.written;
}

/** The body written front to back in blocks of BODY_BLOCK_BYTES (the last one shorter), each handed over once written. */
class BodyWriter {
  private block = new Uint8Array(BODY_BLOCK_BYTES);
  private filled = 0;
  written = 0;

  constructor(
    private readonly fd: number,
    private readonly position: number,
    private readonly onBlock: (block: Uint8Array) => void,
  ) {}

  put(bytes: Uint8Array): void {
    let taken = 0;
    while (taken < bytes.length) {
      const piece = Math.min(bytes.length - taken, this.block.length - this.filled);
      this.block.set(bytes.subarray(taken, taken + piece), this.filled);
      this.filled += piece;
      taken += piece;
      if (this.filled === this.block.length) this.flush();
    }
  }

  flush(): void {
    if (this.filled === 0) return;
    const block = this.block.subarray(0, this.filled);
    const at = this.position + this.written;
    let done = 0;
    while (done < block.length) done += writeSync(this.fd, block, done, block.length - done, at + done);
    this.written += block.length;
    // A new block for what follows: this one is the callee's now.
    this.block = new Uint8Array(BODY_BLOCK_BYTES);
    this.filled = 0;
    this.onBlock(block);
  }
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
 * The body read once, in blocks, front to back: every byte read is handed to `onBlock` exactly once
 * and in order (when the reader is done with its block, which the callee may then keep or move to
 * another thread), so the digest of what `onBlock` saw is the digest of the bytes decrypted.
 */
class BodyReader {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private at: number;

  constructor(
    private readonly fd: number,
    position: number,
    private readonly onBlock: (block: Uint8Array) => void,
  ) {
    this.at = position;
  }

  /** Exactly `length` bytes, or fewer at the end of the file. Valid until the next call. */
  take(length: number): Uint8Array {
    if (this.block.length - this.offset >= length) return this.slice(length);
    const out = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      if (this.offset === this.block.length && !this.next()) break;
      const piece = this.slice(Math.min(length - got, this.block.length - this.offset));
      out.set(piece, got);
      got += piece.length;
    }
    return got === length ? out : out.subarray(0, got);
  }

  /** Reads (and hands over) the rest of the file; returns how many bytes were left unread. */
  drain(): number {
    let left = this.block.length - this.offset;
    this.offset = this.block.length;
    while (this.next()) {
      left += this.block.length;
      this.offset = this.block.length;
    }
    this.release();
    return left;
  }

  private slice(length: number): Uint8Array {
    const out = this.block.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  private next(): boolean {
    this.release();
    this.block = readAt(this.fd, this.at, BODY_BLOCK_BYTES);
    this.offset = 0;
    this.at += this.block.length;
    return this.block.length > 0;
  }

  private release(): void {
    if (this.block.length > 0) this.onBlock(this.block);
    this.block = new Uint8Array(0);
    this.offset = 0;
  }
}

/**
 * One pass over the body at `position` of `fd`: each ciphertext byte is read once, handed to
 * `onBlock` (the caller digests it) and decrypted into the descriptor `out` from its start. Any
 * chunk that does not open, a frame longer than a chunk, an end without the FINAL tag, or bytes
 * after it: the rest of the file is still read and handed over (so the caller's digest is whole and
 * can say whether the file is the one signed), then BACKUP_CORRUPT with the part found here.
 * Whatever was written is the caller's to remove.
 */
export function decryptPass(
  s: Sodium,
  key: Uint8Array,
  firstAd: Uint8Array,
  fd: number,
  position: number,
  chunkBytes: number,
  out: number,
  onBlock: (block: Uint8Array) => void,
): void {
  const reader = new BodyReader(fd, position, onBlock);
  const failed = (part: string) => {
    reader.drain();
    return new CustodiaError('BACKUP_CORRUPT', { part });
  };
  const headerBytes = s.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  const header = reader.take(headerBytes);
  if (header.length !== headerBytes) throw failed('truncated');
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>;
  try {
    state = s.crypto_secretstream_xchacha20poly1305_init_pull(header.slice(), key);
  } catch {
    throw failed('body');
  }
  const maxFrame = chunkBytes + s.crypto_secretstream_xchacha20poly1305_ABYTES;
  let written = 0;
  let first = true;
  for (;;) {
    const length = reader.take(LENGTH_BYTES);
    if (length.length !== LENGTH_BYTES) throw failed('truncated');
    const frame = new DataView(length.buffer, length.byteOffset, LENGTH_BYTES).getUint32(0);
    if (frame < s.crypto_secretstream_xchacha20poly1305_ABYTES || frame > maxFrame) throw failed('body');
    const cipher = reader.take(frame);
    if (cipher.length !== frame) throw failed('truncated');
    let opened: { message: Uint8Array; tag: number } | false;
    try {
      opened = s.crypto_secretstream_xchacha20poly1305_pull(state, cipher, first ? firstAd : null, 'uint8array');
    } catch {
      opened = false;
    }
    if (!opened) throw failed(first ? 'header_body' : 'body');
    first = false;
    const message = opened.message;
    let done = 0;
    while (done < message.length) done += writeSync(out, message, done, message.length - done, written + done);
    written += message.length;
    message.fill(0);
    if (opened.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    if (opened.tag !== s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) throw failed('body');
  }
  if (reader.drain() !== 0) throw new CustodiaError('BACKUP_CORRUPT', { part: 'trailing' });
}

/**
 * Decrypts the body at `position` of `fd` into the file `target` (created, mode 0600), on this
 * thread and without a digest (tools and tests; a restore uses decrypt.ts). Refusals as decryptPass's.
 */
export function decryptBody(s: Sodium, key: Uint8Array, firstAd: Uint8Array, fd: number, position: number, chunkBytes: number, target: string): void {
  const out = openSync(target, 'wx', 0o600);
  try {
    decryptPass(s, key, firstAd, fd, position, chunkBytes, out, () => undefined);
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
