import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { CustodiaError } from '../domain/errors';
import { migrate } from './migrations';
import { installCapture } from './integrity/capture';
import { readSchema, type SchemaObject } from './integrity/schema';
import { isCorruptContent, storageError } from './storage-errors';

export type Db = Database.Database;

/** 'CUST': marks the file as a Custodia vault so that a foreign SQLite file is refused. */
export const APPLICATION_ID = 0x43555354;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (Electron's); tests use the default. */
  nativeBinding?: string | undefined;
}

function connect(file: string, options: OpenOptions, fileMustExist: boolean): Db {
  return new Database(file, {
    fileMustExist,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
}

/**
 * Opens an existing vault. Integrity and identity are checked with reads only, so a corrupted or
 * foreign file is reported and never written to; a file from a newer Custodia is refused as such
 * before any migration would touch it.
 */
export function openExistingVault(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    db = connect(file, options, true);
    const check = db.pragma('quick_check', { simple: true });
    const appId = db.pragma('application_id', { simple: true });
    if (check !== 'ok' || appId !== APPLICATION_ID) throw new CustodiaError('VAULT_CORRUPT');
    applyPragmas(db);
    migrate(db);
    installCapture(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CustodiaError) throw error;
    // The disk failing is not the file being wrong: only content errors make a vault "corrupt".
    if (isCorruptContent(error)) throw new CustodiaError('VAULT_CORRUPT');
    throw storageError(error) ?? new CustodiaError('VAULT_CORRUPT');
  }
}

/** Creates a new, empty vault file; refuses to touch an existing one. */
export function createVaultFile(file: string, options: OpenOptions = {}): Db {
  if (existsSync(file)) throw new CustodiaError('VAULT_EXISTS');
  const db = connect(file, options, false);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  applyPragmas(db);
  migrate(db);
  installCapture(db);
  return db;
}

let reference: SchemaObject[] | undefined;

/** The schema the migrations make on an empty database: what every vault file must have. */
export function referenceSchema(options: OpenOptions = {}): readonly SchemaObject[] {
  if (!reference) {
    const db = connect(':memory:', options, false);
    try {
      migrate(db);
      reference = readSchema(db);
    } finally {
      db.close();
    }
  }
  return reference;
}

/**
 * Changes whenever the file does: writes on this connection (total_changes) or by another one
 * (data_version). A cache keyed on it is never stale, whoever wrote.
 */
export function writeStamp(db: Db): string {
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}
