import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openExistingVault } from '../../../../main/vault/db';
import { deriveVaultKeys, generateVaultKey, type VaultKeys } from '../../../../main/vault/keys';
import { loadSodium, type Sodium } from '../../../../main/vault/sodium';
import { rekeyVault } from '../../../../main/vault/rekey/rekey';
import { resealHead } from '../../../../main/vault/audit/log';
import { buildCrashVault, crashTrials, type CrashVault } from '../../../fixtures/rekey-crash';
import { keyState, whollyUnder } from '../../../fixtures/sealed-fields';
import { removeDir, tempDir } from '../../../fixtures/vault';

/**
 * 30 kill -9 at random points of a re-key (HAND-1; more with scripts/rekey-crash.ts): the file
 * always opens, wholly under one key. The seed is fixed so that a failure can be repeated; set
 * REKEY_CRASH_SEED to draw other points.
 */
const SEED = Number(process.env.REKEY_CRASH_SEED ?? 16_016);
const TRIALS = 30;

let s: Sodium;
let vault: CrashVault;
beforeAll(async () => {
  s = await loadSodium();
  vault = await buildCrashVault();
}, 120_000);

describe('the crash check (test/fixtures/rekey-crash.ts)', () => {
  /** A committed re-key of a copy, then `spoil` run on it: what the check makes of the file. */
  function judged(spoil: (db: ReturnType<typeof openExistingVault>, from: VaultKeys, to: VaultKeys) => void) {
    const dir = tempDir('custodia-rekey-mix-');
    copyFileSync(vault.file, join(dir, 'vault.sqlite'));
    const db = openExistingVault(join(dir, 'vault.sqlite'));
    const from = deriveVaultKeys(s, s.from_hex(vault.vk));
    const to = deriveVaultKeys(s, generateVaultKey());
    try {
      spoil(db, from, to);
      return whollyUnder(keyState(db, s, from, to), vault.epochs);
    } finally {
      db.close();
      removeDir(dir);
    }
  }

  it('names a file left with one field, one fingerprint, the head or the epochs on the other key', () => {
    const rekey = (db: ReturnType<typeof openExistingVault>, from: VaultKeys, to: VaultKeys) =>
      db.transaction(() => rekeyVault(db, s, from, to, { at: new Date().toISOString() }))();
    expect(judged(() => {})).toBe('old');
    expect(judged(rekey)).toBe('new');
    // One person's name put back as it was under the old key.
    expect(
      judged((db, from, to) => {
        const row = db.prepare('SELECT id, name FROM people LIMIT 1').get() as { id: string; name: Buffer };
        rekey(db, from, to);
        db.prepare('UPDATE people SET name = ? WHERE id = ?').run(row.name, row.id);
      }),
    ).toBeUndefined();
    // One fingerprint left from the old key.
    expect(
      judged((db, from, to) => {
        const row = db.prepare('SELECT id, fingerprint FROM credential_versions LIMIT 1').get() as { id: string; fingerprint: Buffer };
        rekey(db, from, to);
        db.prepare('UPDATE credential_versions SET fingerprint = ? WHERE id = ?').run(row.fingerprint, row.id);
      }),
    ).toBeUndefined();
    // The sealed head moved back to the old audit key.
    expect(judged((db, from, to) => (rekey(db, from, to), resealHead(db, s, to.audit, from.audit)))).toBeUndefined();
    // The ended epoch missing.
    expect(judged((db, from, to) => (rekey(db, from, to), db.exec('DELETE FROM key_epochs')))).toBeUndefined();
  });
});

describe('a re-key killed at a random point', () => {
  it('leaves every sealed field, fingerprint, the chain head and the epochs all under the old key or all under the new one', async () => {
    const run = await crashTrials(s, vault, TRIALS, SEED);
    const killed = run.trials.filter((t) => t.killed);
    const report = run.trials
      .map((t) => `${t.aim ? `step ${t.aim.anchor} + ${t.aim.delayMs} ms` : '-'}: ${t.stage} → ${t.side ?? 'MIX'} ${t.violations.join('; ')}`)
      .join('\n');
    expect(
      run.trials.flatMap((t) => t.violations),
      `seed ${SEED}, window ${run.windowMs.toFixed(0)} ms:\n${report}`,
    ).toEqual([]);
    // The uncut run ends under the new key; the kills fall inside the transaction: in the re-key itself, and after it.
    expect(run.trials[0]!.side).toBe('new');
    expect(killed.length, report).toBeGreaterThanOrEqual(TRIALS - 5);
    expect(killed.filter((t) => t.side === 'old').length, report).toBeGreaterThanOrEqual(10);
    expect(killed.filter((t) => /^progress [1-9]/.test(t.stage)).length, report).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
