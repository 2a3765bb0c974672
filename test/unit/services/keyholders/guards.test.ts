import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { accountInput } from '../../../../shared/accounts';
import { boxVaultKey } from '../../../../main/vault/keyring';
import { closeAndRemove, enrolKeyholder, NEW_PASSPHRASES, refusal, registerPermanent } from '../../../fixtures/keyholders';
import { FORM_A, KNOWN, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

/**
 * What the attacker of issue 16 found open, closed: a revoked keyholder's session does not go on
 * under the new key; the outgoing keyholder of an open handover leaves through its completion
 * only; a claimed box stays, so a swapped one is still named; a slot emptied with sqlite3 is
 * tampering, not an unknown keyholder.
 */

describe('keyholder guards (HAND-1)', () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('the revoked keyholder\u2019s own session cannot receive the new key, and an actor proven before a revocation signs nothing after it', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head, backup } = ctx;
    const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: backup.keyholderId, handoverId: null });
    services.sessions.lock('manual');
    await services.sessions.unlock(backup.keyholderId, KNOWN.backupPass);
    const epochs = () => services!.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get();
    expect(await refusal(() => services!.cosign.approveWithPassphrase(requestId, head.keyholderId, KNOWN.headPass))).toMatchObject({
      code: 'KEYHOLDER_IN_SESSION',
      rule: 'HAND-1',
    });
    expect(epochs()).toBe(0);
    services.sessions.lock('manual');
    await services.sessions.unlock(admin.keyholderId, KNOWN.adminPass);
    await services.cosign.approveWithPassphrase(requestId, head.keyholderId, KNOWN.headPass);
    expect(epochs()).toBe(1);
    // The backup administrator's actor, proven before: refused, nothing written.
    const events = () => services!.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const n = events();
    const account = registerAccount(services, services.sessions.require(), head, { platform: 'x', kind: 'principal', displayName: 'Cuenta X' });
    expect(
      await refusal(() =>
        services!.lifecycle.requestAlta(backup, { account: accountInput.parse({ platform: 'x', kind: 'principal', displayName: 'Cuenta Y' }), form: FORM_A }),
      ),
    ).toMatchObject({
      code: 'KEYHOLDER_REVOKED',
    });
    // The alta requested and authorized: two events.
    expect(events()).toBe(n + 2);
    expect(account).toEqual(expect.any(String));
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
  });

  it('the outgoing keyholder of an open handover is revoked through its completion only; revoking the incoming one cancels it', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head } = ctx;
    const person = registerPermanent(services, admin, head, 'Anacleto');
    const { keyholderId: incoming, handoverId } = await enrolKeyholder(services, admin, head, {
      personId: person,
      role: 'administrator',
      passphrase: NEW_PASSPHRASES.incoming,
      replaces: admin.keyholderId,
    });
    services.sessions.lock('manual');
    await services.sessions.unlock(incoming, NEW_PASSPHRASES.incoming);
    const me = services.sessions.require();
    expect(await refusal(() => services!.keyholders.proposeRevoke(me, { keyholderId: admin.keyholderId, handoverId: null }))).toMatchObject({
      code: 'KEYHOLDER_HANDOVER_OPEN',
      rule: 'HAND-1',
    });
    // The incoming administrator does not go on: the outgoing one revokes them, the head authorizes, the handover is cancelled.
    services.sessions.lock('manual');
    await services.sessions.unlock(admin.keyholderId, KNOWN.adminPass);
    const { requestId } = services.keyholders.proposeRevoke(services.sessions.require(), { keyholderId: incoming, handoverId: null });
    const head2 = await services.sessions.authenticate(head.keyholderId, KNOWN.headPass);
    expect(services.cosign.approve(requestId, head2).subjects).toMatchObject({ keyholder: incoming, handover: handoverId });
    const row = services.vault.require().prepare('SELECT status, completed_at AS at FROM handovers WHERE id = ?').get(handoverId);
    expect(row).toEqual({ status: 'cancelled', at: expect.any(String) });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    // A new handover of the role may start again.
    const other = registerPermanent(services, services.sessions.require(), head2, 'Eduviges');
    await expect(
      enrolKeyholder(services, services.sessions.require(), head2, {
        personId: other,
        role: 'administrator',
        passphrase: NEW_PASSPHRASES.other,
        replaces: admin.keyholderId,
      }),
    ).resolves.toMatchObject({ handoverId: expect.any(String) });
  });

  it('a box swapped with sqlite3 and claimed is still named by the verification; a slot emptied with sqlite3 is tampering', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head, backup } = ctx;
    const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: backup.keyholderId, handoverId: null });
    services.cosign.approve(requestId, head);
    const headKey = services.vault.require().prepare('SELECT sign_public_key FROM keyholders WHERE id = ?').pluck().get(head.keyholderId) as Buffer;
    // The administrator, holding the new key and their own signing key, boxes it for the head themself, with sqlite3.
    const session = services.sessions.require();
    const forged = Buffer.from(boxVaultKey(services.sodium, session.keys.vk, admin.signSecret, headKey, head.keyholderId));
    services.sessions.lock('manual');
    const edit = (sql: string, ...args: unknown[]) => {
      const file = new Database(services!.vault.path);
      file.prepare(sql).run(...args);
      file.close();
    };
    edit('UPDATE keyholder_pending_wraps SET box = ?, sender_id = ? WHERE keyholder_id = ?', forged, admin.keyholderId, head.keyholderId);
    await services.sessions.unlock(head.keyholderId, KNOWN.headPass);
    expect(services.integrity.verify().faults).toEqual([
      expect.objectContaining({ kind: 'row_altered', table: 'keyholder_pending_wraps', key: JSON.stringify([head.keyholderId]) }),
    ]);
    // The administrator's own slot emptied: their unlock says tampering, with the roster's fingerprint.
    services.sessions.lock('manual');
    edit('UPDATE keyholders SET wrapped_vk = NULL WHERE id = ?', admin.keyholderId);
    edit('DELETE FROM keyholder_pending_wraps WHERE keyholder_id = ?', admin.keyholderId);
    expect(await refusal(() => services!.sessions.unlock(admin.keyholderId, KNOWN.adminPass))).toMatchObject({
      code: 'VAULT_TAMPERED',
      details: { part: 'key_slot', keyholder: admin.keyholderId, fingerprint: expect.stringMatching(/^[0-9A-F]{4}-/) },
    });
  });
});
