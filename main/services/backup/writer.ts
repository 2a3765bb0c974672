import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Sodium } from '../../vault/sodium';
import { encodeHeader, headerCore, MAGIC, prefix, signHeader, SIGNATURE_BYTES, type BackupHeader } from './format';
import type { EncryptThread } from './encrypt';
import { encryptBody, type BodyInput } from './stream';

/**
 * Writes a backup under a temporary name beside its destination (`<dest>.partial-<random>`), makes
 * it durable, and only then lets the caller record it and rename it into place: a backup killed
 * halfway leaves no file that looks like a backup, only a partial the next backup in that folder removes.
 */
const PARTIAL = /\.partial-[0-9a-f]{32}$/;

export interface WrittenBackup {
  partial: string;
  bytes: number;
  header: BackupHeader;
}

/** Written in place (tools and tests that forge a file; a backup uses writePartialThreaded). */
export function writePartial(
  s: Sodium,
  backupKey: Uint8Array,
  signSecret: Uint8Array,
  draft: BackupHeader,
  snapshot: string,
  destination: string,
): WrittenBackup {
  const file = PartialFile.open(s, draft, destination);
  try {
    return file.finish(s, signSecret, draft, encryptBody(s, file.body(backupKey, snapshot, draft)));
  } catch (error) {
    file.remove();
    throw error;
  }
}

/**
 * The body encrypted by `thread` (encrypt.ts: a worker thread while this one digests, or in place
 * where it cannot), then the header with its digest, signed by `signer()`, asked for only then (the
 * caller may refuse if its session ended meanwhile). Says where the body was encrypted.
 */
export async function writePartialThreaded(
  s: Sodium,
  thread: EncryptThread,
  backupKey: Uint8Array,
  signer: () => Uint8Array,
  draft: BackupHeader,
  snapshot: string,
  destination: string,
): Promise<WrittenBackup & { where: 'worker' | 'here' }> {
  const file = PartialFile.open(s, draft, destination);
  try {
    const body = await thread.run(s, file.body(backupKey, snapshot, draft));
    return { ...file.finish(s, signer(), draft, body), where: body.where };
  } catch (error) {
    file.remove();
    throw error;
  }
}

/** The partial file (created exclusively, 0600) with room for the header: the body goes after it. */
class PartialFile {
  private closed = false;

  private constructor(
    readonly partial: string,
    readonly fd: number,
    readonly bodyAt: number,
    readonly firstAd: Uint8Array,
    private readonly placeholderBytes: number,
  ) {}

  static open(s: Sodium, draft: BackupHeader, destination: string): PartialFile {
    const firstAd = headerCore(s, draft);
    // The header with a placeholder digest of the same length: the body goes after it, then the header is written again.
    const placeholder = encodeHeader(draft).length;
    const bodyAt = prefix(placeholder).length + placeholder + SIGNATURE_BYTES;
    const partial = `${destination}.partial-${randomBytes(16).toString('hex')}`;
    return new PartialFile(partial, openSync(partial, 'wx', 0o600), bodyAt, firstAd, placeholder);
  }

  /** What goes after the header: the snapshot encrypted under `key`, the first chunk bound to the header's core. */
  body(key: Uint8Array, snapshot: string, draft: BackupHeader): BodyInput {
    return { key, firstAd: this.firstAd, source: snapshot, fd: this.fd, position: this.bodyAt, chunkBytes: draft.chunkBytes };
  }

  /** The signed header written in front of the body, the file made durable and closed. */
  finish(s: Sodium, signSecret: Uint8Array, draft: BackupHeader, body: { bytes: number; digest: string }): WrittenBackup {
    const header = { ...draft, bodyDigest: body.digest };
    const headerBytes = encodeHeader(header);
    if (headerBytes.length !== this.placeholderBytes) throw new Error('backup header changed length');
    const start = prefix(headerBytes.length);
    const signature = signHeader(s, headerBytes, signSecret);
    const front = new Uint8Array(this.bodyAt);
    front.set(start);
    front.set(headerBytes, start.length);
    front.set(signature, start.length + headerBytes.length);
    let written = 0;
    while (written < front.length) written += writeSync(this.fd, front, written, front.length - written, written);
    fsyncSync(this.fd);
    this.closed = true;
    closeSync(this.fd);
    return { partial: this.partial, bytes: this.bodyAt + body.bytes, header };
  }

  remove(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    rmSync(this.partial, { force: true });
  }
}

/** The rename that makes the backup exist under its name, made durable with its folder. */
export function publish(partial: string, destination: string): void {
  renameSync(partial, destination);
  syncFolder(dirname(destination));
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform syncs a folder (Windows): the rename itself is atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Partials of earlier, killed backups in the destination's folder: only files named as this module
 * names them and starting with a backup's magic, so nothing else of the person's is touched.
 */
export function removeStalePartials(destination: string): number {
  const folder = dirname(destination);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!PARTIAL.test(name) || name === basename(destination)) continue;
    const path = join(folder, name);
    if (!startsWithMagic(path)) continue;
    rmSync(path, { force: true });
    removed += 1;
  }
  return removed;
}

function startsWithMagic(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = new Uint8Array(MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    // A partial killed before its first header write starts with zeros where the magic will go.
    return n === 0 || MAGIC.every((b, i) => head[i] === b) || head.subarray(0, n).every((b) => b === 0);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
