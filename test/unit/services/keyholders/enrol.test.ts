import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { appendEvent } from '../../../../main/vault/audit/log';
import { closeAndRemove, enrolKeyholder, NEW_PASSPHRASES, refusal, registerPermanent } from '../../../fixtures/keyholders';
import { registerStaff, staffProfile } from '../../../fixtures/staff';
import { KNOWN, unlockedWithActors } from '../../../fixtures/vault';

describe('enrolling a keyholder is a co-signed roster change (HAND-1)', () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('starts a handover: the incoming administrator unlocks with their own passphrase and the log replays them into the roster', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head } = ctx;
    const incoming = registerPermanent(services, admin, head, 'Maximiliano');
    const { keyholderId, handoverId } = await enrolKeyholder(services, admin, head, {
      personId: incoming,
      role: 'administrator',
      passphrase: NEW_PASSPHRASES.incoming,
      replaces: admin.keyholderId,
    });
    expect(handoverId).toEqual(expect.any(String));
    const row = services.vault.require().prepare('SELECT role, status, outgoing_keyholder_id AS o, incoming_keyholder_id AS i FROM handovers').get();
    expect(row).toEqual({ role: 'administrator', status: 'open', o: admin.keyholderId, i: keyholderId });
    const listed = services.keyholders.list().find((k) => k.id === keyholderId)!;
    expect(listed).toMatchObject({
      role: 'administrator',
      status: 'active',
      personId: incoming,
      awaitingFirstUnlock: true,
      name: expect.stringContaining('Maximiliano'),
    });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });

    // Both administrators are keyholders while the handover runs; the new one's first unlock claims their key.
    services.sessions.lock('manual');
    await services.sessions.unlock(keyholderId, NEW_PASSPHRASES.incoming);
    expect(services.sessions.require()).toMatchObject({ keyholderId, role: 'administrator' });
    const actions = services.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq DESC LIMIT 2').pluck().all();
    expect(actions).toEqual(['vault.unlocked', 'keyholder.wrap_claimed']);
    expect(services.keyholders.list().find((k) => k.id === keyholderId)!.awaitingFirstUnlock).toBe(false);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    services.sessions.lock('manual');
    await services.sessions.unlock(keyholderId, NEW_PASSPHRASES.incoming);
    services.sessions.lock('manual');
    await services.sessions.unlock(admin.keyholderId, KNOWN.adminPass);
    expect(services.sessions.require().keyholderId).toBe(admin.keyholderId);
  });

  it('refuses what HAND-1 and ROLE-3 forbid, each with its rule, and writes nothing', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head, backup } = ctx;
    const permanent = registerPermanent(services, admin, head, 'Gumercinda');
    const contracted = registerStaff(services, admin, head, staffProfile('Florencio', { link: 'contracted', function: 'designer' }));
    const count = () => services!.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const n = count();
    const propose = (input: { personId: string; role: 'administrator' | 'head' | 'backup_administrator'; replaces?: string | null; passphrase?: string }) =>
      services!.keyholders.proposeEnrol(admin, {
        personId: input.personId,
        role: input.role,
        passphrase: input.passphrase ?? NEW_PASSPHRASES.incoming,
        confirm: input.passphrase ?? NEW_PASSPHRASES.incoming,
        replaces: input.replaces ?? null,
      });
    // One keyholder per role outside a handover.
    expect(await refusal(() => propose({ personId: permanent, role: 'administrator' }))).toMatchObject({ code: 'KEYHOLDER_ROLE_HELD', rule: 'HAND-1' });
    // ROLE-3: keyholders are permanent staff.
    expect(await refusal(() => propose({ personId: contracted, role: 'administrator', replaces: admin.keyholderId }))).toMatchObject({
      code: 'ROLE_PERMANENT_ONLY',
      rule: 'ROLE-3',
    });
    // The same strength rules as the ceremony.
    expect(
      await refusal(() => propose({ personId: permanent, role: 'administrator', replaces: admin.keyholderId, passphrase: 'aaaaaaaaaaaaaaaaaaaa' })),
    ).toMatchObject({ code: 'PASSPHRASE_WEAK' });
    // The replaced keyholder must hold the role.
    expect(await refusal(() => propose({ personId: permanent, role: 'administrator', replaces: backup.keyholderId }))).toMatchObject({
      code: 'KEYHOLDER_UNKNOWN',
    });
    // A keyholder is not enrolled twice.
    const adminPerson = services.vault
      .require()
      .prepare('SELECT person_id FROM keyholder_people WHERE keyholder_id = ?')
      .pluck()
      .get(admin.keyholderId) as string;
    expect(await refusal(() => propose({ personId: adminPerson, role: 'administrator', replaces: admin.keyholderId }))).toMatchObject({
      code: expect.stringMatching(/KEYHOLDER_EXISTS|PERSON_INCOMPLETE/),
    });
    expect(count()).toBe(n);

    const { requestId } = await propose({ personId: permanent, role: 'administrator', replaces: admin.keyholderId });
    // No one approves their own proposal.
    expect(await refusal(() => services!.cosign.approve(requestId, admin))).toMatchObject({ code: expect.stringMatching(/COSIGN_SELF_APPROVAL|COSIGN_ROLE/) });
    // Only the head authorizes.
    expect(await refusal(() => services!.cosign.approve(requestId, backup))).toMatchObject({ code: 'COSIGN_ROLE' });
    services.cosign.approve(requestId, head);
    // One handover per role at a time.
    const another = registerPermanent(services, admin, head, 'Teófila');
    expect(await refusal(() => propose({ personId: another, role: 'administrator', replaces: admin.keyholderId }))).toMatchObject({
      code: 'KEYHOLDER_HANDOVER_OPEN',
      rule: 'HAND-1',
    });
  });

  it('the replay refuses a roster change not signed by the head', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head } = ctx;
    const db = services.vault.require();
    // The administrator, holding only their own key, appends a forged enrolment of a key of their making.
    db.transaction(() =>
      appendEvent(
        db,
        services!.sodium,
        services!.sessions.require().keys.audit,
        { keyholderId: admin.keyholderId, secretKey: admin.signSecret },
        {
          at: new Date().toISOString(),
          action: 'keyholder.enrol.approved',
          subjects: { request: '00000000-0000-4000-8000-000000000000' },
          details: { enrolled: { id: '00000000-0000-4000-8000-000000000001', role: 'head', key: '11'.repeat(32), proof: '22'.repeat(64) } },
        },
      ),
    )();
    const report = services.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.faults.map((f) => f.kind)).toEqual(expect.arrayContaining(['roster_invalid']));
    services.sessions.release(head);
  });
});
