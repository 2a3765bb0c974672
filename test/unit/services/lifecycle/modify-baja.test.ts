import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountChanges } from '../../../../shared/lifecycle';
import { freshSecret, registerAccount } from '../../../fixtures/vault';
import { lifecycleContext, refusalOf, SUPPORT, type LifecycleContext } from './lifecycle.context';

/**
 * Modificación (LIFE-4: from → to, the entry rules again) and baja (LIFE-3: the password changed
 * first, then the account archived, read-only, kept with its history), each co-signed (POL-5).
 */
let ctx: LifecycleContext;
let accountId: string;
beforeEach(async () => {
  ctx = await lifecycleContext();
  accountId = registerAccount(ctx.services, ctx.admin, ctx.head, SUPPORT);
});
afterEach(() => ctx.services.close());

const { platform: _platform, ...fields } = SUPPORT;
const modify = (changes: Record<string, unknown>, note?: string) =>
  ctx.services.lifecycle.requestModify(ctx.admin, { accountId, account: accountChanges.parse({ ...fields, ...changes }), ...(note ? { note } : {}) });

describe('modificación (LIFE-4)', () => {
  it('shows each changed field from → to and applies it once the head authorizes it', () => {
    const { requestId } = modify({ handle: '@nanduti.oficial' });
    const pending = ctx.services.cosign.pending().find((p) => p.id === requestId)!;
    expect(pending.description).toMatchObject({ kind: 'account.modify', changes: [{ setting: 'handle', from: '@nanduti.esmeralda', to: '@nanduti.oficial' }] });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.accounts.get(accountId).handle).toBe('@nanduti.oficial');
    expect(ctx.services.accounts.list('oficial').map((a) => a.id)).toEqual([accountId]);
  });

  it('is refused to its proposer (POL-5), without changes, and with data the entry rules refuse (SEC-2, LIFE-2)', () => {
    const { requestId } = modify({ handle: '@otra' });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    ctx.services.cosign.reject(requestId, ctx.head, 'no');
    expect(refusalOf(() => modify({}))).toMatchObject({ code: 'ACCOUNT_UNCHANGED' });
    expect(refusalOf(() => modify({ loginIdentifier: 'campania@hotmail.com' }))).toMatchObject({ code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2' });
    expect(refusalOf(() => modify({ supportEnd: '2026-01-01' }))).toMatchObject({ code: 'ACCOUNT_INVALID', rule: 'LIFE-2' });
  });

  it('rejected, changes nothing; expired, cannot be authorized', () => {
    const first = modify({ handle: '@uno' });
    ctx.services.cosign.reject(first.requestId, ctx.head, 'no');
    expect(ctx.services.accounts.get(accountId).handle).toBe(SUPPORT.handle);
    const second = modify({ handle: '@dos' });
    ctx.advanceHours(25);
    expect(refusalOf(() => ctx.services.cosign.approve(second.requestId, ctx.head))).toMatchObject({ code: 'COSIGN_EXPIRED' });
  });

  it('authorized after the account was edited with sqlite3 since it was proposed: refused, the row checked against the log first', () => {
    const { requestId } = modify({ handle: '@uno' });
    ctx.editFile(`UPDATE accounts SET support_end = '2026-12-31' WHERE id = ?`, accountId);
    // The row no event wrote is named (VAULT_TAMPERED) before the request's own stale check (COSIGN_INTEGRITY) could be reached.
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'VAULT_TAMPERED' });
    expect(ctx.services.accounts.get(accountId).handle).toBe(SUPPORT.handle);
  });

  it('replaces the whole record: a field left out is cleared, from → to', () => {
    const url = modify({ profileUrl: 'https://instagram.com/nanduti' });
    ctx.services.cosign.approve(url.requestId, ctx.head);
    const { requestId } = modify({ handle: '@tres' });
    expect(ctx.services.cosign.pending().find((p) => p.id === requestId)!.description).toMatchObject({
      changes: expect.arrayContaining([{ setting: 'profileUrl', from: 'https://instagram.com/nanduti', to: null }]),
    });
  });
});

