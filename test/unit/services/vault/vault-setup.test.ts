import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN, foundingRequest, freshServices, rawVaultBytes, tempDir } from '../../../fixtures/vault';
import type { Services } from '../../../../main/services';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('vault creation ceremony', () => {
  it('creates a vault, leaves the administrator unlocked, and lists keyholders by role when locked', async () => {
    services = await freshServices();
    expect(services.setup.status().state).toBe('empty');
    const session = await services.setup.create(foundingRequest());
    expect(session.role).toBe('administrator');
    expect(services.setup.status().state).toBe('unlocked');
    services.sessions.lock('manual');
    const status = services.setup.status();
    expect(status.state).toBe('locked');
    expect(status.keyholders.map((k) => k.role)).toEqual(['administrator', 'head']);
    expect(status.keyholders[0]!.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
  });

  it('writes none of the typed strings in clear to the database or its WAL', async () => {
    services = await freshServices();
    await services.setup.create(foundingRequest(true));
    const raw = rawVaultBytes(services);
    for (const text of Object.values(KNOWN)) {
      expect(raw.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(raw.includes(Buffer.from(text, 'utf16le')), text).toBe(false);
    }
  });

  it('refuses a second vault over an existing one', async () => {
    services = await freshServices();
    await services.setup.create(foundingRequest());
    await expect(services.setup.create(foundingRequest())).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });
});

describe('the vault across restarts', () => {
  it('is there after the app closes and opens again, and unlocks', async () => {
    const dir = tempDir();
    const first = await freshServices(dir);
    await first.setup.create(foundingRequest());
    await first.close();
    services = await freshServices(dir);
    expect(services.setup.status().state).toBe('locked');
    const head = services.setup.status().keyholders.find((k) => k.role === 'head')!;
    await services.sessions.unlock(head.id, KNOWN.headPass);
    expect(services.home.home().institution.name).toBe(KNOWN.institution);
    const lastLock = services.vault.require().prepare("SELECT details FROM audit_events WHERE action = 'vault.locked'").pluck().get();
    expect(JSON.parse(lastLock as string)).toEqual({ reason: 'quit' });
  });
});
