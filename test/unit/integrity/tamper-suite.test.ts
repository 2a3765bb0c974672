import Database from 'better-sqlite3';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityFault } from '../../../shared/integrity';
import type { Services } from '../../../main/services';
import { CustodiaError } from '../../../main/domain/errors';
import { referenceSchema } from '../../../main/vault/db';
import { verifyIntegrity } from '../../../main/vault/integrity/verify';
import { loadSodium, type Sodium } from '../../../main/vault/sodium';
import { richVault, type RichVault } from '../../fixtures/rich-vault';
import { KNOWN, freshServices, tempDir } from '../../fixtures/vault';
import { adminCodeCases } from './admin-code-cases';
import { staffSqlCases } from './staff-tamper-cases';
import { applySql, sqlCases, tailCuts } from './tamper-cases';

/**
 * The tamper suite (issue 10): edits an administrator can make to the vault file — with sqlite3,
 * or with code that holds only their own passphrase — each of which must be detected by the full
 * verification or by the head's next unlock, naming the table (row) or the event.
 */
let vault: RichVault;
let s: Sodium;
const results: { name: string; how: string | null }[] = [];

beforeAll(async () => {
  vault = await richVault();
  s = await loadSodium();
});

afterAll(() => {
  const detected = results.filter((r) => r.how !== null).length;
  console.log(`tamper suite: ${detected} / ${results.length} edits detected`);
  for (const r of results) console.log(`  ${r.how === null ? 'NOT DETECTED' : 'detected'}: ${r.name}${r.how ? ` — ${r.how}` : ''}`);
});

function copyOfVault(): string {
  const dir = tempDir('custodia-tamper-');
  cpSync(vault.dir, dir, { recursive: true });
  return dir;
}

const TAMPER_CODES = new Set(['VAULT_TAMPERED', 'AUDIT_CUT', 'VAULT_CORRUPT', 'RECORD_TAMPERED']);

function named(faults: readonly IntegrityFault[], names: string): boolean {
  if (names === 'log') return faults.some((f) => f.seq !== undefined);
  if (names === 'schema') return faults.some((f) => f.kind === 'schema_altered' || f.kind === 'table_undeclared');
  return faults.some((f) => f.table === names);
}

/** How the edit was found: by the full verification, or by the head's next unlock; null if not at all. */
async function judge(dir: string, names: string, headUnlock: boolean): Promise<string | null> {
  const db = new Database(join(dir, 'vault.sqlite'), { readonly: true });
  try {
    const { report } = verifyIntegrity(db, s, referenceSchema());
    if (!report.ok && named(report.faults, names))
      return `verification: ${report.faults
        .slice(0, 3)
        .map((f) => `${f.kind} ${f.table ?? ''}${f.seq ?? ''}`)
        .join(', ')}`;
  } finally {
    db.close();
  }
  if (!headUnlock) return null;
  const services = await freshServices(dir);
  try {
    const head = services.setup.status().keyholders.find((k) => k.role === 'head')?.id ?? vault.ids.head;
    const info = await services.sessions.unlock(head, KNOWN.headPass);
    if (info.lastVisit?.state === 'rolled_back') return `head's unlock: chain no longer holds event ${info.lastVisit.seenSeq} they saw`;
    const report = services.integrity.verify();
    if (!report.ok && named(report.faults, names)) return `head's unlock: ${report.faults[0]!.kind}`;
    return null;
  } catch (error) {
    if (!(error instanceof CustodiaError)) throw error;
    if (TAMPER_CODES.has(error.code)) return `head's unlock refused: ${error.code} ${JSON.stringify(error.details)}`;
    if (error.code === 'UNLOCK_FAILED' && error.details?.fingerprint !== vault.headFingerprint)
      return `head's unlock: slot fingerprint ${String(error.details?.fingerprint)} is not the one on paper`;
    return null;
  } finally {
    await services.close();
  }
}

describe('the tamper suite', () => {
  it('names every edit made with sqlite3 on the vault file', async () => {
    const cases = [...sqlCases(vault), ...staffSqlCases(vault)];
    expect(cases.length).toBeGreaterThanOrEqual(90);
    for (const c of cases) {
      const dir = copyOfVault();
      const db = new Database(join(dir, 'vault.sqlite'));
      applySql(db, vault.older, c.sql);
      db.close();
      results.push({ name: c.name, how: await judge(dir, c.names, c.names === 'schema') });
    }
    expect(results.filter((r) => r.how === null).map((r) => r.name)).toEqual([]);
  });

  it('names tail cuts of 1, 3 and all events, with and without re-created triggers, at the head’s next unlock', async () => {
    const before = results.length;
    for (const c of tailCuts()) {
      const dir = copyOfVault();
      const db = new Database(join(dir, 'vault.sqlite'));
      applySql(db, vault.older, c.sql);
      db.close();
      results.push({ name: c.name, how: await judge(dir, 'log', true) });
    }
    expect(
      results
        .slice(before)
        .filter((r) => r.how === null)
        .map((r) => r.name),
    ).toEqual([]);
  });

  // Two unlocks (Argon2id) per case: longer than the project's default when files run side by side.
  it('names what code holding only the administrator’s passphrase writes, signed with the administrator’s own key', async () => {
    const before = results.length;
    for (const c of adminCodeCases(vault)) {
      const dir = copyOfVault();
      const services: Services = await freshServices(dir);
      await services.sessions.unlock(vault.ids.admin, KNOWN.adminPass);
      await c.attack(services);
      await services.close();
      results.push({ name: c.name, how: await judge(dir, c.names, true) });
    }
    expect(
      results
        .slice(before)
        .filter((r) => r.how === null)
        .map((r) => r.name),
    ).toEqual([]);
  }, 180_000);

  it('names a whole-file rollback to an older copy, at the unlock of a keyholder who saw a later head, and by the paper head', async () => {
    const dir = copyOfVault();
    copyFileSync(vault.older, join(dir, 'vault.sqlite'));
    const how = await judge(dir, 'log', true);
    results.push({ name: 'whole file replaced by an older copy', how });
    expect(how).toMatch(/chain no longer holds/);
    const services = await freshServices(dir);
    await services.sessions.unlock(vault.ids.backup, KNOWN.backupPass);
    expect(services.integrity.findHead(vault.paperHead)).toEqual({ found: false });
    await services.close();
    const current = await freshServices(copyOfVault());
    await current.sessions.unlock(vault.ids.backup, KNOWN.backupPass);
    expect(current.integrity.findHead(vault.paperHead)).toMatchObject({ found: true, actorId: vault.ids.head, actorName: KNOWN.head });
    await current.close();
  });
});
