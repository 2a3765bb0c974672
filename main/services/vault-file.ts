import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CustodiaError } from '../domain/errors';
import { createVaultFile, openExistingVault, referenceSchema, type Db, type OpenOptions } from '../vault/db';
import type { SchemaObject } from '../vault/integrity/schema';

export const VAULT_FILE_NAME = 'vault.sqlite';

/**
 * Owns the one SQLite connection. A file that fails its checks is remembered as corrupt and left
 * untouched; nothing here ever deletes or rewrites an existing vault.
 */
export class VaultFile {
  private db: Db | undefined;
  private corrupt = false;

  constructor(
    readonly dataDir: string,
    private readonly options: OpenOptions = {},
  ) {}

  get path(): string {
    return join(this.dataDir, VAULT_FILE_NAME);
  }

  state(): 'empty' | 'corrupt' | 'present' {
    if (this.db) return 'present';
    if (this.corrupt) return 'corrupt';
    if (!existsSync(this.path)) return 'empty';
    try {
      this.db = openExistingVault(this.path, this.options);
      return 'present';
    } catch {
      this.corrupt = true;
      return 'corrupt';
    }
  }

  require(): Db {
    const state = this.state();
    if (state === 'empty') throw new CustodiaError('VAULT_NOT_FOUND');
    if (state === 'corrupt' || !this.db) throw new CustodiaError('VAULT_CORRUPT');
    return this.db;
  }

  /**
   * Builds a new vault in a side file and renames it into place only once complete, so a crash
   * during the ceremony never leaves a half-made vault where the app looks for one.
   */
  create(populate: (db: Db) => void): Db {
    if (this.state() !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const staging = `${this.path}.creating`;
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
    return this.require();
  }

  /** better-sqlite3's build for Electron's ABI, when the app runs from sources (other connections need it too). */
  get nativeBinding(): string | undefined {
    return this.options.nativeBinding;
  }

  /** The schema this version's migrations make: what the file must have. */
  referenceSchema(): readonly SchemaObject[] {
    return referenceSchema(this.options);
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
