import Database from 'better-sqlite3';
import { accessSync, constants, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { CustodiaError } from '../domain/errors';
import { storageError } from './storage-errors';

/** Who holds a vault, as the holder wrote it beside the lock (for the person, never for the decision). */
export interface LockHolder {
  pid: number;
  startedAt: string;
  host: string;
  /** The lock file's inode when it was taken: a live holder of another inode means the file was replaced under it. */
  ino?: number;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * One process per vault (design.md §4). The lock is SQLite's own POSIX advisory lock on a side
 * file: `BEGIN EXCLUSIVE` on an empty database takes the kernel's write lock without writing a
 * byte, and the transaction stays open until the vault is closed. Why this and not a pid file:
 * the kernel drops the lock when its process dies however it dies (kill -9, power loss), so a
 * stale lock is taken over safely without guessing whether a pid is alive or reused; a second
 * connection in the same process is refused as well; and it needs no native module of our own.
 * Taking it writes nothing, so a full disk does not stop a vault from being opened and read.
 *
 * The lock lives on the file's inode: a lock file that is not a plain, writable, empty-or-SQLite
 * file (a symlink, read-only, garbage) is replaced before it is taken, and a holder checks that
 * the file it locked is still the one at the path (`stillHeld`) — deleting or replacing it takes
 * the vault away from the running instance instead of letting two write it.
 */
export class InstanceLock {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly identity: { dev: number; ino: number },
  ) {}

  static acquire(file: string, nativeBinding?: string): InstanceLock {
    const key = resolve(file);
    // This process holds it already (perhaps through a lock file replaced since): one instance is one instance.
    if (heldHere.has(key)) throw inUse(file);
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0 || !usable(file)) {
        // Never replace a lock file that a live process on this machine says it holds.
        if (liveHolderElsewhere(readHolder(file))) throw inUse(file);
        replaceWithEmpty(file);
      }
      let db: Database.Database;
      try {
        db = new Database(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
      } catch (error) {
        throw storageError(error, true) ?? error;
      }
      try {
        // A lock file opened read-only would lock nothing.
        if (db.readonly) throw Object.assign(new Error('lock file opened read-only'), { code: 'LOCK_UNUSABLE' });
        db.exec('BEGIN EXCLUSIVE');
      } catch (error) {
        db.close();
        if (codeOf(error) === 'SQLITE_BUSY') throw inUse(file);
        const unusable = codeOf(error) === 'LOCK_UNUSABLE' || codeOf(error) === 'SQLITE_NOTADB' || String(codeOf(error)).startsWith('SQLITE_CORRUPT');
        if (unusable && attempt === 0) continue;
        throw storageError(error, true) ?? new CustodiaError('STORAGE_IO', { cause: String(codeOf(error) ?? 'lock') });
      }
      const stat = lstatSync(file);
      // The file was deleted, renamed over or replaced while another process on this machine held the one before: it still holds the vault.
      const holder = readHolder(file);
      if (holder && holder.ino !== stat.ino && liveHolderElsewhere(holder)) {
        db.close();
        throw inUse(file);
      }
      const lock = new InstanceLock(db, file, { dev: stat.dev, ino: stat.ino });
      heldHere.add(key);
      lock.writeHolder();
      return lock;
    }
  }

  /** Whether the file this process locked is still the one at the path (not deleted, renamed over or replaced). */
  stillHeld(): boolean {
    try {
      const stat = lstatSync(this.file);
      return this.db.open && stat.isFile() && stat.dev === this.identity.dev && stat.ino === this.identity.ino;
    } catch {
      return false;
    }
  }

  /**
   * Best effort: on a full disk the lock still holds, only the details for the other instance are
   * missing. Written beside and renamed into place, so a symlink planted at the path is replaced, never followed.
   */
  private writeHolder(): void {
    const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), host: hostname(), ino: this.identity.ino };
    const temporary = `${holderFile(this.file)}.${process.pid}`;
    try {
      writeFileSync(temporary, `${JSON.stringify(holder)}\n`, { mode: 0o600, flag: 'w' });
      renameSync(temporary, holderFile(this.file));
    } catch {
      // The lock is what refuses a second instance; the holder's details only help the person.
    }
  }

  /** Lets go of the lock, and of the holder record when it is still ours (a later pid reuse must not look like a holder). */
  release(): void {
    if (!this.db.open) return;
    if (this.stillHeld() && readHolder(this.file)?.pid === process.pid) rmSync(holderFile(this.file), { force: true });
    this.db.close();
    heldHere.delete(resolve(this.file));
  }
}

/** Lock files this process holds, by path. */
const heldHere = new Set<string>();

function liveHolderElsewhere(holder: LockHolder | undefined): boolean {
  return holder !== undefined && holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

const holderFile = (file: string) => `${file}.holder`;

/** A plain file this process may write (or none yet): what SQLite can take a real lock on. */
function usable(file: string): boolean {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return false;
    accessSync(file, constants.R_OK | constants.W_OK);
    return true;
  } catch (error) {
    return codeOf(error) === 'ENOENT';
  }
}

/** An empty lock file renamed over whatever is at the path (a symlink is replaced, not followed). */
function replaceWithEmpty(file: string): void {
  const temporary = `${file}.${process.pid}.new`;
  try {
    writeFileSync(temporary, '', { mode: 0o600, flag: 'w' });
    renameSync(temporary, file);
  } catch (error) {
    throw storageError(error, true) ?? new CustodiaError('STORAGE_IO', { cause: String(codeOf(error) ?? 'lock') });
  }
}

export function readHolder(file: string): LockHolder | undefined {
  try {
    const stat = lstatSync(holderFile(file));
    if (!stat.isFile()) return undefined;
    const value = JSON.parse(readFileSync(holderFile(file), 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.startedAt === 'string' && typeof value.host === 'string')
      return { pid: value.pid, startedAt: value.startedAt, host: value.host, ...(typeof value.ino === 'number' ? { ino: value.ino } : {}) };
  } catch {
    // Missing or unreadable: the refusal still stands, without the details.
  }
  return undefined;
}

function inUse(file: string): CustodiaError {
  const holder = readHolder(file);
  return new CustodiaError('VAULT_IN_USE', holder ? { pid: holder.pid, startedAt: holder.startedAt, host: holder.host } : { pid: '—' });
}
