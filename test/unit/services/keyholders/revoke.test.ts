import { cpSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../main/services';
import { appendEvent } from '../../../../main/vault/audit/log';
import { richVault, type RichVault } from '../../../fixtures/rich-vault';
import { closeAndRemove, refusal } from '../../../fixtures/keyholders';
import { KNOWN, tempDir } from '../../../fixtures/vault';

/** What every screen reads, opened: it must read the same under the new key. */
async function everything(services: Services, v: RichVault) {
  const accounts = services.accounts.list().map((a) => ({ ...a }));
  const facebook = services.credentials.reveal(services.sessions.require(), v.ids.facebook).secret;
  const mailbox = services.credentials.reveal(services.sessions.require(), v.ids.mailbox).secret;
  const staff = [v.ids.agency, v.ids.contact, v.ids.leaver].map((id) => services.staff.detail(id));
  const codes = services.recovery.view(v.ids.facebook).codes.map((c) => ({ id: c.id, used: c.used }));
  const settings = services.rotation.settings();
  const devices = services.twoStep.devices();
  const history = services.credentials.history({ accountId: v.ids.facebook });
  return { accounts, facebook, mailbox, staff, codes, settings, devices, history };
}

describe('revoking a keyholder re-keys the vault (HAND-1; design.md §4)', () => {
  let v: RichVault;
  let services: Services | undefined;
  beforeAll(async () => {
    v = await richVault();
  });
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('every record reads the same under the new key; the revoked passphrase opens nothing; old signatures verify and a later one of the retired key is refused', async () => {
    const dir = tempDir();
    cpSync(v.dir, dir, { recursive: true });
    services = await createServices({ dataDir: dir });
    await services.sessions.unlock(v.ids.admin, KNOWN.adminPass);
    const backup = await services.sessions.authenticate(v.ids.backup, KNOWN.backupPass);
    // The backup administrator signs something before they go: it must still verify after.
    services.credentials.reveal(backup, v.ids.mailbox);
    const retiredSecret = backup.signSecret.slice();
    services.sessions.release(backup);
    const before = await everything(services, v);
    const oldKeys = services.sessions.require().keys.records.slice();
    const epochsBefore = services.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get() as number;

    expect(await refusal(() => services!.keyholders.proposeRevoke(services!.sessions.require(), { keyholderId: v.ids.admin, handoverId: null }))).toMatchObject(
      {
        code: 'KEYHOLDER_SELF',
      },
    );
    const { requestId } = services.keyholders.proposeRevoke(services.sessions.require(), {
      keyholderId: v.ids.backup,
      handoverId: null,
      note: 'Deja la oficina',
    });
    const progress: number[] = [];
    const stop = services.rekey.onProgress((p) => progress.push(p.done));
    await services.cosign.approveWithPassphrase(requestId, v.ids.head, KNOWN.headPass);
    stop();
    expect(progress.length).toBeGreaterThan(0);
    expect(services.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get()).toBe(epochsBefore + 1);
    // The session went on under the new key.
    expect(Buffer.compare(services.sessions.require().keys.records, oldKeys)).not.toBe(0);
    const event = services.vault
      .require()
      .prepare(`SELECT details FROM audit_events WHERE action = 'keyholder.revoke.approved' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({ retired: v.ids.backup, epoch: epochsBefore + 1 });

    const after = await everything(services, v);
    expect(after).toEqual(before);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    expect(services.audit.verify({ full: true })).toMatchObject({ ok: true });

    // Fingerprints were recomputed under the new key: reuse is still caught (POL-3).
    expect(
      await refusal(() => services!.cosign.propose(services!.sessions.require(), { accountId: v.ids.mailbox, secret: before.facebook, reason: 'scheduled' })),
    ).toMatchObject({
      code: 'POLICY_VIOLATION',
      rule: 'POL-3',
    });

    services.sessions.lock('manual');
    // The lock screen still lists the revoked keyholder, marked, after the active ones.
    const badges = services.setup.status().keyholders;
    const revoked = badges.filter((k) => k.revoked);
    expect(badges.slice(-revoked.length)).toEqual(revoked);
    expect(revoked.map((k) => k.id)).toContain(v.ids.backup);
    expect(badges.filter((k) => !k.revoked).map((k) => k.id)).toEqual(expect.arrayContaining([v.ids.head, v.ids.admin]));
    expect(await refusal(() => services!.sessions.unlock(v.ids.backup, KNOWN.backupPass))).toMatchObject({ code: 'KEYHOLDER_REVOKED' });
    // The remaining keyholders each claim the new key at their next unlock, and read the same.
    await services.sessions.unlock(v.ids.head, KNOWN.headPass);
    expect(services.credentials.reveal(services.sessions.require(), v.ids.facebook).secret).toBe(before.facebook);
    services.sessions.lock('manual');
    await services.sessions.unlock(v.ids.admin, KNOWN.adminPass);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });

    // The retired key signs an event after its revocation: the verification names it.
    const db = services.vault.require();
    db.transaction(() =>
      appendEvent(
        db,
        services!.sodium,
        services!.sessions.require().keys.audit,
        { keyholderId: v.ids.backup, secretKey: retiredSecret },
        {
          at: new Date().toISOString(),
          action: 'vault.unlocked',
          subjects: { keyholder: v.ids.backup },
          details: { failedAttempts: 0 },
        },
      ),
    )();
    const report = services.integrity.verify();
    expect(report.faults).toEqual([expect.objectContaining({ kind: 'actor_retired' })]);
  });

  it('a vault never loses its last head or administrator, and the revocation is the head\u2019s to authorize', async () => {
    const dir = tempDir();
    cpSync(v.dir, dir, { recursive: true });
    services = await createServices({ dataDir: dir });
    await services.sessions.unlock(v.ids.admin, KNOWN.adminPass);
    const admin = services.sessions.require();
    expect(await refusal(() => services!.keyholders.proposeRevoke(admin, { keyholderId: v.ids.head, handoverId: null }))).toMatchObject({
      code: 'KEYHOLDER_LAST',
      rule: 'HAND-1',
    });
    const backup = await services.sessions.authenticate(v.ids.backup, KNOWN.backupPass);
    // The administrator is the outgoing one of the rich vault's open handover: they leave through its completion only.
    expect(await refusal(() => services!.keyholders.proposeRevoke(backup, { keyholderId: v.ids.admin, handoverId: null }))).toMatchObject({
      code: 'KEYHOLDER_HANDOVER_OPEN',
      rule: 'HAND-1',
    });
    const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: v.ids.backup, handoverId: null });
    expect(await refusal(() => services!.cosign.approve(requestId, backup))).toMatchObject({ code: expect.stringMatching(/COSIGN_ROLE|COSIGN_SELF/) });
    services.sessions.release(backup);
    // Nothing was re-keyed by the refusals.
    expect(services.vault.require().prepare('SELECT count(*) FROM key_epochs').pluck().get()).toBe(1);
  });
});
