import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Sodium } from '../../../../main/vault/sodium';
import { decryptBody } from '../../../../main/services/backup/stream';
import {
  encodeHeader,
  headerCore,
  PREFIX_BYTES,
  prefix,
  readPrefix,
  SIGNATURE_BYTES,
  signHeader,
  type BackupHeader,
} from '../../../../main/services/backup/format';

/** A backup file taken apart as an attacker with a hex editor would: its header, signature and body. */
export interface BackupParts {
  version: number;
  header: BackupHeader;
  headerBytes: Buffer;
  signature: Buffer;
  body: Buffer;
}

export function parts(path: string): BackupParts {
  const bytes = readFileSync(path);
  const { version, headerLength } = readPrefix(bytes.subarray(0, PREFIX_BYTES));
  const headerBytes = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength);
  return {
    version,
    header: JSON.parse(headerBytes.toString('utf8')) as BackupHeader,
    headerBytes,
    signature: bytes.subarray(PREFIX_BYTES + headerLength, PREFIX_BYTES + headerLength + SIGNATURE_BYTES),
    body: bytes.subarray(PREFIX_BYTES + headerLength + SIGNATURE_BYTES),
  };
}

/** Writes a file from a header (re-signed with `signSecret`, or with the signature given) and a body. */
export function assemble(s: Sodium, path: string, header: BackupHeader, body: Uint8Array, sign: { secret: Uint8Array } | { signature: Uint8Array }): void {
  const headerBytes = encodeHeader(header);
  const signature = 'secret' in sign ? signHeader(s, headerBytes, sign.secret) : sign.signature;
  writeFileSync(path, Buffer.concat([prefix(headerBytes.length), headerBytes, signature, body]));
}

/** The file with one byte changed at `offset` (from the end when negative). */
export function flipped(path: string, offset: number, out: string): void {
  const bytes = Buffer.from(readFileSync(path));
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(out, bytes);
}

/**
 * What an insider holding the vault key does to a backup: decrypts its body into `plain`, then with
 * sqlite3 makes `keyholderId` head. Returns how many keyholder rows the edit changed.
 */
export function decryptedAsHead(s: Sodium, backupsKey: Uint8Array, path: string, plain: string, keyholderId: string): number {
  const p = parts(path);
  const fd = openSync(path, 'r');
  try {
    decryptBody(s, backupsKey, headerCore(s, p.header), fd, PREFIX_BYTES + p.headerBytes.length + SIGNATURE_BYTES, p.header.chunkBytes, plain);
  } finally {
    closeSync(fd);
  }
  const db = new Database(plain);
  try {
    return db.prepare(`UPDATE keyholders SET role = 'head' WHERE id = ?`).run(keyholderId).changes;
  } finally {
    db.close();
  }
}
