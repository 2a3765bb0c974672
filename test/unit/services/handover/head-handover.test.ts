import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { closeAndRemove, NEW_PASSPHRASES, refusal, registerPermanent } from '../../../fixtures/keyholders';
import { startHandover } from '../../../fixtures/handover';
import { grantRole } from '../../../fixtures/staff';
import { ACCOUNTS, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * HAND-1, scope 7: the same flow replaces the head (authorized by the outgoing head, the checklist
 * being the head's roles, sessions and what they saw) and the backup administrator.
 */

describe('the head\u2019s and the backup administrator\u2019s handovers', () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('a new head: the outgoing head authorizes the start and the completion, then is revoked; the new head decides from then on', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head } = ctx;
    const facebook = registerAccount(services, admin, head, ACCOUNTS.facebook);
    rotateApplied(ctx, facebook);
    // The head saw the current password: HAND-3 until it is rotated.
    services.credentials.reveal(head, facebook);
    const person = registerPermanent(services, admin, head, 'Clodomiro', 'head');
    const { handoverId, incomingKeyholderId, incoming } = await startHandover(services, admin, head, {
      personId: person,
      role: 'head',
      replaces: head.keyholderId,
      passphrase: NEW_PASSPHRASES.incoming,
    });
    const plan = () => services!.handover.plan(handoverId);
    expect(plan()).toMatchObject({ role: 'head', status: 'open', complete: false });
    expect(plan().exposures).toEqual([expect.objectContaining({ kind: 'password', accountId: facebook })]);
    // Two heads during the handover; the completion is the incoming head's to propose, from their own session.
    services.sessions.lock('manual');
    await services.sessions.unlock(incomingKeyholderId, NEW_PASSPHRASES.incoming);
    const { requestId } = services.keyholders.proposeRevoke(services.sessions.require(), { keyholderId: head.keyholderId, handoverId });
    expect(await refusal(() => services!.cosign.approve(requestId, head))).toMatchObject({ code: 'HANDOVER_INCOMPLETE' });
    // What is left: the password the head saw, rotated (authorized by the outgoing head), and the sessions closed.
    const admin2 = await services.sessions.authenticate(admin.keyholderId, KNOWN.adminPass);
    rotateApplied(ctx, facebook, undefined, admin2, 'handover');
    // The page's admin role, held by the head, goes to the incoming head (MITIC 6.1.1.III: roles assigned anew).
    grantRole(services, admin2, services.sessions.require(), { accountId: facebook, personId: person, role: 'full_control' });
    for (const a of plan().accounts)
      for (const item of a.items)
        if (item.state === 'open' && item.item === 'sessions_closed') services.handover.confirmSessions(incoming, handoverId, a.accountId);
    const left = plan();
    expect(left.exposures).toEqual([]);
    expect(left.accounts.flatMap((a) => a.items.filter((i) => i.state === 'open'))).toEqual([]);
    const { subjects } = services.cosign.approve(requestId, head);
    expect(subjects).toMatchObject({ keyholder: head.keyholderId, handover: handoverId });
    expect(plan()).toMatchObject({ status: 'completed' });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    // The outgoing head's passphrase opens nothing; the new head authorizes from now on.
    services.sessions.lock('manual');
    await expect(services.sessions.unlock(head.keyholderId, KNOWN.headPass)).rejects.toMatchObject({ code: 'KEYHOLDER_REVOKED' });
    await services.sessions.unlock(admin.keyholderId, KNOWN.adminPass);
    const newHead = await services.sessions.authenticate(incomingKeyholderId, NEW_PASSPHRASES.incoming);
    expect(newHead.role).toBe('head');
    rotateApplied({ ...ctx, admin: services.sessions.require(), head: newHead }, facebook);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
  });

  it('a new backup administrator: started by the administrator, authorized by the head; at its completion the outgoing one is revoked', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const { admin, head, backup } = ctx;
    const person = registerPermanent(services, admin, head, 'Filomena', 'backup_administrator');
    const { handoverId, incomingKeyholderId } = await startHandover(services, admin, head, {
      personId: person,
      role: 'backup_administrator',
      replaces: backup.keyholderId,
      passphrase: NEW_PASSPHRASES.incoming,
    });
    // An office without accounts yet: nothing is left but the completion itself.
    expect(services.handover.plan(handoverId)).toMatchObject({ role: 'backup_administrator', complete: true });
    services.sessions.lock('manual');
    await services.sessions.unlock(incomingKeyholderId, NEW_PASSPHRASES.incoming);
    const { requestId } = services.keyholders.proposeRevoke(services.sessions.require(), { keyholderId: backup.keyholderId, handoverId });
    services.cosign.approve(requestId, head);
    expect(services.keyholders.list().find((k) => k.id === backup.keyholderId)).toMatchObject({ status: 'retired' });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    services.sessions.lock('manual');
    await expect(services.sessions.unlock(backup.keyholderId, KNOWN.backupPass)).rejects.toMatchObject({ code: 'KEYHOLDER_REVOKED' });
  });
});
