import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../main/domain/errors';
import { isCorruptContent, storageError } from '../../../main/vault/storage-errors';
import { removeDir, tempDir } from '../../fixtures/vault';

const failure = (code: string) => Object.assign(new Error('x'), { code });

describe('a failing disk, as the person’s problem (design.md §4)', () => {
  it.each([
    ['SQLITE_FULL', 'STORAGE_FULL'],
    ['ENOSPC', 'STORAGE_FULL'],
    ['EDQUOT', 'STORAGE_FULL'],
    ['SQLITE_READONLY', 'STORAGE_READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'STORAGE_READ_ONLY'],
    ['EROFS', 'STORAGE_READ_ONLY'],
    ['SQLITE_CANTOPEN', 'STORAGE_UNREADABLE'],
    ['EACCES', 'STORAGE_UNREADABLE'],
    ['SQLITE_IOERR_WRITE', 'STORAGE_IO'],
    ['SQLITE_IOERR_FSYNC', 'STORAGE_IO'],
    ['EIO', 'STORAGE_IO'],
    ['SQLITE_BUSY', 'VAULT_IN_USE'],
  ])('%s is %s', (code, expected) => {
    expect(storageError(failure(code))).toMatchObject({ code: expected, details: { cause: code } });
  });

  it('permission denied while writing is read-only, not unreadable', () => {
    expect(storageError(failure('EACCES'), true)?.code).toBe('STORAGE_READ_ONLY');
  });

  it('is nothing for our own refusals, for content errors and for defects', () => {
    expect(storageError(new CustodiaError('VAULT_LOCKED'))).toBeUndefined();
    expect(storageError(failure('SQLITE_CORRUPT'))).toBeUndefined();
    expect(storageError(new TypeError('bug'))).toBeUndefined();
    expect(storageError(null)).toBeUndefined();
  });

  it('only what SQLite says about the content is corruption', () => {
    expect(isCorruptContent(failure('SQLITE_CORRUPT'))).toBe(true);
    expect(isCorruptContent(failure('SQLITE_NOTADB'))).toBe(true);
    expect(isCorruptContent(failure('SQLITE_FULL'))).toBe(false);
    expect(isCorruptContent(failure('EIO'))).toBe(false);
  });

  it('a real SQLite error carries the codes this mapping reads', () => {
    const dir = tempDir('custodia-sqlite-codes-');
    try {
      const file = join(dir, 'not-a-vault.sqlite');
      writeFileSync(file, 'esto no es una base de datos SQLite, es texto plano de relleno '.repeat(20));
      let caught: unknown;
      try {
        new Database(file).pragma('quick_check');
      } catch (error) {
        caught = error;
      }
      expect(isCorruptContent(caught)).toBe(true);
      expect(storageError(caught)).toBeUndefined();
    } finally {
      removeDir(dir);
    }
  });
});
