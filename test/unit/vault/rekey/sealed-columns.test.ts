import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/vault/migrations';
import { blobColumns, checkBlobDeclarations, sealedColumnNames, SEALED_TABLES, UNSEALED_BLOBS } from '../../../../main/vault/rekey/sealed-columns';

/** The migrated schema of a new vault (every table, as the migrations make it). */
function migrated(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('the declaration of sealed columns (main/vault/rekey/sealed-columns.ts)', () => {
  it('declares every BLOB column of the schema exactly once, as sealed or not sealed', () => {
    const db = migrated();
    const columns = blobColumns(db);
    expect(columns.length).toBeGreaterThan(30);
    expect(checkBlobDeclarations(columns)).toEqual({ undeclared: [], twice: [], unknown: [] });
    db.close();
  });

  it('names a BLOB column no one declared, one declared twice, and one that is not there', () => {
    const db = migrated();
    db.exec('ALTER TABLE accounts ADD COLUMN recovery_phone BLOB; CREATE TABLE handover_notes (id TEXT PRIMARY KEY, body BLOB, extra)');
    expect(checkBlobDeclarations(blobColumns(db))).toEqual({
      undeclared: ['accounts.recovery_phone', 'handover_notes.body', 'handover_notes.extra'],
      twice: [],
      unknown: [],
    });
    const sealed = [...sealedColumnNames(), 'credential_versions.fingerprint'];
    expect(checkBlobDeclarations(blobColumns(migrated()), sealed)).toEqual({ undeclared: [], twice: ['credential_versions.fingerprint'], unknown: [] });
    expect(checkBlobDeclarations(blobColumns(migrated()), [...sealedColumnNames(), 'accounts.nickname'])).toEqual({
      undeclared: [],
      twice: [],
      unknown: ['accounts.nickname'],
    });
    db.close();
  });

  it('builds each FieldRef from columns the table has, and says why each other blob is not sealed', () => {
    const db = migrated();
    for (const t of SEALED_TABLES) {
      expect(() => db.prepare(`SELECT ${t.rowId}, ${t.version}, ${t.columns.map((c) => c.column).join(', ')} FROM ${t.table}`), t.table).not.toThrow();
      for (const c of t.columns) if (c.fingerprint) expect(blobColumns(db)).toContain(`${t.table}.${c.fingerprint}`);
    }
    for (const b of UNSEALED_BLOBS) expect(b.why.length, `${b.table}.${b.column}`).toBeGreaterThan(10);
    db.close();
  });
});
