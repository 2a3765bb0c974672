import { closeSync, fstatSync, openSync } from 'node:fs';
import { CustodiaError } from '../../domain/errors';
import { storageError } from '../../vault/storage-errors';
import { PREFIX_BYTES, readHeader, readPrefix, SIGNATURE_BYTES, type BackupHeader } from './format';
import { digestFrom, readAt } from './stream';

/** A backup file whose header and signature hold and whose body is the one the header names. */
export interface CheckedBackup {
  header: BackupHeader;
  /** Where the body starts, and the file's size. */
  bodyAt: number;
  bytes: number;
}

/**
 * Checks a backup without any passphrase: the magic and format version, the header and its
 * signature by a keyholder of that backup, and the body's digest (a flipped byte or a truncation
 * anywhere is found here). Each refusal has its own code; nothing is written. (Open checks the same
 * with one read of the body: checkHeader, then decrypt.ts.)
 */
export function checkBackup(path: string): CheckedBackup {
  const fd = openBackupFile(path);
  try {
    return withFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** A descriptor on a regular file; a folder, a device or a file that cannot be read is refused, typed. */
export function openBackupFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw storageError(error, true) ?? new CustodiaError('BACKUP_NOT_A_BACKUP');
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new CustodiaError('BACKUP_NOT_A_BACKUP');
  }
  return fd;
}

/** The same checks on an open descriptor: the header's, then the whole body's digest. */
export function withFd(fd: number): CheckedBackup {
  const checked = checkHeader(fd);
  const body = digestFrom(fd, checked.bodyAt);
  if (body.digest !== checked.header.bodyDigest) throw new CustodiaError('BACKUP_CORRUPT', { part: 'body' });
  return { ...checked, bytes: checked.bodyAt + body.bytes };
}

/**
 * The magic, the format version, the header and its signature, without reading the body: open
 * checks the body's digest as it decrypts it (decrypt.ts), before anything trusts a plaintext byte.
 */
export function checkHeader(fd: number): CheckedBackup {
  const { version, headerLength } = readPrefix(readAt(fd, 0, PREFIX_BYTES));
  const headerBytes = readAt(fd, PREFIX_BYTES, headerLength);
  const signature = readAt(fd, PREFIX_BYTES + headerLength, SIGNATURE_BYTES);
  if (headerBytes.length !== headerLength || signature.length !== SIGNATURE_BYTES) throw new CustodiaError('BACKUP_CORRUPT', { part: 'truncated' });
  const header = readHeader(headerBytes, signature, version);
  const bodyAt = PREFIX_BYTES + headerLength + SIGNATURE_BYTES;
  return { header, bodyAt, bytes: fstatSync(fd).size };
}
