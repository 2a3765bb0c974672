import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountChanges } from '../../../../shared/lifecycle';
import { grantRole, registerStaff, staffProfile } from '../../../fixtures/staff';
import { freshSecret, registerAccount, registerPerson } from '../../../fixtures/vault';
import { lifecycleContext, refusalOf, SUPPORT, type LifecycleContext } from './lifecycle.context';

/**
 * An archived account (LIFE-3) and one «en trámite» (LIFE-1) refuse every write, everywhere, with a
 * typed refusal naming the rule, and nothing is written (no event): one case per write path.
 */
let ctx: LifecycleContext;
let archived: string;
let pending: string;
let person: string;
let codeOfArchived: string;
let lateRequest: string;
let grantOnArchived: string;
beforeAll(async () => {
  ctx = await lifecycleContext();
  const { services, admin, head } = ctx;
  person = registerPerson(services, admin, head, { name: 'Nilda Poma Ccahuana', email: 'nilda.poma@zafiroquinta.gob.pe' });
  archived = registerAccount(services, admin, head, SUPPORT);
  services.recovery.store(admin, archived, 'abcd2345\nefgh6789');
  codeOfArchived = services.recovery.view(archived).codes[0]!.id;
  // A designer's role on the profile, still listed on the platform after the baja (HAND-2).
  const designer = registerStaff(services, admin, head, staffProfile('Evarista'));
  grantOnArchived = grantRole(services, admin, head, { accountId: archived, personId: designer, role: 'partial_content' });
  // Proposed while the account was in force, decided after its baja.
  lateRequest = services.totp.propose(admin, archived, { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', issuer: 'Instagram' }).requestId;
  const baja = services.lifecycle.requestDecommission(admin, { accountId: archived, secret: freshSecret() });
  services.cosign.approve(baja.requestId, head);
  services.rotation.confirmApplied(admin, archived);
  pending = ctx.requestAlta({ ...SUPPORT, displayName: 'Campaña en trámite', handle: '@en.tramite' }).accountId;
});
afterAll(() => ctx.services.close());

const { platform: _platform, ...fields } = SUPPORT;
type Write = (accountId: string) => unknown;
const WRITES: Record<string, Write> = {
  'a rotation (POL-5)': (id) => ctx.services.cosign.propose(ctx.admin, { accountId: id, secret: freshSecret(), reason: 'scheduled' }),
  'a TOTP seed': (id) => ctx.services.totp.propose(ctx.admin, id, { secret: 'JBSWY3DPEHPK3PXPJBSWY3DQ', issuer: 'Instagram' }),
  'a TOTP removal': (id) => ctx.services.totp.proposeRemoval(ctx.admin, id),
  'a TOTP export': (id) => ctx.services.totp.proposeExport(ctx.admin, id),
  'recovery codes stored': (id) => ctx.services.recovery.store(ctx.admin, id, 'zqxw5678\nmnbv4321'),
  'recovery codes replaced': (id) => ctx.services.recovery.proposeReplacement(ctx.admin, id, 'zqxw5678\nmnbv4321'),
  'the two-step record': (id) => ctx.services.twoStep.update(ctx.admin, id, { method: 'totp_vault' }),
  'a recipient added (POL-6)': (id) => ctx.services.distribution.addRecipient(ctx.admin, id, person),
  'a delivery recorded (POL-6)': (id) => ctx.services.distribution.recordDelivery(ctx.admin, { accountId: id, personId: person, channel: 'in_person' }),
  'a role granted': (id) => ctx.services.staff.proposeGrant(ctx.admin, { accountId: id, personId: person, role: 'partial_content' }),
  'a reveal (an exposure)': (id) => ctx.services.credentials.reveal(ctx.admin, id),
  'a reveal of the authorized version': (id) => ctx.services.credentials.reveal(ctx.admin, id, 'authorized'),
  'a copy (an exposure)': (id) => ctx.services.credentials.copy(ctx.admin, id),
  'an apply confirmed': (id) => ctx.services.rotation.confirmApplied(ctx.admin, id),
  'a modificación': (id) => ctx.services.lifecycle.requestModify(ctx.admin, { accountId: id, account: accountChanges.parse({ ...fields, handle: '@otro' }) }),
  'a baja': (id) => ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId: id, secret: freshSecret() }),
  'the verification (SEC-4)': (id) => ctx.services.lifecycle.setVerification(ctx.admin, id, 'requested'),
};

async function refusal(write: Write, accountId: string) {
  try {
    await write(accountId);
  } catch (error) {
    return refusalOf(() => {
      throw error;
    });
  }
  return expect.fail('expected a refusal');
}

describe('an archived account (LIFE-3) refuses', () => {
  for (const [what, write] of Object.entries(WRITES)) {
    it(what, async () => {
      const events = ctx.eventCount();
      expect(await refusal(write, archived)).toMatchObject({ code: 'ACCOUNT_ARCHIVED', rule: 'LIFE-3' });
      expect(ctx.eventCount()).toBe(events);
    });
  }

  it('a recovery code revealed, delivered or marked used', () => {
    const events = ctx.eventCount();
    expect(refusalOf(() => ctx.services.recovery.reveal(ctx.admin, codeOfArchived))).toMatchObject({ code: 'ACCOUNT_ARCHIVED', rule: 'LIFE-3' });
    expect(refusalOf(() => ctx.services.recovery.deliver(ctx.admin, { codeId: codeOfArchived, personId: person, channel: 'in_person' }))).toMatchObject({
      code: 'ACCOUNT_ARCHIVED',
    });
    expect(refusalOf(() => ctx.services.recovery.markUsed(ctx.admin, codeOfArchived, 'acceso'))).toMatchObject({ code: 'ACCOUNT_ARCHIVED' });
    expect(ctx.eventCount()).toBe(events);
  });

  it('the approval of a request proposed before its baja', () => {
    expect(refusalOf(() => ctx.services.cosign.approve(lateRequest, ctx.head))).toMatchObject({ code: 'ACCOUNT_ARCHIVED', rule: 'LIFE-3' });
  });

  it('yet takes a role away (HAND-2): the revocation is proposed, authorized and applied', () => {
    const { requestId } = ctx.services.staff.proposeRevoke(ctx.admin, { grantId: grantOnArchived });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.staff.confirmApplied(ctx.admin, grantOnArchived)).toEqual({ state: 'revoked' });
    expect(ctx.services.accounts.get(archived).status).toBe('archived');
  });

  it('yet keeps its history readable', () => {
    const detail = ctx.services.accounts.get(archived);
    expect(detail.status).toBe('archived');
    expect(detail.versions.map((v) => v.reason)).toEqual(['decommission']);
    expect(ctx.services.credentials.history({ accountId: archived })).toHaveLength(1);
  });
});

describe('an account «en trámite» (LIFE-1) refuses', () => {
  for (const [what, write] of Object.entries(WRITES)) {
    it(what, async () => {
      const events = ctx.eventCount();
      const got = await refusal(write, pending);
      // Without a password yet, a reveal or an apply has nothing to read; either way nothing is written.
      expect(['ACCOUNT_PENDING', 'CREDENTIAL_NONE', 'CREDENTIAL_NOT_AUTHORIZED']).toContain(got.code);
      if (!what.startsWith('a reveal') && !what.startsWith('a copy') && what !== 'an apply confirmed') expect(got).toMatchObject({ rule: 'LIFE-1' });
      expect(ctx.eventCount()).toBe(events);
    });
  }
});
