import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../main/services';
import { seeded } from '../../../fixtures/rekey-crash';
import { richVault, type RichVault } from '../../../fixtures/rich-vault';
import { KNOWN, removeDir, tempDir } from '../../../fixtures/vault';

/**
 * A revocation killed (SIGKILL) at random points of its approval, re-key included (HAND-1; design.md
 * §4): the vault always opens for the remaining keyholders, the audit chain and the whole integrity
 * verification hold, every record reads as before, and the backup administrator is either still a
 * keyholder (nothing happened) or revoked with the vault re-keyed (all of it happened).
 */
const SEED = Number(process.env.REVOKE_CRASH_SEED ?? 1_616);
const TRIALS = 3;

/** Runs the revocation in a child and kills it at the `at`-th line it prints (never, if past its last). */
function runKilledAt(dir: string, ids: RichVault['ids'], at: number): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/revoke-child.ts', dir, ids.admin, ids.head, ids.backup], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
        if (lines.length === at) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ lines, killed: signal === 'SIGKILL' }));
  });
}

describe('a revocation killed during its re-key', () => {
  let v: RichVault;
  let facebook: string;
  let epochs: number;
  beforeAll(async () => {
    v = await richVault();
    const dir = tempDir();
    cpSync(v.dir, dir, { recursive: true });
    const services = await createServices({ dataDir: dir });
    await services.sessions.unlock(v.ids.admin, KNOWN.adminPass);
    facebook = services.credentials.reveal(services.sessions.require(), v.ids.facebook).secret;
    epochs = services.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get() as number;
    await services.close();
    removeDir(dir);
  });
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('leaves the vault whole under the old key or whole under the new one, verifiable, every record readable', async () => {
    const random = seeded(SEED);
    // An uncut run first: how many lines a whole revocation prints.
    const whole = tempDir();
    dirs.push(whole);
    cpSync(v.dir, whole, { recursive: true });
    const full = await runKilledAt(whole, v.ids, Number.MAX_SAFE_INTEGER);
    expect(full.lines.at(-1)).toBe('done');
    const points = [full.lines.indexOf('approving') + 1, ...Array.from({ length: TRIALS - 1 }, () => 1 + Math.floor(random() * full.lines.length))];
    const sides: string[] = [];
    for (const at of points) {
      const dir = tempDir();
      dirs.push(dir);
      cpSync(v.dir, dir, { recursive: true });
      const run = await runKilledAt(dir, v.ids, at);
      const services: Services = await createServices({ dataDir: dir });
      try {
        await services.sessions.unlock(v.ids.admin, KNOWN.adminPass);
        const revoked = services.keyholders.list().find((k) => k.id === v.ids.backup)!.status === 'retired';
        sides.push(revoked ? 'new' : 'old');
        const now = services.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get();
        expect([at, run.killed, revoked, now]).toEqual([at, run.killed, revoked, revoked ? epochs + 1 : epochs]);
        expect(services.integrity.verify(), `killed at line ${at}: ${run.lines.at(-1)}`).toMatchObject({ ok: true, faults: [] });
        expect(services.audit.verify({ full: true }).ok).toBe(true);
        expect(services.credentials.reveal(services.sessions.require(), v.ids.facebook).secret).toBe(facebook);
        expect(services.accounts.list().length).toBeGreaterThan(1);
        services.sessions.lock('manual');
        if (revoked) await expect(services.sessions.unlock(v.ids.backup, KNOWN.backupPass)).rejects.toMatchObject({ code: 'KEYHOLDER_REVOKED' });
        else {
          await services.sessions.unlock(v.ids.backup, KNOWN.backupPass);
          services.sessions.lock('manual');
        }
        await services.sessions.unlock(v.ids.head, KNOWN.headPass);
        expect(services.credentials.reveal(services.sessions.require(), v.ids.facebook).secret).toBe(facebook);
      } finally {
        await services.close();
      }
    }
    // The cut before the approval leaves it undone; the trials as a whole saw both sides or only the old (when every cut fell before the commit).
    expect(sides[0]).toBe('old');
  }, 600_000);
});
