import { describe, expect, it } from 'vitest';
import { CHANGE_KIND_IDS, KEYHOLDER_ROLES } from '../../../shared/domain';
import { ACTIONS, PERMISSIONS, PROPOSAL_OF, authorizerOf, decideRefusal, kindPolicy, may, mayDecide, type DecidableRequest } from '../../../shared/permissions';
import { COSIGN_KIND_POLICIES, signerRoles } from '../../../main/domain/authority';
import { CREDENTIAL_CHANGE_POLICY } from '../../../main/domain/cosign';

/** The permission table itself (issue 13): what the screens and the services both read. */
describe('the permission table', () => {
  it('POL-5: the head proposes nothing and decides every co-signed kind; administrators propose and never decide', () => {
    // HAND-1: keyholder changes are the one exception: a head's handover is completed by the incoming head, authorized by the outgoing one.
    const KEYHOLDER_KINDS = ['keyholder.enrol', 'keyholder.revoke'];
    for (const kind of CHANGE_KIND_IDS) {
      const action = PROPOSAL_OF[kind];
      if (KEYHOLDER_KINDS.includes(kind)) {
        expect(kindPolicy(kind)).toEqual({ proposerRoles: ['administrator', 'backup_administrator', 'head'], approverRoles: ['head'], rule: 'HAND-1' });
        continue;
      }
      expect([action, may('head', action)]).toEqual([action, false]);
      expect([action, may('administrator', action), may('backup_administrator', action)]).toEqual([action, true, true]);
      expect([action, authorizerOf(action)]).toEqual([action, ['head']]);
      // Formulario B (alta, modificación, baja) is an authorized act of its own rule (LIFE-4); so is Formulario A: the
      // alta (LIFE-1), the modificación (LIFE-4) and the baja (LIFE-3) of an account (issue 17).
      // The «inventario inicial» of issue 18 is a batch of altas (LIFE-1).
      const ACCOUNT_RULES: Partial<Record<string, string>> = {
        'account.create': 'LIFE-1',
        'account.modify': 'LIFE-4',
        'account.decommission': 'LIFE-3',
        'inventory.import': 'LIFE-1',
      };
      const rule = kind.startsWith('person.') ? 'LIFE-4' : (ACCOUNT_RULES[kind] ?? 'POL-5');
      expect(kindPolicy(kind)).toEqual({ proposerRoles: ['administrator', 'backup_administrator'], approverRoles: ['head'], rule });
    }
    expect(KEYHOLDER_ROLES.filter((role) => may(role, 'request.decide'))).toEqual(['head']);
  });

  it('names an authorizer for proposals only, and whoever decides a proposal may decide requests', () => {
    // The distribution record's quick «new recipient» proposes a registration too (LIFE-4), by the same roles to the same head.
    const proposals = new Set<string>([...Object.values(PROPOSAL_OF), 'people.add']);
    expect([PERMISSIONS['people.add'].roles, PERMISSIONS['people.add'].decidedBy]).toEqual([
      PERMISSIONS[PROPOSAL_OF['person.register']].roles,
      PERMISSIONS[PROPOSAL_OF['person.register']].decidedBy,
    ]);
    for (const action of ACTIONS) {
      expect([action, authorizerOf(action) !== null]).toEqual([action, proposals.has(action)]);
      for (const role of authorizerOf(action) ?? []) expect([action, role, may(role, 'request.decide')]).toEqual([action, role, true]);
    }
  });

  it('the head reads, reveals and distributes, and never works on the platforms themselves', () => {
    const headMay = ACTIONS.filter((a) => may('head', a));
    expect(headMay).toEqual([
      'credential.reveal',
      'request.decide',
      'recovery.reveal',
      'totp.codes',
      'distribution.edit',
      'distribution.record',
      'staff.read',
      'recovery.deliver',
      'audit.read',
      'audit.verify',
      'keyholder.propose',
      'keyholder.passphrase',
      // SUP-2: everyone reads the incidents; recording and acting on them is the administrators'.
      'incident.read',
      // SUP-1: the head supervises, so reads the compliance view.
      'compliance.read',
      // LIFE-4, SUP-3: both print Formularios A and B and read the monthly report; the head alone signs it.
      'form.print',
      'report.read',
      'report.sign',
      // Issue 18: any keyholder saves an encrypted backup (an audit event).
      'backup.create',
      // Issue 18: the emergency kit the head authorized is printed by whoever holds the ceremony; the administrators ask for it.
      'kit.print',
      // Issue 18: the inventory without any secret, any keyholder (audited); the KeePass export is the administrators' to ask.
      'export.inventory',
      // Issue 18: a replacement of the vault the head authorized is performed by the keyholder at the workstation; the head never asks for one.
      'restore.perform',
    ]);
    const platformWork = [
      'credential.generate',
      'credential.apply',
      'two_step.edit',
      'device.add',
      'recovery.store',
      'recovery.use',
      'role.apply',
      'device.return',
      'departure.propose',
    ] as const;
    for (const action of platformWork) {
      expect([action, PERMISSIONS[action].roles, PERMISSIONS[action].rule]).toEqual([action, ['administrator', 'backup_administrator'], 'POL-5']);
    }
  });

  it('is what the log replay and the co-sign workflow read (main/domain/authority.ts)', () => {
    for (const kind of CHANGE_KIND_IDS) {
      expect(COSIGN_KIND_POLICIES[kind]).toEqual(kindPolicy(kind));
      expect(signerRoles(`${kind}.proposed`)).toEqual(PERMISSIONS[PROPOSAL_OF[kind]].roles);
      expect(signerRoles(`${kind}.approved`)).toEqual(PERMISSIONS[PROPOSAL_OF[kind]].decidedBy);
    }
    expect(CREDENTIAL_CHANGE_POLICY).toEqual(kindPolicy('credential.rotate'));
    expect(signerRoles('credential.applied')).toEqual(PERMISSIONS['credential.apply'].roles);
    expect(signerRoles('recovery_code.used')).toEqual(PERMISSIONS['recovery.use'].roles);
    expect(signerRoles('two_step.updated')).toEqual(PERMISSIONS['two_step.edit'].roles);
    expect(signerRoles('role.applied')).toEqual(PERMISSIONS['role.apply'].roles);
    expect(signerRoles('device.returned')).toEqual(PERMISSIONS['device.return'].roles);
    expect(signerRoles('recovery_code.delivered')).toEqual(PERMISSIONS['recovery.deliver'].roles);
    expect(signerRoles('vault.unlocked')).toBeNull();
  });
});