describe('the recovery phone: a modificación, never a lone write (LIFE-4, SEC-3)', () => {
  const phone = (label: string, number: string) =>
    ctx.services.twoStep.addDevice(ctx.admin, { label, number, institutionOwned: true, holderKeyholderId: ctx.admin.keyholderId }).deviceId;
  const modifyPhone = (recoveryDeviceId: string | null) =>
    ctx.services.lifecycle.requestModify(ctx.admin, { accountId, account: accountChanges.parse(fields), recoveryDeviceId });

  it('a phone already recorded is not changed by the two-step section alone; its first record is', () => {
    const first = phone('Teléfono de prensa', '+51 987 100 200');
    const second = phone('Teléfono nuevo', '+51 987 300 400');
    ctx.services.twoStep.update(ctx.admin, accountId, { method: 'totp_vault', recoveryDeviceId: first });
    ctx.services.twoStep.update(ctx.admin, accountId, { method: 'sms', recoveryDeviceId: first });
    const events = ctx.eventCount();
    for (const to of [second, undefined])
      expect(refusalOf(() => ctx.services.twoStep.update(ctx.admin, accountId, { method: 'sms', ...(to ? { recoveryDeviceId: to } : {}) }))).toMatchObject({
        code: 'RECOVERY_PHONE_BY_REQUEST',
        rule: 'LIFE-4',
      });
    expect(ctx.eventCount()).toBe(events);
    expect(ctx.services.twoStep.status(accountId)).toMatchObject({ method: 'sms', recoveryDevice: { id: first } });
  });

  it('is requested from → to by its label, refused to its proposer, applied once the head authorizes it', () => {
    const first = phone('Teléfono de prensa', '+51 987 100 200');
    const second = phone('Teléfono nuevo', '+51 987 300 400');
    ctx.services.twoStep.update(ctx.admin, accountId, { method: 'totp_vault', recoveryDeviceId: first, recoveryEmail: 'prensa@nanduti.gob.py' });
    const { requestId } = modifyPhone(second);
    expect(ctx.services.cosign.pending().find((p) => p.id === requestId)!.description).toMatchObject({
      kind: 'account.modify',
      changes: [{ setting: 'recoveryDevice', from: 'Teléfono de prensa (+51 987 100 200)', to: 'Teléfono nuevo (+51 987 300 400)' }],
    });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(ctx.services.twoStep.status(accountId).recoveryDevice?.id).toBe(first);
    ctx.services.cosign.approve(requestId, ctx.head);
    // The second step and the recovery e-mail stay as recorded.
    expect(ctx.services.twoStep.status(accountId)).toMatchObject({
      method: 'totp_vault',
      recoveryDevice: { id: second },
      recoveryEmail: 'prensa@nanduti.gob.py',
    });
    expect(refusalOf(() => modifyPhone(second))).toMatchObject({ code: 'ACCOUNT_UNCHANGED' });
  });

  it('one modificación open at a time; an unknown phone is refused before anything is written', () => {
    const first = phone('Teléfono de prensa', '+51 987 100 200');
    const second = phone('Teléfono nuevo', '+51 987 300 400');
    const a = modifyPhone(first);
    expect(refusalOf(() => modifyPhone(second))).toMatchObject({ code: 'COSIGN_DUPLICATE' });
    ctx.services.cosign.approve(a.requestId, ctx.head);
    expect(ctx.services.twoStep.status(accountId).recoveryDevice?.id).toBe(first);
    const events = ctx.eventCount();
    expect(refusalOf(() => modifyPhone('4f0c8a8e-1111-4111-8111-111111111111'))).toMatchObject({ code: 'DEVICE_UNKNOWN', rule: 'SEC-3' });
    expect(ctx.eventCount()).toBe(events);
  });
});

describe('baja (LIFE-3)', () => {
  it('rotates first (reason decommission), archives once applied: read-only, with its history, out of the deadlines', () => {
    const first = freshSecret();
    const { requestId } = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: first });
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.statusOf(accountId)).toBe('active');
    expect(ctx.services.lifecycle.lifecycle(accountId).decommissioning).toBe(true);
    expect(refusalOf(() => modify({ handle: '@tarde' }))).toMatchObject({ code: 'ACCOUNT_DECOMMISSIONING', rule: 'LIFE-3' });
    ctx.services.rotation.confirmApplied(ctx.admin, accountId);
    expect(ctx.statusOf(accountId)).toBe('archived');
    const detail = ctx.services.accounts.get(accountId);
    expect(detail.versions[0]).toMatchObject({ reason: 'decommission', appliedAt: expect.any(String) });
    expect(ctx.services.lifecycle.lifecycle(accountId)).toMatchObject({ archivedAt: detail.versions[0]!.appliedAt, decommissioning: false });
    expect(ctx.services.rotation.dashboard().rows.map((r) => r.accountId)).not.toContain(accountId);
  });

  it('refuses a password the policy refuses (POL-1), and one used before (POL-3) at approval', () => {
    expect(refusalOf(() => ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: 'corta' }))).toMatchObject({ rule: 'POL-1' });
    const secret = freshSecret();
    const { requestId } = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret });
    ctx.services.cosign.reject(requestId, ctx.head, 'no todavía');
    expect(ctx.statusOf(accountId)).toBe('active');
    const again = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret });
    ctx.advanceHours(25);
    expect(refusalOf(() => ctx.services.cosign.approve(again.requestId, ctx.head))).toMatchObject({ code: 'COSIGN_EXPIRED' });
  });
});

describe('LIFE-2: support accounts past their end date', () => {
  it('are flagged from the day after the end date, in the institution’s time zone', () => {
    // 2026-03-31 23:30 in Lima is 2026-04-01 04:30 UTC: still the end day there.
    ctx.clock.now = Date.UTC(2026, 3, 1, 4, 30);
    expect(ctx.services.lifecycle.supportPastEnd()).toEqual([]);
    ctx.clock.now = Date.UTC(2026, 3, 1, 5, 30);
    expect(ctx.services.lifecycle.supportPastEnd()).toEqual([
      { accountId, displayName: SUPPORT.displayName, platform: 'instagram', supportEnd: '2026-03-31', decommissionOpen: false },
    ]);
    expect(ctx.services.lifecycle.lifecycle(accountId).pastEnd).toBe(true);
    ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: freshSecret() });
    expect(ctx.services.lifecycle.supportPastEnd()[0]).toMatchObject({ decommissionOpen: true });
  });
});

describe('SEC-4: platform verification', () => {
  it('is recorded by the administrator as an audited write, and refused unchanged or by the head', () => {
    ctx.services.lifecycle.setVerification(ctx.admin, accountId, 'requested');
    expect(ctx.services.lifecycle.lifecycle(accountId).verification).toBe('requested');
    const last = ctx.services.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1').pluck().get();
    expect(last).toBe('account.verification_set');
    expect(refusalOf(() => ctx.services.lifecycle.setVerification(ctx.admin, accountId, 'requested'))).toMatchObject({
      code: 'ACCOUNT_UNCHANGED',
      rule: 'SEC-4',
    });
    expect(refusalOf(() => ctx.services.lifecycle.setVerification(ctx.head, accountId, 'verified'))).toMatchObject({ code: 'ACTION_ROLE' });
    // The form survives a verification change (one row, written anew).
    expect(ctx.services.lifecycle.lifecycle(accountId).registeredWithoutForm).toBe(false);
  });
});
