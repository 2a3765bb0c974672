import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Sodium } from '../../vault/sodium';
import { encodeHeader, headerCore, MAGIC, prefix, signHeader, SIGNATURE_BYTES, type BackupHeader } from './format';
import { encryptBody } from './stream';

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

export function writePartial(
  s: Sodium,
  backupKey: Uint8Array,
  signSecret: Uint8Array,
  draft: BackupHeader,
  snapshot: string,
  destination: string,
): WrittenBackup {
  const partial = `${destination}.partial-${randomBytes(16).toString('hex')}`;
  const fd = openSync(partial, 'wx', 0o600);
  try {
    // The header with a placeholder digest of the same length: the body goes after it, then the header is written again.
    const placeholder = encodeHeader(draft);
    const start = prefix(placeholder.length);
    const bodyAt = start.length + placeholder.length + SIGNATURE_BYTES;
    const body = encryptBody(s, backupKey, headerCore(s, draft), snapshot, fd, bodyAt, draft.chunkBytes);
    const header = { ...draft, bodyDigest: body.digest };
    const headerBytes = encodeHeader(header);
    if (headerBytes.length !== placeholder.length) throw new Error('backup header changed length');
    const signature = signHeader(s, headerBytes, signSecret);
    const front = new Uint8Array(bodyAt);
    front.set(start);
    front.set(headerBytes, start.length);
    front.set(signature, start.length + headerBytes.length);
    let written = 0;
    while (written < front.length) written += writeSync(fd, front, written, front.length - written, written);
    fsyncSync(fd);
    closeSync(fd);
    return { partial, bytes: bodyAt + body.bytes, header };
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
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
