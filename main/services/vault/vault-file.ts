import { accessSync, constants, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CustodiaError } from '../../domain/errors';
import { createVaultFile, openExistingVault, referenceSchema, type Db, type OpenOptions } from '../../vault/db';
import { InstanceLock } from '../../vault/instance-lock';
import type { SchemaObject } from '../../vault/integrity/schema';
import { storageError } from '../../vault/storage-errors';

export const VAULT_FILE_NAME = 'vault.sqlite';
export const LOCK_FILE_NAME = 'vault.lock';

/**
 * A staged file's guard (main/services/backup/staged.ts): `check` refuses, right before the rename, a
 * file that is not the one verified; `settle` runs once it is in place, before the vault opens.
 */
export interface StagedGuard {
  check(): void;
  settle(): void;
}

export type VaultFileState = { kind: 'empty' } | { kind: 'present' } | { kind: 'corrupt' } | { kind: 'unavailable'; error: CustodiaError };

/**
 * Owns the one SQLite connection and, while it is open, the lock that keeps every other process
 * out. What the folder holds is looked at again at every call until the vault opens: a full
 * disk, a read-only mount or a folder without permissions is its own typed state, gone as soon as
 * the cause is; "corrupt" only when the file's content is wrong; "empty" only when a readable
 * folder holds no vault. Nothing here ever deletes or rewrites an existing vault.
 */
export class VaultFile {
  private db: Db | undefined;
  private lock: InstanceLock | undefined;

  constructor(
    readonly dataDir: string,
    private readonly options: OpenOptions = {},
  ) {}

  get path(): string {
    return join(this.dataDir, VAULT_FILE_NAME);
  }

  /** Beside the vault file itself: a symlinked vault.sqlite or folder is locked where the file really is. */
  private get lockPath(): string {
    let real = this.path;
    try {
      real = realpathSync(this.path);
    } catch {
      // Not there yet (the ceremony): the folder's own lock.
    }
    return join(dirname(real), LOCK_FILE_NAME);
  }

  state(): 'empty' | 'corrupt' | 'present' | 'unavailable' {
    return this.inspect().kind;
  }

  /** The state, with the typed error of an unavailable folder. */
  inspect(): VaultFileState {
    if (this.db) return { kind: 'present' };
    const listing = this.list();
    if (listing instanceof CustodiaError) return { kind: 'unavailable', error: listing };
    if (!listing.includes(VAULT_FILE_NAME)) return { kind: 'empty' };
    try {
      // A vault is only ever opened to be written (every unlock is an event): say so before anything else fails.
      for (const path of [this.dataDir, this.path]) accessSync(path, constants.R_OK | constants.W_OK);
      const file = statSync(this.path);
      // Not a file at all (a folder, a pipe): the disk holds something else where the vault should be.
      if (!file.isFile())
        throw new CustodiaError(file.isDirectory() ? 'STORAGE_UNREADABLE' : 'STORAGE_IO', { cause: file.isDirectory() ? 'EISDIR' : 'not_a_file' });
      // A second name for the file (a hard link) would be a second door with its own lock, WAL and index.
      if (file.nlink > 1) throw new CustodiaError('VAULT_IN_USE', { reason: 'linked', pid: '—' });
      this.lock = InstanceLock.acquire(this.lockPath, this.options.nativeBinding);
      this.db = openExistingVault(this.path, this.options);
      return { kind: 'present' };
    } catch (error) {
      this.releaseLock();
      const typed = error instanceof CustodiaError ? error : storageError(error, true);
      if (typed?.code === 'VAULT_CORRUPT') return { kind: 'corrupt' };
      if (typed) return { kind: 'unavailable', error: typed };
      throw error;
    }
  }

