import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceSchema } from '../../../main/vault/db';
import { migrate } from '../../../main/vault/migrations';
import { undeclaredTables } from '../../../main/vault/integrity/schema';
import { verifyIntegrity } from '../../../main/vault/integrity/verify';
import { loadSodium } from '../../../main/vault/sodium';
import { richVault } from '../../fixtures/rich-vault';

const opened: Database.Database[] = [];
afterAll(() => opened.forEach((db) => db.close()));

describe('a vault written only through Custodia', () => {
  it('verifies whole: every row of every table is the one its last signed event recorded', async () => {
    const vault = await richVault();
    const db = new Database(join(vault.dir, 'vault.sqlite'), { readonly: true });
    opened.push(db);
    const { report } = verifyIntegrity(db, await loadSodium(), referenceSchema());
    expect(report.faults).toEqual([]);
    expect(report.ok).toBe(true);
    // Every table that can hold rows holds some here, so the tamper suite reaches each one.
    const empty = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter(
      (t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() === 0,
    );
    expect(empty).toEqual([]);
    expect(report.rows).toBeGreaterThan(30);
  });

  it('declares every table of the schema: a new table cannot be born outside the log', () => {
    const db = new Database(':memory:');
    opened.push(db);
    migrate(db);
    expect(undeclaredTables(db)).toEqual([]);
    db.exec('CREATE TABLE shadow_notes (id TEXT PRIMARY KEY)');
    expect(undeclaredTables(db)).toEqual(['shadow_notes']);
  });
});
