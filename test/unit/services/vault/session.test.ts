import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { KNOWN, foundingRequest, freshServices, goldenVault, keyholderId, rawVaultBytes, servicesOnCopy, tempDir } from '../../../fixtures/vault';
import type { Services } from '../../../../main/services';
import { unlockDelayMs } from '../../../../main/domain/unlock-throttle';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** A clock the test moves by hand, so the unlock delay is checked without waiting for it. */
function manualClock(start = Date.now()) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('unlock and lock', () => {
  it('unlocks as the office head and records the unlock, signed by the head', async () => {
    services = await servicesOnCopy();
    const head = keyholderId(services, 'head');
    await expect(services.sessions.unlock(head, KNOWN.headPass)).resolves.toEqual({ keyholderId: head, role: 'head', lastVisit: { state: 'first' } });
    const last = services.vault.require().prepare('SELECT action, actor_id FROM audit_events ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'vault.unlocked', actor_id: head });
  });

  it('refuses a wrong passphrase with UNLOCK_FAILED and a delay that grows', async () => {
    const time = manualClock();
    services = await servicesOnCopy({ clock: time.clock });
    const admin = keyholderId(services, 'administrator');
    await expect(services.sessions.unlock(admin, 'not the passphrase')).rejects.toMatchObject({
      code: 'UNLOCK_FAILED',
      details: { failures: 1, retryAt: time.clock().getTime() + 1000 },
    });
    await expect(services.sessions.unlock(admin, KNOWN.adminPass)).rejects.toMatchObject({ code: 'UNLOCK_THROTTLED' });
    time.advance(1000);
    await expect(services.sessions.unlock(admin, 'still wrong')).rejects.toMatchObject({
      code: 'UNLOCK_FAILED',
      details: { failures: 2, retryAt: time.clock().getTime() + 2000 },
    });
    expect(services.setup.status().retryAt).toBe(time.clock().getTime() + 2000);
  });

  it('twenty wrong passphrases leave the vault files byte-identical, and the next unlock records them', async () => {
    const time = manualClock();
    services = await servicesOnCopy({ clock: time.clock });
    const admin = keyholderId(services, 'administrator');
    const before = rawVaultBytes(services);
    for (let attempt = 1; attempt <= 20; attempt++) {
      await expect(services.sessions.unlock(admin, `wrong passphrase ${attempt}`)).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
      time.advance(unlockDelayMs(attempt));
    }
    expect(Buffer.compare(rawVaultBytes(services), before)).toBe(0);
    await services.sessions.unlock(admin, KNOWN.adminPass);
    const details = services.vault
      .require()
      .prepare("SELECT details FROM audit_events WHERE action = 'vault.unlocked' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get();
    expect(JSON.parse(details as string)).toEqual({ failedAttempts: 20 });
  });

  it('one keyholder’s passphrase does not open another keyholder’s slot', async () => {
    services = await servicesOnCopy();
    await expect(services.sessions.unlock(keyholderId(services, 'head'), KNOWN.adminPass)).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
  });

  it('refuses an unknown keyholder id', async () => {
    services = await servicesOnCopy();
    await expect(services.sessions.unlock('5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d', KNOWN.adminPass)).rejects.toMatchObject({ code: 'KEYHOLDER_UNKNOWN' });
  });

  it('locking zeroes the keys held in memory, records the reason and tells listeners', async () => {
    services = await servicesOnCopy();
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const session = services.sessions.current()!;
    const held = [session.keys.vk, session.keys.records, session.keys.audit, session.signSecret];
    const heard: unknown[] = [];
    services.sessions.onLock((event) => heard.push(event));
    expect(services.sessions.lock('idle')).toEqual({ reason: 'idle' });
    expect(services.sessions.current()).toBeUndefined();
    for (const key of held) expect(key.every((b) => b === 0)).toBe(true);
    expect(heard).toEqual([{ reason: 'idle' }]);
    const details = services.vault.require().prepare("SELECT details FROM audit_events WHERE action = 'vault.locked' ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(JSON.parse(details as string)).toEqual({ reason: 'idle' });
    expect(() => services!.home.home()).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });
});

describe('a damaged vault file', () => {
  it('is reported as corrupt and never written to', async () => {
    const dir = tempDir();
    const file = `${dir}/vault.sqlite`;
    const source = readFileSync(await goldenVault());
    source.fill(0x5a, 0, 100); // wreck the SQLite header
    writeFileSync(file, source);
    services = await freshServices(dir);
    expect(services.setup.status().state).toBe('corrupt');
    await expect(services.sessions.unlock('5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d', KNOWN.adminPass)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await expect(services.setup.create(foundingRequest())).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(Buffer.compare(readFileSync(file), source)).toBe(0);
  });

  it('refuses a SQLite file that is not a Custodia vault', async () => {
    const dir = tempDir();
    const other = new Database(`${dir}/vault.sqlite`);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const before = readFileSync(`${dir}/vault.sqlite`);
    services = await freshServices(dir);
    expect(services.setup.status().state).toBe('corrupt');
    expect(Buffer.compare(readFileSync(`${dir}/vault.sqlite`), before)).toBe(0);
  });
});
