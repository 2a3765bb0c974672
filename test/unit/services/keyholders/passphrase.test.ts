import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { closeAndRemove, NEW_PASSPHRASES, refusal } from '../../../fixtures/keyholders';
import { KNOWN, keyholderId, unlockedWithActors } from '../../../fixtures/vault';

/** Everything in the vault but the administrator's own key slot, and the events. */
function snapshot(services: Services, adminId: string): string {
  const db = services.vault.require();
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_events', 'vault_meta')`).pluck().all() as string[];
  return JSON.stringify(
    tables.map((t) =>
      db
        .prepare(`SELECT * FROM ${t} ${t === 'keyholders' ? 'WHERE id <> ?' : ''} ORDER BY 1`)
        .raw()
        .all(...(t === 'keyholders' ? [adminId] : []))
        .map((r) => (r as unknown[]).map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))),
    ),
  );
}

describe('a keyholder changes their own passphrase (HAND-1)', () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('the old passphrase stops opening the vault, the new one opens it, and nothing else changes', async () => {
    let now = Date.now();
    const ctx = await unlockedWithActors({ clock: () => new Date(now) });
    services = ctx.services;
    const adminId = ctx.admin.keyholderId;
    const events = () => services!.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all() as string[];
    const before = snapshot(services, adminId);
    const slot = () =>
      services!.vault
        .require()
        .prepare('SELECT kdf_salt, wrapped_vk, sealed_sign_secret, sign_public_key, name, version FROM keyholders WHERE id = ?')
        .get(adminId) as Record<string, Buffer | number>;
    const oldSlot = slot();
    const count = events().length;

    // Refusals first: each names its problem and writes nothing.
    expect(
      await refusal(() =>
        services!.keyholders.changePassphrase({ current: KNOWN.adminPass, next: NEW_PASSPHRASES.changed, confirm: 'otra cosa distinta 123' }),
      ),
    ).toMatchObject({ code: 'PASSPHRASE_CONFIRM' });
    expect(
      await refusal(() => services!.keyholders.changePassphrase({ current: KNOWN.adminPass, next: KNOWN.adminPass, confirm: KNOWN.adminPass })),
    ).toMatchObject({
      code: 'PASSPHRASE_UNCHANGED',
    });
    expect(await refusal(() => services!.keyholders.changePassphrase({ current: KNOWN.adminPass, next: 'corta', confirm: 'corta' }))).toMatchObject({
      code: 'PASSPHRASE_WEAK',
      details: { as: 'own' },
    });
    // Weak by the ceremony's rule: the holder's own name.
    const named = `${KNOWN.administrator} 1`;
    expect(await refusal(() => services!.keyholders.changePassphrase({ current: KNOWN.adminPass, next: named, confirm: named }))).toMatchObject({
      code: 'PASSPHRASE_WEAK',
    });
    expect(events()).toHaveLength(count);

    await services.keyholders.changePassphrase({ current: KNOWN.adminPass, next: NEW_PASSPHRASES.changed, confirm: NEW_PASSPHRASES.changed });
    const newSlot = slot();
    expect(events().slice(count)).toEqual(['keyholder.passphrase_changed']);
    // Only the wrap, the salt and the sealed signing secret changed; the key itself and the name stayed.
    expect(Buffer.compare(newSlot.kdf_salt as Buffer, oldSlot.kdf_salt as Buffer)).not.toBe(0);
    expect(Buffer.compare(newSlot.wrapped_vk as Buffer, oldSlot.wrapped_vk as Buffer)).not.toBe(0);
    expect(Buffer.compare(newSlot.sealed_sign_secret as Buffer, oldSlot.sealed_sign_secret as Buffer)).not.toBe(0);
    expect(newSlot.sign_public_key).toEqual(oldSlot.sign_public_key);
    expect(newSlot.name).toEqual(oldSlot.name);
    expect(snapshot(services, adminId)).toBe(before);
    expect(services.integrity.verify().ok).toBe(true);

    services.sessions.lock('manual');
    expect(await refusal(() => services!.sessions.unlock(adminId, KNOWN.adminPass))).toMatchObject({ code: 'UNLOCK_FAILED' });
    // The growing delay after that failure (1 s) passes.
    now += 2_000;
    await services.sessions.unlock(adminId, NEW_PASSPHRASES.changed);
    expect(services.sessions.require().keyholderId).toBe(adminId);
    // Their record of what they saw followed the new passphrase: this is not a first visit.
    expect(services.sessions.lastVisit()?.state).toBe('ok');
    expect(services.integrity.verify().ok).toBe(true);
    // The others' passphrases are untouched.
    await expect(services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass)).resolves.toMatchObject({ role: 'head' });
  });

  it('a wrong current passphrase changes nothing and counts toward the delay', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const count = () => services!.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const n = count();
    expect(
      await refusal(() =>
        services!.keyholders.changePassphrase({ current: 'no es la frase correcta 99', next: NEW_PASSPHRASES.changed, confirm: NEW_PASSPHRASES.changed }),
      ),
    ).toMatchObject({
      code: 'UNLOCK_FAILED',
    });
    expect(count()).toBe(n);
    services.sessions.lock('manual');
    expect(await refusal(() => services!.sessions.unlock(ctx.admin.keyholderId, NEW_PASSPHRASES.changed))).toMatchObject({
      code: expect.stringMatching(/UNLOCK_FAILED|UNLOCK_THROTTLED/),
    });
  });
});
