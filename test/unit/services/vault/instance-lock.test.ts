import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { Services } from '../../../../main/services';
import { exited, holdVault, runSteps } from '../../../fixtures/child';
import { freshServices, goldenVault, KNOWN, removeDir, tempDir } from '../../../fixtures/vault';

/** design.md §4, one process per vault: a second instance is told the vault is in use; a dead holder's lock is taken over. */
const dirs: string[] = [];
const children: ChildProcess[] = [];
let services: Services[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
  for (const s of services.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function vaultDir(): Promise<string> {
  const dir = tempDir('custodia-instance-');
  dirs.push(dir);
  copyFileSync(await goldenVault(false), join(dir, 'vault.sqlite'));
  return dir;
}

const unlockAdmin = ['vault.unlock', { keyholderId: '$administrator', passphrase: KNOWN.adminPass }] as [string, Record<string, unknown>];

describe('one process per vault', () => {
  it('a second process gets VAULT_IN_USE with the holder’s pid and start; after the holder is killed with SIGKILL a third opens it', async () => {
    const dir = await vaultDir();
    const before = Date.now();
    const holder = await holdVault(dir);
    children.push(holder);

    const [status, unlock, lock] = runSteps(
      dir,
      [
        ['vault.status', {}],
        ['vault.unlock', { keyholderId: '00000000-0000-4000-8000-000000000000', passphrase: 'x' }],
        ['vault.lock', {}],
      ],
      { withoutOverride: false },
    );
    expect(status!.result).toMatchObject({ ok: true, value: { state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { pid: holder.pid } } } });
    const startedAt = Date.parse(String((status!.result.value as { error: { details: { startedAt: string } } }).error.details.startedAt));
    expect(startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(unlock!.result).toMatchObject({ ok: false, error: { code: 'VAULT_IN_USE' } });
    expect(lock!.result.ok).toBe(true);

    holder.kill('SIGKILL');
    await exited(holder);
    const [again, opened, verified] = runSteps(dir, [['vault.status', {}], unlockAdmin, ['audit.verify', {}]], { withoutOverride: false });
    expect(again!.result).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(opened!.result.ok).toBe(true);
    expect(verified!.result).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a second instance in the same process is refused too, and the vault is free again once the first closes', async () => {
    const dir = await vaultDir();
    const first = await freshServices(dir);
    services.push(first);
    expect(first.setup.status().state).toBe('locked');
    const second = await freshServices(dir);
    services.push(second);
    expect(second.setup.status()).toMatchObject({ state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { pid: process.pid } } });
    await expect(
      second.setup.create({
        institution: { name: 'X', acronym: 'X', emailDomains: ['x.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 },
        keyholders: [],
      }),
    ).rejects.toMatchObject({ code: 'VAULT_IN_USE' });
    await first.close();
    services = services.filter((s) => s !== first);
    expect(second.setup.status().state).toBe('locked');
  });

  it('looking at an empty folder holds nothing; the ceremony takes the lock, so another process then meets VAULT_IN_USE', async () => {
    const dir = tempDir('custodia-instance-empty-');
    dirs.push(dir);
    const holder = await holdVault(dir);
    children.push(holder);
    const [status] = runSteps(dir, [['vault.status', {}]], { withoutOverride: false });
    // A process that merely looks at an empty folder holds nothing: the status is "empty" for both.
    expect(status!.result).toMatchObject({ ok: true, value: { state: 'empty' } });
    const mine = await freshServices(dir);
    services.push(mine);
    const { foundingRequest } = await import('../../../fixtures/vault');
    await mine.setup.create(foundingRequest());
    const [theirs] = runSteps(dir, [['vault.status', {}]], { withoutOverride: false });
    expect(theirs!.result).toMatchObject({ ok: true, value: { state: 'unavailable', error: { code: 'VAULT_IN_USE', details: { pid: process.pid } } } });
  });
});