  /** The folder's names, or why it cannot be read. A folder that does not exist yet is an empty one. */
  private list(): string[] | CustodiaError {
    try {
      return readdirSync(this.dataDir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      return storageError(error) ?? new CustodiaError('STORAGE_IO', { cause: String((error as { code?: unknown }).code ?? 'unknown') });
    }
  }

  require(): Db {
    // The lock file deleted or replaced under us: let go, and take the vault again only if no one else holds it now.
    if (this.db && this.lock && !this.db.inTransaction && !this.lock.stillHeld()) this.close();
    const state = this.inspect();
    if (state.kind === 'unavailable') throw state.error;
    if (state.kind === 'empty') throw new CustodiaError('VAULT_NOT_FOUND');
    if (state.kind === 'corrupt' || !this.db) throw new CustodiaError('VAULT_CORRUPT');
    return this.db;
  }

  /**
   * Builds a new vault in a side file and renames it into place only once complete, so a crash
   * during the ceremony never leaves a half-made vault where the app looks for one. The lock is
   * taken first: two instances cannot hold a ceremony over the same folder.
   */
  create(populate: (db: Db) => void): Db {
    const state = this.inspect();
    if (state.kind === 'unavailable') throw state.error;
    if (state.kind !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    const staging = `${this.path}.creating`;
    try {
      mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      this.lock = InstanceLock.acquire(this.lockPath, this.options.nativeBinding);
      if (existsSync(this.path)) throw new CustodiaError('VAULT_EXISTS');
      for (const suffix of ['', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
      const db = createVaultFile(staging, this.options);
      try {
        db.transaction(() => populate(db))();
        // Everything into the main file before the rename: the WAL is not renamed with it.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      if (existsSync(`${staging}-wal`) && statSync(`${staging}-wal`).size > 0) throw new CustodiaError('INTERNAL', { stage: 'create' });
      renameSync(staging, this.path);
      this.db = openExistingVault(this.path, this.options);
      return this.db;
    } catch (error) {
      this.releaseLock();
      throw storageError(error, true) ?? error;
    }
  }

  /**
   * A restored vault (issue 18: a backup decrypted and verified whole) put where the app looks for
   * one, on a workstation without a vault: `staged` is a complete, checkpointed file in this folder
   * (see stagingPath). Stale -wal/-shm files of an earlier vault are removed first, so SQLite never
   * replays another file's journal over it; then the rename makes it the vault. Never over a vault.
   */
  install(staged: string, guard?: StagedGuard): Db {
    const state = this.inspect();
    if (state.kind === 'unavailable') throw state.error;
    if (state.kind !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    try {
      this.lock = InstanceLock.acquire(this.lockPath, this.options.nativeBinding);
      if (existsSync(this.path)) throw new CustodiaError('VAULT_EXISTS');
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.path + suffix, { force: true });
      guard?.check();
      renameSync(staged, this.path);
      guard?.settle();
      this.db = openExistingVault(this.path, this.options);
      return this.db;
    } catch (error) {
      this.releaseLock();
      throw storageError(error, true) ?? error;
    }
  }

  /**
   * The co-signed replacement of this vault by a verified backup of it (issue 18): the vault's WAL
   * checkpointed into it first, so the file set aside under `asideName` (in this folder) is whole;
   * it is renamed, never deleted; stale -wal/-shm removed; then `staged` renamed into place. The
   * lock is held throughout. Should the last rename fail, the set-aside file is put back.
   */
  replace(staged: string, asideName: string, guard?: StagedGuard): void {
    const db = this.require();
    const aside = join(this.dataDir, asideName);
    if (existsSync(aside)) throw new CustodiaError('VAULT_EXISTS', { part: 'aside' });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      this.db = undefined;
      if (existsSync(`${this.path}-wal`) && statSync(`${this.path}-wal`).size > 0) throw new CustodiaError('INTERNAL', { stage: 'checkpoint' });
      renameSync(this.path, aside);
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.path + suffix, { force: true });
      try {
        guard?.check();
        renameSync(staged, this.path);
      } catch (error) {
        renameSync(aside, this.path);
        throw error;
      }
      guard?.settle();
      this.db = openExistingVault(this.path, this.options);
    } catch (error) {
      if (!this.db) this.releaseLock();
      throw storageError(error, true) ?? error;
    }
  }

  /**
   * Where a file to be installed is staged: this folder (the rename must not cross file systems),
   * created private if needed. Its name is never `vault.sqlite`, so inspect never reads it as a vault.
   */
  stagingPath(suffix: string): string {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    return `${this.path}.${suffix}`;
  }

  /** better-sqlite3's build for Electron's ABI, when the app runs from sources (other connections need it too). */
  get nativeBinding(): string | undefined {
    return this.options.nativeBinding;
  }

  /** The schema this version's migrations make: what the file must have. */
  referenceSchema(): readonly SchemaObject[] {
    return referenceSchema(this.options);
  }

  /**
   * After a write the disk refused as read-only or failing, the connection may keep the state it
   * opened with (a WAL opened read-only stays so): let it go, so the next attempt opens afresh.
   */
  failed(error: unknown): void {
    const code = storageError(error, true)?.code;
    if ((code === 'STORAGE_READ_ONLY' || code === 'STORAGE_IO') && this.db && !this.db.inTransaction) this.close();
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = undefined;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.releaseLock();
  }
}
