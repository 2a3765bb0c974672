import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CHANGE_POLICY, checkDecision, checkProposer, isExpired } from '../../../main/domain/cosign';

const base = {
  status: 'pending' as const,
  proposerId: 'admin',
  deciderId: 'head',
  deciderRole: 'head' as const,
  expiresAt: '2026-11-23T15:00:00.000Z',
  now: '2026-11-22T15:00:00.000Z',
};

describe('who proposes a credential change (POL-5)', () => {
  it.each([
    ['administrator', null],
    ['backup_administrator', null],
    ['head', 'COSIGN_ROLE'],
  ] as const)('%s → %s', (role, code) => {
    const result = checkProposer(role, CREDENTIAL_CHANGE_POLICY);
    expect(result?.code ?? null).toBe(code);
    if (result) expect(result).toEqual({ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role, as: 'proposer' } });
  });
});

describe('who decides, and when (POL-5)', () => {
  it.each([
    ['the head, in time', {}, null],
    ['the proposer themselves', { deciderId: 'admin', deciderRole: 'administrator' }, 'COSIGN_SELF_APPROVAL'],
    ['a head deciding their own request', { proposerId: 'head' }, 'COSIGN_SELF_APPROVAL'],
    ['the backup administrator', { deciderId: 'backup', deciderRole: 'backup_administrator' }, 'COSIGN_ROLE'],
    ['another administrator', { deciderId: 'admin2', deciderRole: 'administrator' }, 'COSIGN_ROLE'],
    ['at the expiry instant', { now: '2026-11-23T15:00:00.000Z' }, 'COSIGN_EXPIRED'],
    ['after expiry', { now: '2026-11-24T00:00:00.000Z' }, 'COSIGN_EXPIRED'],
    ['an approved request', { status: 'approved' }, 'COSIGN_DECIDED'],
    ['a rejected request', { status: 'rejected' }, 'COSIGN_DECIDED'],
  ] as const)('%s → %s', (_label, change, code) => {
    expect(checkDecision({ ...base, ...change }, CREDENTIAL_CHANGE_POLICY)?.code ?? null).toBe(code);
  });

  it('an expired request can still be refused, which only closes it; never by its proposer nor another role', () => {
    const expired = { ...base, now: '2026-11-24T00:00:00.000Z' };
    expect(checkDecision(expired, CREDENTIAL_CHANGE_POLICY, 'reject')).toBeNull();
    expect(checkDecision(expired, CREDENTIAL_CHANGE_POLICY, 'approve')?.code).toBe('COSIGN_EXPIRED');
    expect(checkDecision({ ...expired, deciderId: 'admin' }, CREDENTIAL_CHANGE_POLICY, 'reject')?.code).toBe('COSIGN_SELF_APPROVAL');
    expect(checkDecision({ ...expired, deciderRole: 'backup_administrator' }, CREDENTIAL_CHANGE_POLICY, 'reject')?.code).toBe('COSIGN_ROLE');
    expect(checkDecision({ ...expired, status: 'rejected' }, CREDENTIAL_CHANGE_POLICY, 'reject')?.code).toBe('COSIGN_DECIDED');
  });

  it('cites POL-5 for self-approval and for a wrong role', () => {
    expect(checkDecision({ ...base, deciderId: 'admin' }, CREDENTIAL_CHANGE_POLICY)?.rule).toBe('POL-5');
    expect(checkDecision({ ...base, deciderRole: 'backup_administrator' }, CREDENTIAL_CHANGE_POLICY)?.rule).toBe('POL-5');
  });

  it('a request is expired from its expiry instant on', () => {
    expect(isExpired(base.expiresAt, '2026-11-23T14:59:59.999Z')).toBe(false);
    expect(isExpired(base.expiresAt, base.expiresAt)).toBe(true);
  });
});
