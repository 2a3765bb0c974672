import { describe, expect, it } from 'vitest';
import { CHANGE_KIND_IDS, KEYHOLDER_ROLES } from '../../../shared/domain';
import { ACTIONS, PERMISSIONS, PROPOSAL_OF, authorizerOf, decideRefusal, kindPolicy, may, mayDecide, type DecidableRequest } from '../../../shared/permissions';
import { COSIGN_KIND_POLICIES, signerRoles } from '../../../main/domain/authority';
import { CREDENTIAL_CHANGE_POLICY } from '../../../main/domain/cosign';

/** The permission table itself (issue 13): what the screens and the services both read. */
describe('the permission table', () => {
  it('POL-5: the head proposes nothing and decides every co-signed kind; administrators propose and never decide', () => {
    for (const kind of CHANGE_KIND_IDS) {
      const action = PROPOSAL_OF[kind];
      expect([action, may('head', action)]).toEqual([action, false]);
      expect([action, may('administrator', action), may('backup_administrator', action)]).toEqual([action, true, true]);
      expect([action, authorizerOf(action)]).toEqual([action, ['head']]);
      expect(kindPolicy(kind)).toEqual({ proposerRoles: ['administrator', 'backup_administrator'], approverRoles: ['head'], rule: 'POL-5' });
    }
    expect(KEYHOLDER_ROLES.filter((role) => may(role, 'request.decide'))).toEqual(['head']);
  });

  it('names an authorizer for proposals only, and whoever decides a proposal may decide requests', () => {
    const proposals = new Set(Object.values(PROPOSAL_OF));
    for (const action of ACTIONS) {
      expect([action, authorizerOf(action) !== null]).toEqual([action, proposals.has(action)]);
      for (const role of authorizerOf(action) ?? []) expect([action, role, may(role, 'request.decide')]).toEqual([action, role, true]);
    }
  });

  it('the head reads, reveals and distributes, and never works on the platforms themselves', () => {
    const headMay = ACTIONS.filter((a) => may('head', a));
    expect(headMay).toEqual([
      'account.register',
      'credential.reveal',
      'request.decide',
      'recovery.reveal',
      'totp.codes',
      'distribution.edit',
      'distribution.record',
      'people.add',
      'audit.read',
      'audit.verify',
    ]);
    for (const action of ['credential.generate', 'credential.apply', 'two_step.edit', 'device.add', 'recovery.store', 'recovery.use'] as const) {
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
});
