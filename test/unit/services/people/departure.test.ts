import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeparturePlan } from '../../../../shared/staff';
import { KNOWN, registerPerson, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import {
  accountWithPassword,
  codeBlock,
  counts,
  deliver,
  grantApplied,
  outsourcedWithAgreement,
  personOfKeyholder,
  profile,
  registerStaff,
  type Ctx,
} from './people.context';

/**
 * Departures (HAND-2, HAND-3; issue 15's acceptance): the checklist lists exactly what the records
 * say the person holds or saw, each item ticks when the change that settles it is applied (never
 * by hand; the phone by a recorded return), and the person is «Baja» when nothing is left.
 */
let ctx: Ctx;
let now = Date.parse('2026-11-22T15:00:00Z');
const HOUR = 3_600_000;
let contact: string;
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
  // The internal contact was first a recipient of the distribution record, known by name and e-mail; their Formulario B completes that record.
  const email = `rosa.contacto@${KNOWN.domain}`;
  const recipient = registerPerson(ctx.services, ctx.admin, ctx.head, { name: 'Rosa Contacto', email });
  contact = registerStaff(ctx, profile({ function: 'designer', email }), recipient);
  expect(contact).toBe(recipient);
});
afterAll(() => ctx.services.close());

/** Each item as `kind:what` (the account and version, set, grant or device it is about). */
function key(i: DeparturePlan['items'][number]): string {
  switch (i.kind) {
    case 'revoke_role':
      return `revoke_role:${i.grantId}`;
    case 'rotate_password':
      return `rotate_password:${i.accountId}:v${i.version}`;
    case 'replace_recovery_codes':
      return `replace_recovery_codes:${i.accountId}:${i.setId}`;
    case 'replace_seed':
      return `replace_seed:${i.accountId}:v${i.version}`;
    case 'remove_recipient':
      return `remove_recipient:${i.accountId}`;
    case 'return_device':
      return `return_device:${i.deviceId}`;
  }
}
const openItems = (personId: string) =>
  ctx.services.departures
    .plan(personId)
    .items.filter((i) => !i.done)
    .map(key)
    .sort();
const sorted = (items: string[]) => [...items].sort();
const setOf = (accountId: string) =>
  ctx.services.vault.require().prepare('SELECT DISTINCT set_id FROM recovery_codes WHERE account_id = ?').pluck().get(accountId) as string;
const statusInList = (personId: string) => ctx.services.staff.list().people.find((p) => p.id === personId)!;
const depart = (personId: string) =>
  ctx.services.cosign.approve(ctx.services.staff.proposeDepart(ctx.admin, { personId, date: '2026-11-30' }).requestId, ctx.head);
const phone = (holder: { holderPersonId: string } | { holderKeyholderId: string }) =>
  ctx.services.twoStep.addDevice(ctx.admin, { label: `Teléfono ${now}`, number: '+51 987 000 111', institutionOwned: true, ...holder }).deviceId;

