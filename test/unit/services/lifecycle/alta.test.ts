import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountInput } from '../../../../shared/accounts';
import { ACCOUNTS, FORM_A, freshSecret, rawVaultBytes } from '../../../fixtures/vault';
import { lifecycleContext, refusalOf, SUPPORT, type LifecycleContext } from './lifecycle.context';

/**
 * LIFE-1 (Congreso 6.1.2; MITIC 6.1.1.I, Formulario A): a new account is a written request the head
 * authorizes. Until then it is «en trámite» and takes no other change; a refused one is never official.
 */
let ctx: LifecycleContext;
beforeEach(async () => {
  ctx = await lifecycleContext();
});
afterEach(() => ctx.services.close());

describe('alta (LIFE-1)', () => {
  it('is «en trámite» from the request, listed as such, and active once the head authorizes it', () => {
    const { accountId, requestId } = ctx.requestAlta(SUPPORT);
    expect(ctx.services.accounts.list().find((a) => a.id === accountId)).toMatchObject({ status: 'pending', displayName: SUPPORT.displayName });
    const pending = ctx.services.cosign.pending().find((p) => p.id === requestId)!;
    expect(pending.description).toMatchObject({
      kind: 'account.create',
      account: { id: accountId, platform: 'instagram', kind: 'support', displayName: SUPPORT.displayName, supportEnd: '2026-03-31' },
      withPassword: false,
    });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.accounts.get(accountId).status).toBe('active');
    const lifecycle = ctx.services.lifecycle.lifecycle(accountId);
    expect(lifecycle).toMatchObject({ registeredWithoutForm: false, altaRequestId: requestId, verification: 'not_requested' });
    expect(lifecycle.form).toMatchObject({ objective: FORM_A.objective, postingPlan: FORM_A.postingPlan });
  });

  it('is refused to its own proposer and to anyone but the head (POL-5)', () => {
    const { requestId } = ctx.requestAlta(SUPPORT);
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.backup))).toMatchObject({ code: 'COSIGN_ROLE' });
    expect(refusalOf(() => ctx.services.lifecycle.requestAlta(ctx.head, { account: accountInput.parse(ACCOUNTS.facebook), form: FORM_A }))).toMatchObject({
      code: 'ACTION_ROLE',
    });
  });

  it('cannot be authorized once expired', () => {
    const { accountId, requestId } = ctx.requestAlta(SUPPORT);
    ctx.advanceHours(25);
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'COSIGN_EXPIRED' });
    expect(ctx.statusOf(accountId)).toBe('pending');
  });

  it('expired undecided, is closed by the head refusing it: the account leaves «en trámite» for rejected, never by its proposer', () => {
    const { accountId, requestId } = ctx.requestAlta(SUPPORT);
    ctx.advanceHours(25);
    const events = ctx.eventCount();
    expect(refusalOf(() => ctx.services.cosign.reject(requestId, ctx.admin, 'Vencida'))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(refusalOf(() => ctx.services.cosign.reject(requestId, ctx.backup, 'Vencida'))).toMatchObject({ code: 'COSIGN_ROLE' });
    expect(ctx.eventCount()).toBe(events);
    ctx.services.cosign.reject(requestId, ctx.head, 'Venció sin decisión; se pedirá de nuevo');
    expect(ctx.statusOf(accountId)).toBe('rejected');
    expect(ctx.services.cosign.requests(accountId).find((r) => r.id === requestId)).toMatchObject({
      state: 'rejected',
      rejectionReason: 'Venció sin decisión; se pedirá de nuevo',
    });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'COSIGN_DECIDED' });
  });

  it('refused by the head leaves the account rejected, never official, taking no change', () => {
    const { accountId, requestId } = ctx.requestAlta(SUPPORT);
    ctx.services.cosign.reject(requestId, ctx.head, 'Falta el plan de publicaciones aprobado');
    expect(ctx.statusOf(accountId)).toBe('rejected');
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'COSIGN_DECIDED' });
    expect(refusalOf(() => ctx.services.cosign.propose(ctx.admin, { accountId, secret: freshSecret(), reason: 'scheduled' }))).toMatchObject({
      code: 'ACCOUNT_REJECTED',
      rule: 'LIFE-1',
    });
  });

  it('checks the entry rules before anything is written (SEC-2, LIFE-2)', () => {
    const events = ctx.eventCount();
    expect(refusalOf(() => ctx.requestAlta({ ...SUPPORT, loginIdentifier: 'campania@gmail.com' }))).toMatchObject({
      code: 'EMAIL_DOMAIN_INVALID',
      rule: 'SEC-2',
    });
    expect(refusalOf(() => ctx.requestAlta({ ...SUPPORT, supportEnd: '2026-02-01' }))).toMatchObject({ code: 'ACCOUNT_INVALID', rule: 'LIFE-2' });
    expect(
      refusalOf(() =>
        ctx.requestAlta(SUPPORT, { form: { ...FORM_A, authorizedUsers: [{ personId: '4f0c8a8e-1111-4111-8111-111111111111', role: 'editor' }] } as never }),
      ),
    ).toMatchObject({ code: 'PERSON_UNKNOWN', rule: 'LIFE-1' });
    expect(ctx.eventCount()).toBe(events);
    expect(ctx.services.accounts.list()).toEqual([]);
  });

  it('with a first password: the whole policy against the account’s own names, then a version awaiting apply (reason creation)', () => {
    expect(refusalOf(() => ctx.requestAlta({ ...SUPPORT, displayName: 'Campaña Quetzalcoatlito' }, { secret: 'Xq7#Quetzalcoatlito!9Lp' }))).toMatchObject({
      code: 'POLICY_VIOLATION',
      rule: 'POL-2',
    });
    expect(refusalOf(() => ctx.requestAlta(SUPPORT, { secret: 'corta' }))).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'POL-1' });
    const secret = freshSecret();
    const { accountId, requestId } = ctx.requestAlta(SUPPORT, { secret });
    expect(JSON.stringify(ctx.services.cosign.pending())).not.toContain(secret);
    const { subjects } = ctx.services.cosign.approve(requestId, ctx.head);
    expect(subjects).toMatchObject({ account: accountId, version: expect.any(String) });
    expect(ctx.services.credentials.reveal(ctx.admin, accountId, 'authorized')).toMatchObject({ secret, versionN: 1 });
    ctx.services.rotation.confirmApplied(ctx.admin, accountId);
    expect(ctx.services.accounts.get(accountId).versions[0]).toMatchObject({ n: 1, reason: 'creation', appliedAt: expect.any(String) });
  });

  it('seals Formulario A: its typed words never reach the file in clear', () => {
    const { requestId } = ctx.requestAlta(SUPPORT);
    ctx.services.cosign.approve(requestId, ctx.head);
    const raw = rawVaultBytes(ctx.services);
    for (const text of [FORM_A.description, FORM_A.objective, FORM_A.postingPlan, FORM_A.indicators, 'Esmeralda', 'nanduti'])
      expect(raw.includes(Buffer.from(text))).toBe(false);
  });
});
