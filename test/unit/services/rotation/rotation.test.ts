import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstitutionSettings } from '../../../../shared/rotation';
import { ACCOUNTS, freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let now = Date.parse('2026-11-01T14:00:00Z');
const DAY = 86_400_000;
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
});
afterAll(() => ctx.services.close());

const newAccount = (name: string, kind: 'principal' | 'support' = 'principal') =>
  registerAccount(ctx.services, ctx.admin, ctx.head, {
    ...ACCOUNTS.facebook,
    displayName: name,
    kind,
    ...(kind === 'support' ? { supportStart: '2026-01-01', supportEnd: '2027-01-01' } : {}),
  });
const row = (accountId: string) => ctx.services.rotation.dashboard().rows.find((r) => r.accountId === accountId)!;
const limaPlus = (iso: string, days: number) => new Date(addDays(new TZDate(iso, 'America/Lima'), days).getTime()).toISOString();
const db = () => ctx.services.vault.require();

describe('the applied-on-the-platform step (POL-4, POL-5)', () => {
  it('an authorized password is not current until the administrator confirms it; the deadline counts from then', () => {
    const account = newAccount('Cuenta por aplicar');
    const { requestId } = ctx.services.cosign.propose(ctx.admin, { accountId: account, secret: freshSecret(), reason: 'creation' });
    expect(row(account)).toMatchObject({ status: 'missing', pendingRequest: true, awaitingApply: null });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(row(account)).toMatchObject({ status: 'missing', pendingRequest: false, awaitingApply: { versionN: 1, late: false } });
    now += 2 * 3_600_000;
    const applied = ctx.services.rotation.confirmApplied(ctx.admin, account);
    const appliedAt = new Date(now).toISOString();
    expect(applied).toEqual({ versionN: 1, dueAt: limaPlus(appliedAt, 15) });
    expect(row(account)).toMatchObject({ status: 'ok', dueAt: limaPlus(appliedAt, 15), awaitingApply: null });
    const event = db().prepare("SELECT actor_id AS actor, details FROM audit_events WHERE action = 'credential.applied' ORDER BY seq DESC LIMIT 1").get() as {
      actor: string;
      details: string;
    };
    expect(event.actor).toBe(ctx.admin.keyholderId);
    expect(JSON.parse(event.details)).toMatchObject({ n: 1, dueAt: limaPlus(appliedAt, 15) });
  });

  it('refuses a confirmation by the head (POL-5), one with nothing authorized, and a new proposal while one waits', () => {
    const account = newAccount('Cuenta en espera');
    expect(() => ctx.services.rotation.confirmApplied(ctx.admin, account)).toThrow(expect.objectContaining({ code: 'CREDENTIAL_NOT_AUTHORIZED' }));
    ctx.services.cosign.approve(ctx.services.cosign.propose(ctx.admin, { accountId: account, secret: freshSecret(), reason: 'creation' }).requestId, ctx.head);
    expect(() => ctx.services.rotation.confirmApplied(ctx.head, account)).toThrow(expect.objectContaining({ code: 'ACTION_ROLE', rule: 'POL-5' }));
    expect(() => ctx.services.cosign.propose(ctx.admin, { accountId: account, secret: freshSecret(), reason: 'scheduled' })).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL_AWAITING_APPLY', details: { versionN: 1 } }),
    );
    ctx.services.rotation.confirmApplied(ctx.backup, account);
    expect(row(account).status).toBe('ok');
  });

  it('flags an authorized version left unapplied past its window', () => {
    const account = newAccount('Cuenta olvidada');
    ctx.services.cosign.approve(ctx.services.cosign.propose(ctx.admin, { accountId: account, secret: freshSecret(), reason: 'creation' }).requestId, ctx.head);
    const before = ctx.services.rotation.dashboard().counts.lateApply;
    now += 25 * 3_600_000;
    const view = ctx.services.rotation.dashboard();
    expect(view.rows.find((r) => r.accountId === account)!.awaitingApply).toMatchObject({ late: true });
    expect(view.counts.lateApply).toBe(before + 1);
    ctx.services.rotation.confirmApplied(ctx.admin, account);
  });
});

describe('the dashboard', () => {
  it('moves an account from ok to due soon to overdue as time passes, most urgent first, counted by platform', () => {
    const account = newAccount('Cuenta que vence');
    rotateApplied(ctx, account);
    const appliedAt = new Date(now).toISOString();
    expect(row(account).status).toBe('ok');
    now = Date.parse(limaPlus(appliedAt, 12)) + 1;
    expect(row(account).status).toBe('due_soon');
    now = Date.parse(limaPlus(appliedAt, 15));
    const view = ctx.services.rotation.dashboard();
    expect(view.rows.find((r) => r.accountId === account)!.status).toBe('overdue');
    const order = { missing: 0, overdue: 1, due_soon: 2, ok: 3 };
    expect(view.rows.map((r) => order[r.status])).toEqual([...view.rows.map((r) => order[r.status])].sort());
    const facebook = view.byPlatform.find((p) => p.platform === 'facebook')!;
    expect(facebook.total).toBe(view.rows.length);
    expect(facebook.overdue).toBe(view.counts.overdue);
    expect(facebook.missing).toBe(view.counts.missing);
    expect(view).toMatchObject({ timeZone: 'America/Lima', warningDays: 3 });
  });

  it('leaves the overdue list after a rotation: next due = today + 15 days', () => {
    const overdue = ctx.services.rotation.dashboard().rows.find((r) => r.status === 'overdue')!;
    rotateApplied(ctx, overdue.accountId);
    expect(row(overdue.accountId)).toMatchObject({ status: 'ok', dueAt: limaPlus(new Date(now).toISOString(), 15) });
  });
});