describe('mayDecide: the state a decision also depends on', () => {
  const head = { keyholderId: 'h', role: 'head' as const };
  const request: DecidableRequest = { kind: 'settings.update', state: 'pending', proposedBy: { keyholderId: 'a' }, expiresAt: '2026-11-23T15:00:00.000Z' };
  const now = '2026-11-22T15:00:00.000Z';
  it.each([
    ['a pending request of another, before its expiry, to the head', request, head, null],
    ['one already rejected', { ...request, state: 'rejected' as const }, head, 'not_pending'],
    ['one authorized', { ...request, state: 'authorized' as const }, head, 'not_pending'],
    ['one past its expiry', { ...request, expiresAt: now }, head, 'expired'],
    ['one of their own (POL-5)', { ...request, proposedBy: { keyholderId: 'h' } }, head, 'own_request'],
    ['to an administrator', request, { keyholderId: 'b', role: 'administrator' as const }, 'role'],
    ['to the backup administrator', request, { keyholderId: 'b', role: 'backup_administrator' as const }, 'role'],
  ])('%s', (_name, r, keyholder, refusal) => {
    expect(decideRefusal(r, keyholder, now)).toBe(refusal);
    expect(mayDecide(r, keyholder, now)).toBe(refusal === null);
  });

  it('an expired request is offered to the head to close (refuse), never to authorize', () => {
    const expired = { ...request, state: 'expired' as const, expiresAt: now };
    expect(decideRefusal(expired, head, now, 'reject')).toBeNull();
    expect(decideRefusal(expired, head, now, 'approve')).toBe('not_pending');
    expect(decideRefusal({ ...expired, proposedBy: { keyholderId: 'h' } }, head, now, 'reject')).toBe('own_request');
    expect(decideRefusal({ ...expired, state: 'applied' as const }, head, now, 'reject')).toBe('not_pending');
  });
});