describe('an outsourced community manager departs', () => {
  it('the checklist has exactly their roles, exposures, lists and phone; items tick as the changes are applied; then «Baja»', async () => {
    const { services, admin, head } = ctx;
    const [fb, ig, yt] = (['facebook', 'instagram', 'youtube'] as const).map((p) => accountWithPassword(ctx, p));
    const carla = outsourcedWithAgreement(ctx, contact);
    const grants = [
      grantApplied(ctx, fb!, carla, 'partial_content'),
      grantApplied(ctx, ig!, carla, 'partial_insights'),
      grantApplied(ctx, yt!, carla, 'editor'),
    ];
    // Two current passwords: the page's v1 (rotated since, so no longer an item) and v2, and the Instagram account's v1.
    deliver(ctx, fb!, carla);
    rotateApplied(ctx, fb!);
    deliver(ctx, fb!, carla);
    deliver(ctx, ig!, carla);
    // One recovery code handed over, and one phone.
    services.recovery.store(admin, yt!, codeBlock());
    services.recovery.deliver(admin, { codeId: services.recovery.view(yt!).codes[0]!.id, personId: carla, channel: 'in_person' });
    const device = phone({ holderPersonId: carla });
    // Someone else's exposures and roles are not on her list.
    const other = registerStaff(ctx, profile());
    grantApplied(ctx, fb!, other, 'partial_messages');
    deliver(ctx, fb!, other);
    services.credentials.reveal(admin, ig!);

    expect(
      services.staff
        .detail(carla)
        .exposures.map((e) => [e.item, e.accountId, e.current])
        .sort(),
    ).toEqual(
      [
        ['password', fb, false],
        ['password', fb, true],
        ['password', ig, true],
        ['recovery_code', yt, true],
      ].sort(),
    );
    depart(carla);
    // Exactly: 3 roles, 2 current passwords, 1 recovery-code set, 1 phone, and the 2 distribution lists the deliveries put her on.
    const listed = sorted([
      ...grants.map((g) => `revoke_role:${g}`),
      `rotate_password:${fb}:v2`,
      `rotate_password:${ig}:v1`,
      `replace_recovery_codes:${yt}:${setOf(yt!)}`,
      `remove_recipient:${fb}`,
      `remove_recipient:${ig}`,
      `return_device:${device}`,
    ]);
    expect(services.departures.plan(carla).items.map(key).sort()).toEqual(listed);
    expect(openItems(carla)).toEqual(listed);
    expect(statusInList(carla)).toMatchObject({ status: 'leaving', openItems: 9 });
    expect(services.departures.open()).toEqual([expect.objectContaining({ personId: carla, openItems: 9 })]);

    // A replacement of the codes proposed now and left to expire: in the head's batch it fails alone.
    const stale = services.recovery.proposeReplacement(admin, yt!, codeBlock()).requestId;
    now += (services.rotation.settings().cosignExpiryHours + 1) * HOUR;
    const tasks = services.departures.proposeTasks(admin, carla);
    expect(tasks.refused).toEqual([]);
    expect(tasks.requestIds).toHaveLength(5);
    // The plan links each revocation and rotation to its open request.
    expect(
      services.departures
        .plan(carla)
        .items.filter((i) => i.kind === 'revoke_role' || i.kind === 'rotate_password')
        .every((i) => 'requestId' in i && i.requestId !== null && tasks.requestIds.includes(i.requestId)),
    ).toBe(true);
    const eventsBefore = counts(services).events;
    const outcomes = await services.cosign.approveManyWithPassphrase([...tasks.requestIds, stale, tasks.requestIds[0]!], head.keyholderId, KNOWN.headPass);
    expect(outcomes).toEqual([
      ...tasks.requestIds.map((requestId) => ({ requestId, ok: true })),
      { requestId: stale, ok: false, error: { code: 'COSIGN_EXPIRED' } },
    ]);
    // Each approved request got its own event, signed by the head; the expired one none.
    const decided = services.vault
      .require()
      .prepare('SELECT action, actor_id AS actor, subjects FROM audit_events WHERE seq > (SELECT max(seq) FROM audit_events) - ?')
      .all(counts(services).events - eventsBefore) as { action: string; actor: string; subjects: string }[];
    const approvals = decided.filter((e) => e.action.endsWith('.approved'));
    expect(approvals.map((e) => e.action).sort()).toEqual([...Array(2).fill('credential.rotate.approved'), ...Array(3).fill('role.revoke.approved')]);
    expect(new Set(approvals.map((e) => e.actor))).toEqual(new Set([head.keyholderId]));
    expect(sorted(approvals.map((e) => (JSON.parse(e.subjects) as { request: string }).request))).toEqual(sorted(tasks.requestIds));

    // Authorized is not applied: nothing has ticked yet.
    expect(openItems(carla)).toEqual(listed);
    const tick = (done: string[], apply: () => unknown) => {
      const before = openItems(carla);
      apply();
      expect(openItems(carla)).toEqual(before.filter((i) => !done.includes(i)));
    };
    for (const g of grants) tick([`revoke_role:${g}`], () => services.staff.confirmApplied(admin, g));
    tick([`rotate_password:${fb}:v2`], () => services.rotation.confirmApplied(admin, fb!));
    tick([`rotate_password:${ig}:v1`], () => services.rotation.confirmApplied(admin, ig!));
    tick([`replace_recovery_codes:${yt}:${setOf(yt!)}`], () =>
      services.cosign.approve(services.recovery.proposeReplacement(admin, yt!, codeBlock()).requestId, head),
    );
    tick([`remove_recipient:${fb}`], () => services.distribution.removeRecipient(admin, fb!, carla));
    tick([`remove_recipient:${ig}`], () => services.distribution.removeRecipient(admin, ig!, carla));
    expect(statusInList(carla)).toMatchObject({ status: 'leaving', openItems: 1 });
    tick([`return_device:${device}`], () => services.departures.returnDevice(admin, { deviceId: device, personId: carla }));

    expect(services.departures.plan(carla).items.every((i) => i.done)).toBe(true);
    expect(statusInList(carla)).toMatchObject({ status: 'departed', openItems: 0 });
    expect(services.staff.detail(carla).status).toBe('departed');
    expect(services.departures.open()).toEqual([]);
    // The other person's role and list are untouched.
    expect(services.staff.detail(other).grants.map((g) => g.state)).toEqual(['active']);
    expect(services.integrity.verify().ok).toBe(true);
    expect(services.audit.verify().ok).toBe(true);
  });
});

