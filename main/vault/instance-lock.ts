import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { CustodiaError } from '../domain/errors';
import { storageError } from './storage-errors';

/** Who holds a vault, as the holder wrote it beside the lock (for the person, never for the decision). */
export interface LockHolder {
  pid: number;
  startedAt: string;
  host: string;
}

/**
 * One process per vault (design.md §4). The lock is SQLite's own POSIX advisory lock on a side
 * file: `BEGIN EXCLUSIVE` on an empty database takes the kernel's write lock without writing a
 * byte, and the transaction stays open until the vault is closed. Why this and not a pid file:
 * the kernel drops the lock when its process dies however it dies (kill -9, power loss), so a
 * stale lock is taken over safely without guessing whether a pid is alive or reused; a second
 * connection in the same process is refused as well; and it needs no native module of our own.
 * Taking it writes nothing, so a full disk does not stop a vault from being opened and read.
 */
export class InstanceLock {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  static acquire(file: string, nativeBinding?: string): InstanceLock {
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
    } catch (error) {
      throw storageError(error) ?? error;
    }
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse(file);
      throw storageError(error) ?? error;
    }
    const lock = new InstanceLock(db, file);
    lock.writeHolder();
    return lock;
  }

  /** Best effort: on a full disk the lock still holds, only the details for the other instance are missing. */
  private writeHolder(): void {
    const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), host: hostname() };
    try {
      writeFileSync(holderFile(this.file), `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    } catch {
      // The lock is what refuses a second instance; the holder's details only help the person.
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

const holderFile = (file: string) => `${file}.holder`;

export function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(holderFile(file), 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.startedAt === 'string' && typeof value.host === 'string') return value as LockHolder;
  } catch {
    // Missing or unreadable: the refusal still stands, without the details.
  }
  return undefined;
}

function inUse(file: string): CustodiaError {
  const holder = readHolder(file);
  return new CustodiaError('VAULT_IN_USE', holder ? { pid: holder.pid, startedAt: holder.startedAt, host: holder.host } : { pid: '—' });
}