describe('co-signed settings', () => {
  const current = (): InstitutionSettings => ctx.services.rotation.settings();

  it('refuses bad values by name and an unchanged proposal, before any request exists', () => {
    const pending = ctx.services.cosign.pending().length;
    expect(() => ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...current(), policyMinLength: 10 } })).toThrow(
      expect.objectContaining({ code: 'SETTINGS_INVALID', rule: 'POL-1', details: expect.objectContaining({ setting: 'policyMinLength', min: 12 }) }),
    );
    expect(() => ctx.services.cosign.proposeSettings(ctx.admin, { settings: current() })).toThrow(expect.objectContaining({ code: 'SETTINGS_UNCHANGED' }));
    expect(ctx.services.cosign.pending()).toHaveLength(pending);
  });

  it('takes effect only when the head authorizes it, and moves every due date to the new interval', () => {
    const account = newAccount('Cuenta de soporte', 'support');
    rotateApplied(ctx, account);
    const appliedAt = new Date(now).toISOString();
    const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, {
      settings: { ...current(), rotationIntervalDays: 10, kindIntervals: { support: 5 }, policyMinLength: 20 },
      note: 'Rotación más frecuente',
    });
    const request = ctx.services.cosign.pending().find((p) => p.id === requestId)!;
    expect(request).toMatchObject({ account: null, kind: 'settings.update', note: 'Rotación más frecuente' });
    expect(request.changes).toEqual(
      expect.arrayContaining([
        { setting: 'rotationIntervalDays', from: 15, to: 10 },
        { setting: 'policyMinLength', from: 16, to: 20 },
      ]),
    );
    expect(current().rotationIntervalDays).toBe(15);
    expect(() => ctx.services.cosign.approve(requestId, ctx.admin)).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL' }));
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(current()).toMatchObject({ rotationIntervalDays: 10, kindIntervals: { support: 5 }, policyMinLength: 20 });
    expect(row(account).dueAt).toBe(limaPlus(appliedAt, 5));
    // POL-1 now asks for 20 characters
    expect(ctx.services.policy.check(account, 'Vq7#kP2!xL9@mZ4$wR8')).toMatchObject({ rule: 'POL-1' });
  });
});

describe('rotate after use', () => {
  it('once on, a reveal brings the due date to the configured hours after it', () => {
    const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, {
      settings: { ...ctx.services.rotation.settings(), rotateAfterUse: true, rotateAfterUseHours: 8 },
    });
    ctx.services.cosign.approve(requestId, ctx.head);
    const account = newAccount('Cuenta usada');
    rotateApplied(ctx, account, freshSecret() + 'x');
    expect(row(account).dueAfterUse).toBe(false);
    now += DAY;
    ctx.services.credentials.reveal(ctx.admin, account);
    expect(row(account)).toMatchObject({ dueAt: new Date(now + 8 * 3_600_000).toISOString(), dueAfterUse: true, status: 'due_soon' });
    now += 9 * 3_600_000;
    expect(row(account).status).toBe('overdue');
  });
});

describe('versions applied before due dates were stored', () => {
  it('get theirs computed once in the institution’s zone, with an audit event', () => {
    const account = newAccount('Cuenta antigua');
    rotateApplied(ctx, account);
    const appliedAt = db()
      .prepare('SELECT applied_at FROM credential_versions v JOIN accounts a ON a.current_version_id = v.id WHERE a.id = ?')
      .pluck()
      .get(account) as string;
    db().prepare('UPDATE credential_versions SET due_at = NULL WHERE account_id = ?').run(account);
    db().prepare('UPDATE accounts SET due_at = NULL WHERE id = ?').run(account);
    expect(row(account).dueAt).toBe(limaPlus(appliedAt, 10));
    expect(db().prepare('SELECT due_at FROM credential_versions WHERE account_id = ?').pluck().get(account)).toBe(limaPlus(appliedAt, 10));
    expect(db().prepare("SELECT count(*) FROM audit_events WHERE action = 'rotation.rescheduled'").pluck().get()).toBe(1);
    row(account);
    expect(db().prepare("SELECT count(*) FROM audit_events WHERE action = 'rotation.rescheduled'").pluck().get()).toBe(1);
  });
});
