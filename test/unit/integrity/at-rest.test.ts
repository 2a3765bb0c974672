import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../main/services';
import { verifyAtRest } from '../../../main/vault/integrity/parallel';
import { verifyIntegrity } from '../../../main/vault/integrity/verify';
import { ACCOUNTS, registerAccount, removeDir, tempDir, unlockedWithActors } from '../../fixtures/vault';

/**
 * A restore verifies its decrypted copy on two threads (main/vault/integrity/parallel.ts): one walks
 * the log, one digests the rows, and the rows are compared afterwards. It must judge every file
 * exactly as the one-thread verification does: here a whole file, then rows edited, removed and
 * added with sqlite3.
 */
let services: Services;
const dirs: string[] = [];

beforeAll(async () => {
  const ctx = await unlockedWithActors();
  services = ctx.services;
  for (const account of Object.values(ACCOUNTS).slice(0, 3)) registerAccount(services, ctx.admin, ctx.head, account);
}, 120_000);

afterAll(async () => {
  await services?.close();
  for (const d of dirs) removeDir(d);
});

async function copyEdited(sql: string): Promise<string> {
  const dir = tempDir('custodia-at-rest-');
  dirs.push(dir);
  const file = join(dir, 'vault.sqlite');
  await services.vault.require().backup(file);
  if (sql) {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  }
  return file;
}

function inPlace(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return verifyIntegrity(db as never, services.sodium, services.vault.referenceSchema()).report;
  } finally {
    db.close();
  }
}

const sorted = (faults: readonly object[]) => faults.map((f) => JSON.stringify(f)).sort();

describe('the verification of a file at rest on two threads judges as the one-thread verification', () => {
  it('a whole file: whole, the same events, rows and signatures counted', async () => {
    const file = await copyEdited('');
    const [parallel, one] = [(await verifyAtRest(file, undefined, services.vault.referenceSchema()))!.report, inPlace(file)];
    expect(one.ok).toBe(true);
    expect(one.rows).toBeGreaterThan(10);
    expect(parallel).toEqual(one);
  });

  it.each([
    ['a row edited', `UPDATE accounts SET handle = x'00' WHERE rowid = (SELECT min(rowid) FROM accounts)`, 'row_altered'],
    ['a row removed', `PRAGMA foreign_keys = OFF; DELETE FROM accounts WHERE rowid = (SELECT max(rowid) FROM accounts)`, 'row_missing'],
    ['a row added', `INSERT INTO vault_meta (key, value) VALUES ('planted', 'x')`, 'row_unrecorded'],
  ])('%s: the same faults, named the same', async (_what, sql, kind) => {
    const file = await copyEdited(sql);
    const parallel = (await verifyAtRest(file, undefined, services.vault.referenceSchema()))!.report;
    const one = inPlace(file);
    expect(one.ok).toBe(false);
    expect(one.faults.map((f) => f.kind)).toContain(kind);
    expect(parallel.ok).toBe(false);
    expect(sorted(parallel.faults)).toEqual(sorted(one.faults));
    expect(parallel.rows).toBe(one.rows);
  });
});
