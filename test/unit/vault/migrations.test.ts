import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initial } from '../../../main/vault/migrations/001-initial';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/vault/migrations';

const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates the vault tables on a fresh database and sets user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(1);
    expect(tables(db)).toEqual(['audit_events', 'institution', 'keyholders', 'vault_meta']);
    expect(initial.version).toBe(1);
  });

  it('001 allows one active keyholder per role and only known roles', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO keyholders (id, role, status, version, name, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, sign_public_key, created_at)
       VALUES (?, ?, ?, 1, x'00', 'argon2id13', 3, 268435456, x'00', x'00', '2026-01-01')`,
    );
    insert.run('a', 'head', 'active');
    expect(() => insert.run('b', 'head', 'active')).toThrow(/UNIQUE/);
    insert.run('c', 'head', 'retired');
    expect(() => insert.run('d', 'intern', 'active')).toThrow(/CHECK/);
  });

  it('is idempotent and refuses a file from a newer Custodia', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toBe(1);
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer/);
  });
});
