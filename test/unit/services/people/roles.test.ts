import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import {
  accountWithPassword,
  counts,
  deliver,
  grantApplied,
  outsourcedWithAgreement,
  profile,
  registerStaff,
  statusOf,
  updateStaff,
  type Ctx,
} from './people.context';

/**
 * ROLE-1..ROLE-5 on a real vault, through the services: each rule is judged when the grant is
 * proposed and again when the head authorizes it (inside the decision's transaction), so that a
 * change approved in between is seen. A refusal at approval leaves the request pending and writes
 * nothing: no row, no event.
 */
let ctx: Ctx;
let contact: string;
beforeAll(async () => {
  ctx = await unlockedWithActors();
  contact = registerStaff(ctx, profile({ function: 'designer' }));
});
afterAll(() => ctx.services.close());

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const { code, rule } = error as { code: string; rule?: string };
    return { code, rule };
  }
  throw new Error('expected a refusal');
};

/** Approving must be refused with `expected`; the request stays pending and the vault is unchanged. */
function refusedAtApproval(requestId: string, expected: { code: string; rule?: string }) {
  const before = counts(ctx.services);
  expect(refusal(() => ctx.services.cosign.approve(requestId, ctx.head))).toEqual(expected);
  expect(statusOf(ctx.services, requestId)).toBe('pending');
  expect(counts(ctx.services)).toEqual(before);
}

/** Proposing must be refused with `expected`, and write nothing (no request, no event). */
function refusedAtProposal(propose: () => unknown, expected: { code: string; rule?: string }) {
  const before = counts(ctx.services);
  expect(refusal(propose)).toEqual(expected);
  expect(counts(ctx.services)).toEqual(before);
}

const grant = (accountId: string, personId: string, role: string) => ctx.services.staff.proposeGrant(ctx.admin, { accountId, personId, role }).requestId;

