import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInput } from '../../../../shared/accounts';
import { ACCOUNTS, freshSecret, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let mailbox: string;
let facebook: string;
let instagram: string;
const rotate = (accountId: string, secret: string) => rotateApplied(ctx, accountId, secret);

beforeAll(async () => {
  ctx = await unlockedWithActors();
  const register = (input: Record<string, unknown>) => registerAccount(ctx.services, ctx.admin, ctx.head, accountInput.parse(input));
  mailbox = register(ACCOUNTS.mailbox);
  facebook = register({ ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
  instagram = register({ platform: 'instagram', kind: 'principal', displayName: 'Instagram Oficial', handle: '@zq_oficial' });
});
afterAll(() => ctx.services.close());

describe('POL-3 in the vault: every password is unique', () => {
  it('refuses the linked e-mail’s current password for the social account', () => {
    const secret = freshSecret();
    rotate(mailbox, secret);
    expect(ctx.services.policy.check(facebook, secret)).toMatchObject({
      code: 'POLICY_VIOLATION',
      rule: 'POL-3',
      details: { reason: 'linked_email', account: ACCOUNTS.mailbox.displayName },
    });
    expect(() => ctx.services.cosign.propose(ctx.admin, { accountId: facebook, secret, reason: 'scheduled' })).toThrow(
      expect.objectContaining({ rule: 'POL-3' }),
    );
  });

  it('refuses a password used two versions ago on another account, saying where and when', () => {
    const old = freshSecret();
    rotate(instagram, old);
    rotate(instagram, freshSecret());
    rotate(instagram, freshSecret());
    expect(ctx.services.policy.check(facebook, old)).toMatchObject({
      rule: 'POL-3',
      details: { reason: 'used_elsewhere', account: 'Instagram Oficial', platform: 'instagram' },
    });
  });

  it('refuses a password the same account used before', () => {
    const first = freshSecret();
    rotate(facebook, first);
    rotate(facebook, freshSecret());
    expect(ctx.services.policy.check(facebook, first)).toMatchObject({ rule: 'POL-3', details: { reason: 'reused' } });
  });

  it('re-checks at approval: of two pending proposals with the same password, the second is refused', () => {
    const secret = freshSecret();
    const a = ctx.services.cosign.propose(ctx.admin, { accountId: instagram, secret, reason: 'scheduled' }).requestId;
    const b = ctx.services.cosign.propose(ctx.admin, { accountId: facebook, secret, reason: 'scheduled' }).requestId;
    ctx.services.cosign.approve(a, ctx.head);
    expect(() => ctx.services.cosign.approve(b, ctx.head)).toThrow(expect.objectContaining({ code: 'POLICY_VIOLATION', rule: 'POL-3' }));
    expect(ctx.services.vault.require().prepare('SELECT status FROM change_requests WHERE id = ?').pluck().get(b)).toBe('pending');
  });
});

describe('POL-2 with the vault’s own names', () => {
  it.each([
    ['a keyholder’s surname with symbols', 'Quispecahua#9vQx!L2m', 'Quispecahua'],
    ['the institution’s name', 'Zafiroquinta!9xQ#w2Lm', 'Zafiroquinta'],
    ['an account handle', 'zq_oficial#9vQx!L2mR', 'oficial'],
  ])('refuses %s', (_label, secret, token) => {
    const result = ctx.services.policy.check(facebook, secret);
    expect(result).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'POL-2' });
    expect(String(result!.details!.token).toLowerCase()).toContain(token.toLowerCase().slice(0, 6));
  });

  it('learns a newly registered account’s name', () => {
    expect(ctx.services.policy.check(facebook, 'Xoropeqa#7vQx!L2mR9z')).toBeNull();
    registerAccount(ctx.services, ctx.admin, ctx.head, {
      platform: 'tiktok',
      kind: 'support',
      displayName: 'Campaña Xoropeqa',
      supportStart: '2026-11-01',
      supportEnd: '2026-12-31',
    });
    expect(ctx.services.policy.check(facebook, 'Xoropeqa#7vQx!L2mR9z')).toMatchObject({ rule: 'POL-2', details: { reason: 'name', token: 'Xoropeqa' } });
  });

  it('refuses a candidate over 128 characters before judging it, saying the maximum', () => {
    expect(ctx.services.policy.check(facebook, `Vq7#kP2!xL9@${'mZ4$'.repeat(40)}`)).toMatchObject({
      code: 'POLICY_VIOLATION',
      rule: 'POL-1',
      details: { reason: 'too_long', max: 128, length: 172 },
    });
  });

  it('refuses the administrator’s own name too', () => {
    expect(ctx.services.policy.check(facebook, `${KNOWN.administrator.split(' ')[0]}#9vQx!L2m`)).toMatchObject({ rule: 'POL-2' });
  });
});
