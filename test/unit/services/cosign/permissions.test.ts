import { afterAll, describe, expect, it } from 'vitest';
import { accountInput } from '../../../../shared/accounts';
import type { Channel } from '../../../../shared/channels';
import { KEYHOLDER_ROLES, type KeyholderRole } from '../../../../shared/domain';
import { ACTIONS, may, type Action } from '../../../../shared/permissions';
import type { Result } from '../../../../shared/result';
import type { Actor } from '../../../../main/services/vault/session';
import { call, tableOf } from '../../attack/helpers';
import { departStaff, grantRole, registerStaff, staffProfile } from '../../../fixtures/staff';
import { NEW_PASSPHRASES } from '../../../fixtures/keyholders';
import { ACCOUNTS, KNOWN, freshSecret, registerPerson, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * Issue 13's acceptance: for every action of the permission table and every role, the screen offers
 * the action (may) exactly when the service accepts it. Each action is driven through the real
 * handler table on a vault copy unlocked as that role, with whatever the action needs already in
 * place, so that an allowed action succeeds and a refused one is refused for its role, nothing else.
 */
const NOW = new Date('2026-11-22T15:00:07Z');
const PASSPHRASE: Record<KeyholderRole, string> = { administrator: KNOWN.adminPass, head: KNOWN.headPass, backup_administrator: KNOWN.backupPass };
const CODES = Array.from({ length: 10 }, (_, i) => `${i + 1}. zq${String(i).repeat(3)}-k7m${i}x`).join('\n');
const SEED = 'JBSWY3DPEHPK3PXP';
const ROLE_REFUSALS = new Set(['ACTION_ROLE', 'COSIGN_ROLE']);

type Context = Awaited<ReturnType<typeof unlockedWithActors>>;
interface Case {
  action: Action;
  channel: Channel;
  payload: unknown;
}

const contexts: Context[] = [];
afterAll(async () => {
  for (const ctx of contexts) await ctx.services.close();
});

/** A vault copy holding what every action needs, unlocked as `role`; returns the calls to make. */
async function prepared(role: KeyholderRole): Promise<{ ctx: Context; cases: Case[] }> {
  const ctx = await unlockedWithActors({ clock: () => NOW });
  contexts.push(ctx);
  const { services, admin, head, backup } = ctx;
  const actors: Record<KeyholderRole, Actor> = { administrator: admin, head, backup_administrator: backup };
  const me = actors[role];
  // Someone other than `role` proposes what `role` is asked to decide (never one's own, POL-5).
  const other = role === 'administrator' ? backup : admin;
  // An administrator who may act on the platforms prepares what `role` then uses (the head cannot).
  const worker = role === 'head' ? admin : me;
  const account = (name: string) => services.accounts.register(admin, accountInput.parse({ ...ACCOUNTS.facebook, displayName: `${name} ${role}` })).accountId;

  const plain = account('Cuenta simple');
  const rotated = account('Cuenta rotada');
  rotateApplied(ctx, rotated);
  const authorized = account('Cuenta autorizada');
  services.cosign.approve(services.cosign.propose(worker, { accountId: authorized, secret: freshSecret(), reason: 'scheduled' }).requestId, head);
  const toApprove = services.cosign.propose(other, { accountId: account('Cuenta por aprobar'), secret: freshSecret(), reason: 'scheduled' }).requestId;
  const toReject = services.cosign.propose(other, { accountId: account('Cuenta por rechazar'), secret: freshSecret(), reason: 'scheduled' }).requestId;
  const toApproveInBatch = services.cosign.propose(other, {
    accountId: account('Cuenta por aprobar en lote'),
    secret: freshSecret(),
    reason: 'scheduled',
  }).requestId;
  const withCodes = account('Cuenta con códigos');
  services.recovery.store(admin, withCodes, CODES);
  const [firstCode, secondCode] = services.recovery.view(withCodes).codes;
  const withSeed = account('Cuenta con semilla');
  services.cosign.approve(services.totp.propose(admin, withSeed, { secret: SEED }).requestId, head);
  const exported = account('Cuenta exportada');
  services.cosign.approve(services.totp.propose(admin, exported, { secret: SEED }).requestId, head);
  services.cosign.approve(services.totp.proposeExport(worker, exported).requestId, head);
  const personId = registerPerson(services, admin, head, { name: 'Ana Recipiente', email: `ana.${role}@${KNOWN.domain}` });
  const recipient = registerPerson(services, admin, head, { name: 'Berta Recipiente', email: `berta.${role}@${KNOWN.domain}` });
  services.distribution.addRecipient(admin, rotated, recipient);
  services.distribution.addRecipient(admin, plain, recipient);
  const settings = { ...services.rotation.settings(), rotationIntervalDays: 20 };
  // The staff registry (issue 15): a designer with a role in force, one awaiting its confirmation, and a phone; someone leaving.
  const staffer = registerStaff(services, admin, head, staffProfile('Dorotea'));
  const held = grantRole(services, admin, head, { accountId: rotated, personId: staffer, role: 'partial_content' });
  const awaiting = grantRole(services, admin, head, { accountId: authorized, personId: staffer, role: 'partial_insights' }, false);
  const phone = services.twoStep.addDevice(admin, {
    label: 'Celular de diseño',
    number: '+51 999 111 222',
    institutionOwned: true,
    holderPersonId: staffer,
  }).deviceId;
  const leaver = registerStaff(services, admin, head, staffProfile('Eustaquia'));
  grantRole(services, admin, head, { accountId: withSeed, personId: leaver, role: 'partial_messages' });
  departStaff(services, admin, head, leaver);
  // A permanent person who may become a keyholder (HAND-1: the backup administrator's handover).
  const candidate = registerStaff(services, admin, head, staffProfile('Hermenegilda', { function: 'backup_administrator' }));

  if (role !== 'administrator') {
    services.sessions.lock('manual');
    await services.sessions.unlock(me.keyholderId, PASSPHRASE[role]);
  }
  expect(services.sessions.require().role).toBe(role);

  const cases: Case[] = [
    { action: 'account.register', channel: 'accounts.register', payload: { account: { platform: 'x', kind: 'principal', displayName: `Nueva ${role}` } } },
    { action: 'credential.propose', channel: 'credentials.propose', payload: { accountId: plain, secret: freshSecret(), reason: 'scheduled' } },
    { action: 'credential.generate', channel: 'credentials.generate', payload: { accountId: plain } },
    { action: 'credential.reveal', channel: 'credentials.reveal', payload: { accountId: rotated } },
    { action: 'credential.reveal', channel: 'credentials.copy', payload: { accountId: rotated } },
    { action: 'credential.apply', channel: 'rotation.confirmApplied', payload: { accountId: authorized } },
    { action: 'request.decide', channel: 'cosign.approve', payload: { requestId: toApprove, approverId: me.keyholderId, passphrase: PASSPHRASE[role] } },
    {
      action: 'request.decide',
      channel: 'cosign.approveMany',
      payload: { requestIds: [toApproveInBatch], approverId: me.keyholderId, passphrase: PASSPHRASE[role] },
    },
    {
      action: 'request.decide',
      channel: 'cosign.reject',
      payload: { requestId: toReject, approverId: me.keyholderId, passphrase: PASSPHRASE[role], reason: 'No corresponde.' },
    },
    { action: 'settings.propose', channel: 'settings.propose', payload: { settings } },
    { action: 'two_step.edit', channel: 'twoStep.update', payload: { accountId: plain, twoStep: { method: 'totp_vault' } } },
    { action: 'device.add', channel: 'devices.add', payload: { label: 'Celular de prensa', number: '+51 999 888 777', institutionOwned: true } },
    { action: 'recovery.store', channel: 'recovery.store', payload: { accountId: plain, block: CODES } },
    { action: 'recovery.replace', channel: 'recovery.replace', payload: { accountId: withCodes, block: CODES.replaceAll('zq', 'qz') } },
    { action: 'recovery.reveal', channel: 'recovery.reveal', payload: { codeId: firstCode!.id } },
    { action: 'recovery.use', channel: 'recovery.markUsed', payload: { codeId: secondCode!.id, reason: 'Acceso de emergencia' } },
    { action: 'totp.propose', channel: 'totp.propose', payload: { accountId: plain, source: { secret: SEED } } },
    { action: 'totp.remove', channel: 'totp.remove', payload: { accountId: withSeed } },
    { action: 'totp.export', channel: 'totp.requestExport', payload: { accountId: withSeed } },
    { action: 'totp.export', channel: 'totp.showExport', payload: { accountId: exported } },
    { action: 'totp.codes', channel: 'totp.codes', payload: { accountIds: [withSeed] } },
    { action: 'totp.codes', channel: 'totp.copy', payload: { accountId: withSeed } },
    { action: 'distribution.edit', channel: 'distribution.addRecipient', payload: { accountId: rotated, personId } },
    { action: 'distribution.edit', channel: 'distribution.removeRecipient', payload: { accountId: plain, personId: recipient } },
    { action: 'distribution.record', channel: 'distribution.recordDelivery', payload: { accountId: rotated, personId: recipient, channel: 'in_person' } },
    { action: 'people.add', channel: 'people.add', payload: { name: 'Carla Nueva', email: `carla.${role}@${KNOWN.domain}` } },
    { action: 'staff.read', channel: 'staff.list', payload: {} },
    { action: 'staff.read', channel: 'staff.get', payload: { personId: staffer } },
    { action: 'staff.read', channel: 'accounts.exposure', payload: { accountId: rotated } },
    { action: 'staff.read', channel: 'departures.list', payload: {} },
    { action: 'staff.read', channel: 'departures.plan', payload: { personId: leaver } },
    { action: 'staff.propose', channel: 'staff.register', payload: { profile: staffProfile('Fortunata') } },
    {
      action: 'staff.propose',
      channel: 'staff.update',
      payload: { personId: staffer, profile: staffProfile('Dorotea', { dependency: 'Imagen institucional' }) },
    },
    { action: 'staff.propose', channel: 'staff.depart', payload: { personId: staffer, date: '2026-12-15' } },
    { action: 'role.propose', channel: 'roles.grant', payload: { accountId: plain, personId: staffer, role: 'partial_content' } },
    { action: 'role.propose', channel: 'roles.revoke', payload: { grantId: held } },
    { action: 'role.apply', channel: 'roles.confirmApplied', payload: { grantId: awaiting } },
    { action: 'device.return', channel: 'devices.return', payload: { deviceId: phone, personId: staffer } },
    { action: 'recovery.deliver', channel: 'recovery.deliver', payload: { codeId: firstCode!.id, personId: recipient, channel: 'in_person' } },
    { action: 'departure.propose', channel: 'departures.proposeTasks', payload: { personId: leaver } },
    { action: 'audit.read', channel: 'audit.list', payload: {} },
    { action: 'audit.read', channel: 'audit.csv', payload: {} },
    { action: 'audit.verify', channel: 'audit.verify', payload: {} },
    {
      action: 'keyholder.propose',
      channel: 'keyholders.proposeEnrol',
      payload: {
        personId: candidate,
        role: 'backup_administrator',
        passphrase: NEW_PASSPHRASES.incoming,
        confirm: NEW_PASSPHRASES.incoming,
        replaces: backup.keyholderId,
      },
    },
    // Last: the session's own passphrase changes.
    {
      action: 'keyholder.passphrase',
      channel: 'keyholders.changePassphrase',
      payload: { current: PASSPHRASE[role], next: NEW_PASSPHRASES.changed, confirm: NEW_PASSPHRASES.changed },
    },
  ];
  return { ctx, cases };
}

const outcome = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

describe('the permission table (issue 13)', () => {
  it('for every action and every role, the screen offers it exactly when the service accepts it', async () => {
    const rows: { action: Action; channel: Channel; role: KeyholderRole; offered: boolean; service: string }[] = [];
    for (const role of KEYHOLDER_ROLES) {
      const { ctx, cases } = await prepared(role);
      const internals: string[] = [];
      const table = tableOf(ctx.services, internals);
      for (const c of cases)
        rows.push({ action: c.action, channel: c.channel, role, offered: may(role, c.action), service: outcome(await call(table, c.channel, c.payload)) });
      expect(internals).toEqual([]);
    }
    // Offered: the service carries it out. Not offered: the service refuses it for the role, and for nothing else.
    const agrees = (r: (typeof rows)[number]) => (r.offered ? r.service === 'ok' : ROLE_REFUSALS.has(r.service));
    const printed = [
      'action                 channel                        role                  screen  service',
      ...rows.map(
        (r) =>
          `${r.action.padEnd(22)} ${r.channel.padEnd(30)} ${r.role.padEnd(21)} ${(r.offered ? 'offers' : 'hides').padEnd(7)} ${r.service}${agrees(r) ? '' : '   <-- differs'}`,
      ),
    ].join('\n');
    expect(
      rows.filter((r) => !agrees(r)),
      printed,
    ).toEqual([]);
    // Every action of the table was driven, as every role.
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(ACTIONS));
    expect(rows.filter((r) => r.offered).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.offered).length).toBeGreaterThan(0);
  }, 120_000);
});