describe('at proposal', () => {
  it('ROLE-4: an outsourced community manager gets no role before the agreement and the internal contact; then gets one', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const carla = registerStaff(ctx, profile({ link: 'outsourced', linkDetail: 'Agencia Norte' }));
    refusedAtProposal(() => grant(fb, carla, 'partial_content'), { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4' });
    updateStaff(ctx, carla, { agreement: { date: '2024-02-01', reference: 'AC-7' } });
    refusedAtProposal(() => grant(fb, carla, 'partial_content'), { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4' });
    updateStaff(ctx, carla, { internalContactId: contact });
    const requestId = grant(fb, carla, 'partial_content');
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.staff.detail(carla).grants).toMatchObject([{ accountId: fb, role: 'partial_content', admin: false, state: 'granting' }]);
  });

  it('ROLE-2: a community manager is refused full control, and every admin-level role of YouTube', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const yt = accountWithPassword(ctx, 'youtube');
    const cm = registerStaff(ctx, profile());
    refusedAtProposal(() => grant(fb, cm, 'full_control'), { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' });
    for (const role of ['owner', 'manager']) refusedAtProposal(() => grant(yt, cm, role), { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' });
    expect(statusOf(ctx.services, grant(yt, cm, 'editor'))).toBe('pending');
  });

  it('ROLE-3 at registration: an outsourced or contracted person is never registered as an administrator', () => {
    for (const fn of ['account_administrator', 'backup_administrator', 'office_head'] as const)
      refusedAtProposal(
        () => ctx.services.staff.proposeRegister(ctx.admin, { profile: profile({ function: fn, link: 'outsourced', linkDetail: 'Agencia Sur' }) }),
        { code: 'ROLE_PERMANENT_ONLY', rule: 'ROLE-3' },
      );
    refusedAtProposal(() => ctx.services.staff.proposeRegister(ctx.admin, { profile: profile({ function: 'account_administrator', link: 'contracted' }) }), {
      code: 'ROLE_PERMANENT_ONLY',
      rule: 'ROLE-3',
    });
    // The same record as a permanent employee is registered.
    expect(ctx.services.staff.detail(registerStaff(ctx, profile({ function: 'account_administrator' }))).function).toBe('account_administrator');
  });

  it('ROLE-1: a second backup administrator with full control on the same page is refused; on another page granted', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const other = accountWithPassword(ctx, 'facebook');
    const first = registerStaff(ctx, profile({ function: 'backup_administrator' }));
    const second = registerStaff(ctx, profile({ function: 'backup_administrator' }));
    grantApplied(ctx, fb, first, 'full_control');
    refusedAtProposal(() => grant(fb, second, 'full_control'), { code: 'ROLE_ADMIN_RESERVED', rule: 'ROLE-1' });
    // The head and the account administrator beside the backup: one of each is what ROLE-1 allows.
    grantApplied(ctx, fb, registerStaff(ctx, profile({ function: 'account_administrator' })), 'full_control');
    grantApplied(ctx, fb, registerStaff(ctx, profile({ function: 'office_head' })), 'full_control');
    expect(statusOf(ctx.services, grant(other, second, 'full_control'))).toBe('pending');
  });

  it('ROLE_HELD and ROLE_UNKNOWN (no rule): one live role per person and account, and only roles of the platform', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const cm = registerStaff(ctx, profile());
    grantApplied(ctx, fb, cm, 'partial_content');
    refusedAtProposal(() => grant(fb, cm, 'partial_insights'), { code: 'ROLE_HELD', rule: undefined });
    const other = registerStaff(ctx, profile());
    refusedAtProposal(() => grant(fb, other, 'editor'), { code: 'ROLE_UNKNOWN', rule: undefined });
  });
});

describe('at approval: what changed since the proposal is judged', () => {
  it('ROLE-1: two backup administrators proposed for full control on one page; the first authorized, the second refused', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const [a, b] = [1, 2].map(() => registerStaff(ctx, profile({ function: 'backup_administrator' })));
    const ra = grant(fb, a!, 'full_control');
    const rb = grant(fb, b!, 'full_control');
    ctx.services.cosign.approve(ra, ctx.head);
    refusedAtApproval(rb, { code: 'ROLE_ADMIN_RESERVED', rule: 'ROLE-1' });
  });

  it('ROLE-4: a contracted community manager made outsourced (person.update approved in between) is refused at approval', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const cm = registerStaff(ctx, profile({ link: 'contracted' }));
    const requestId = grant(fb, cm, 'partial_content');
    updateStaff(ctx, cm, { link: 'outsourced', linkDetail: 'Agencia Este' });
    refusedAtApproval(requestId, { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4' });
    // Once the agreement and the contact are recorded, the same pending request goes through.
    updateStaff(ctx, cm, { agreement: { date: '2024-03-01', reference: 'AC-9' }, internalContactId: contact });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(statusOf(ctx.services, requestId)).toBe('approved');
  });

  it('ROLE-4: an outsourced community manager whose agreement is removed in between is refused at approval', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const cm = outsourcedWithAgreement(ctx, contact);
    const requestId = grant(fb, cm, 'partial_messages');
    updateStaff(ctx, cm, { agreement: null });
    refusedAtApproval(requestId, { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4' });
  });

  it('ROLE-2: a backup administrator whose function becomes community manager in between is refused full control at approval', () => {
    const ig = accountWithPassword(ctx, 'instagram');
    const person = registerStaff(ctx, profile({ function: 'backup_administrator' }));
    const requestId = grant(ig, person, 'full_control');
    updateStaff(ctx, person, { function: 'community_manager' });
    refusedAtApproval(requestId, { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' });
  });

  it('HAND-2: a person whose departure is authorized in between gets no role (PERSON_NOT_ACTIVE)', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const cm = registerStaff(ctx, profile());
    const requestId = grant(fb, cm, 'partial_content');
    const { requestId: depart } = ctx.services.staff.proposeDepart(ctx.admin, { personId: cm, date: '2026-11-30' });
    ctx.services.cosign.approve(depart, ctx.head);
    refusedAtApproval(requestId, { code: 'PERSON_NOT_ACTIVE', rule: undefined });
  });

  it('ROLE-4: a registration whose internal contact departs in between is refused at approval', () => {
    const ownContact = registerStaff(ctx, profile({ function: 'analyst' }));
    const { requestId } = ctx.services.staff.proposeRegister(ctx.admin, {
      profile: profile({ link: 'volunteer', agreement: { date: '2024-04-01', reference: 'AC-11' }, internalContactId: ownContact }),
    });
    ctx.services.cosign.approve(ctx.services.staff.proposeDepart(ctx.admin, { personId: ownContact, date: '2026-11-30' }).requestId, ctx.head);
    refusedAtApproval(requestId, { code: 'STAFF_CONTACT', rule: 'ROLE-4' });
  });
});

describe('ROLE-5 (flagged on the person’s page)', () => {
  it('a community manager who received a multi-user platform’s current password is flagged for that account only', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    const flickr = accountWithPassword(ctx, 'flickr');
    const mailbox = accountWithPassword(ctx, 'institutional_email');
    const cm = registerStaff(ctx, profile());
    for (const account of [fb, flickr, mailbox]) deliver(ctx, account, cm);
    expect(ctx.services.staff.detail(cm).sharedAccountFlags).toEqual([{ accountId: fb, accountName: expect.any(String), platform: 'facebook' }]);
    // Once the page's password is rotated, what they received is no longer in force: no flag.
    rotateApplied(ctx, fb);
    expect(ctx.services.staff.detail(cm).sharedAccountFlags).toEqual([]);
  });

  it('none for an account administrator, the backup or the head who received the same password', () => {
    const fb = accountWithPassword(ctx, 'facebook');
    for (const fn of ['account_administrator', 'backup_administrator', 'office_head'] as const) {
      const person = registerStaff(ctx, profile({ function: fn }));
      deliver(ctx, fb, person);
      expect(ctx.services.staff.detail(person).exposures).toMatchObject([{ item: 'password', accountId: fb, current: true }]);
      expect(ctx.services.staff.detail(person).sharedAccountFlags, fn).toEqual([]);
    }
  });
});