describe('nothing new reaches a person on their way out', () => {
  it('a delivery, a recipient list, a role, a recovery code, a phone, a change of record: PERSON_NOT_ACTIVE, nothing written', () => {
    const { services, admin } = ctx;
    const [fb, ig] = (['facebook', 'instagram'] as const).map((p) => accountWithPassword(ctx, p));
    const dora = registerStaff(ctx, profile());
    deliver(ctx, fb!, dora);
    services.recovery.store(admin, ig!, codeBlock());
    depart(dora);
    const before = counts(services);
    const refusals = [
      () => services.distribution.recordDelivery(admin, { accountId: fb!, personId: dora, channel: 'institutional_email' }),
      () => services.distribution.addRecipient(admin, ig!, dora),
      () => services.staff.proposeGrant(admin, { accountId: ig!, personId: dora, role: 'partial_content' }),
      () => services.recovery.deliver(admin, { codeId: services.recovery.view(ig!).codes[0]!.id, personId: dora, channel: 'in_person' }),
      () => phone({ holderPersonId: dora }),
      () => services.staff.proposeUpdate(admin, { personId: dora, profile: { ...services.staff.detail(dora).profile!, dependency: 'Imagen' } }),
      () => services.staff.proposeDepart(admin, { personId: dora, date: '2026-12-01' }),
    ].map((act) => {
      try {
        act();
        return 'accepted';
      } catch (error) {
        return (error as { code: string }).code;
      }
    });
    expect(refusals).toEqual(Array(refusals.length).fill('PERSON_NOT_ACTIVE'));
    expect(counts(services)).toEqual(before);
  });
});

describe('a keyholder departs', () => {
  it('what they revealed, the codes they saw, the seed exported to them and the phone they hold are on the list, and tick', async () => {
    const { services, admin, backup, head } = ctx;
    const backupPerson = personOfKeyholder(services, backup.keyholderId);
    registerStaff(ctx, profile({ function: 'backup_administrator' }), backupPerson);
    const [fb, li] = (['facebook', 'linkedin'] as const).map((p) => accountWithPassword(ctx, p));
    const grant = grantApplied(ctx, fb!, backupPerson, 'full_control');
    services.credentials.reveal(backup, fb!);
    services.recovery.store(admin, li!, codeBlock());
    services.recovery.reveal(backup, services.recovery.view(li!).codes[1]!.id);
    services.cosign.approve(services.totp.propose(admin, li!, { secret: 'JBSWY3DPEHPK3PXP' }).requestId, head);
    services.cosign.approve(services.totp.proposeExport(backup, li!).requestId, head);
    await services.totp.showExport(backup, li!);
    const device = phone({ holderKeyholderId: backup.keyholderId });
    depart(backupPerson);
    const listed = sorted([
      `revoke_role:${grant}`,
      `rotate_password:${fb}:v1`,
      `replace_recovery_codes:${li}:${setOf(li!)}`,
      `replace_seed:${li}:v1`,
      `return_device:${device}`,
    ]);
    expect(openItems(backupPerson)).toEqual(listed);
    // Nor is a phone handed to the keyholder they are.
    expect(() => phone({ holderKeyholderId: backup.keyholderId })).toThrow(expect.objectContaining({ code: 'PERSON_NOT_ACTIVE' }));

    services.cosign.approve(services.staff.proposeRevoke(admin, { grantId: grant }).requestId, head);
    services.staff.confirmApplied(admin, grant);
    rotateApplied(ctx, fb!);
    services.cosign.approve(services.recovery.proposeReplacement(admin, li!, codeBlock()).requestId, head);
    expect(openItems(backupPerson)).toEqual([`replace_seed:${li}:v1`, `return_device:${device}`].sort());
    services.cosign.approve(services.totp.propose(admin, li!, { secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ' }).requestId, head);
    services.departures.returnDevice(admin, { deviceId: device, personId: backupPerson });
    expect(openItems(backupPerson)).toEqual([]);
    expect(statusInList(backupPerson)).toMatchObject({ status: 'departed', keyholderId: backup.keyholderId });
    expect(services.integrity.verify().ok).toBe(true);
    expect(services.audit.verify().ok).toBe(true);
  });
});
