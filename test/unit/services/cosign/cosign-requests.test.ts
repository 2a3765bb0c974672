import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestView } from '../../../../shared/requests';
import type { Result } from '../../../../shared/result';
import { call, tableOf } from '../../attack/helpers';
import { ACCOUNTS, freshSecret, KNOWN, rawVaultBytes, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

/** Requests seen from both sides (issue 13): states, the head's reason reaching the proposer, one open request per account and kind. */
let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let now = Date.parse('2026-11-22T15:00:00Z');
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
});
afterAll(() => ctx.services.close());

const newAccount = (name: string) => registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: name });
const proposeRotation = (accountId: string, secret = freshSecret()) =>
  ctx.services.cosign.propose(ctx.admin, { accountId, secret, reason: 'scheduled', note: 'Rotación quincenal' }).requestId;
const count = (table: string) => ctx.services.vault.require().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const viewOf = (requestId: string, accountId?: string) => ctx.services.cosign.requests(accountId).find((r) => r.id === requestId);
const valueOf = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
};

describe('one open request per account and kind', () => {
  it('a second rotation of the same account is refused with the first one named, and nothing is written', async () => {
    const account = newAccount('Cuenta duplicada');
    const first = proposeRotation(account);
    const before = { events: count('audit_events'), requests: count('change_requests') };
    const refused = await call(tableOf(ctx.services), 'credentials.propose', { accountId: account, secret: freshSecret(), reason: 'incident' });
    expect(refused).toEqual({ ok: false, error: { code: 'COSIGN_DUPLICATE', details: { requestId: first, kind: 'credential.rotate' } } });
    expect({ events: count('audit_events'), requests: count('change_requests') }).toEqual(before);
  });

  it('another kind on the same account, or the same kind on another account, is not a duplicate', () => {
    const account = newAccount('Cuenta con dos solicitudes');
    proposeRotation(account);
    expect(() => ctx.services.totp.propose(ctx.admin, account, { secret: 'JBSWY3DPEHPK3PXP' })).not.toThrow();
    expect(() => proposeRotation(newAccount('Otra cuenta'))).not.toThrow();
  });

  it('the institution’s settings have one open change at a time too', () => {
    const settings = ctx.services.rotation.settings();
    const first = ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...settings, rotationIntervalDays: 20 } }).requestId;
    expect(() => ctx.services.cosign.proposeSettings(ctx.backup, { settings: { ...settings, rotationIntervalDays: 21 } })).toThrow(
      expect.objectContaining({ code: 'COSIGN_DUPLICATE', details: { requestId: first, kind: 'settings.update' } }),
    );
    ctx.services.cosign.reject(first, ctx.head, 'Se mantiene el intervalo.');
    expect(() => ctx.services.cosign.proposeSettings(ctx.backup, { settings: { ...settings, rotationIntervalDays: 21 } })).not.toThrow();
  });

  it('once the open one has expired, a new one may be proposed', () => {
    const account = newAccount('Cuenta vencida y repropuesta');
    const first = proposeRotation(account);
    now += 25 * 3_600_000;
    const second = proposeRotation(account);
    expect([viewOf(first)?.state, viewOf(second)?.state]).toEqual(['expired', 'pending']);
  });
});

describe('requests as both sides read them', () => {
  it('the head’s rejection reaches the proposer with who, when and why; the reason is sealed in the file and bound to the signed event', async () => {
    const account = newAccount('Cuenta rechazada con motivo');
    const secret = freshSecret();
    const requestId = proposeRotation(account, secret);
    const reason = 'Zafiroquinta: la contraseña coincide con el periodo de campaña';
    await ctx.services.cosign.rejectWithPassphrase(requestId, ctx.head.keyholderId, KNOWN.headPass, reason);
    // The administrator, unlocked, reads their requests through the channel.
    expect(ctx.services.sessions.require().keyholderId).toBe(ctx.admin.keyholderId);
    const all = valueOf<RequestView[]>(await call(tableOf(ctx.services), 'cosign.requests', { accountId: account }));
    // The account's own alta (LIFE-1), authorized, and the rejected rotation (both may bear the same instant: their order is not asked).
    expect(all.map((v) => [v.kind, v.state])).toHaveLength(2);
    expect(all.map((v) => [v.kind, v.state])).toEqual(
      expect.arrayContaining([
        ['credential.rotate', 'rejected'],
        ['account.create', 'applied'],
      ]),
    );
    const views = all.filter((v) => v.kind === 'credential.rotate');
    expect(views).toEqual([
      {
        id: requestId,
        kind: 'credential.rotate',
        accountId: account,
        accountName: 'Cuenta rechazada con motivo',
        platform: 'facebook',
        state: 'rejected',
        proposedBy: { keyholderId: ctx.admin.keyholderId, name: KNOWN.administrator, role: 'administrator' },
        proposedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 24 * 3_600_000).toISOString(),
        decidedBy: { keyholderId: ctx.head.keyholderId, name: KNOWN.head, role: 'head' },
        decidedAt: new Date(now).toISOString(),
        rejectionReason: reason,
        reason: 'Rotación quincenal',
        description: { kind: 'credential.rotate', reason: 'scheduled', from: null, to: { version: 1 } },
      },
    ]);
    expect(JSON.stringify(views)).not.toContain(secret);
    expect(rawVaultBytes(ctx.services).includes(Buffer.from(reason))).toBe(false);
    const event = ctx.services.vault
      .require()
      .prepare("SELECT details FROM audit_events WHERE action = 'credential.rotate.rejected' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    // The row digest (key: the row's key as JSON) covers the sealed reason: an edit of it is named by the verification.
    expect(Object.keys(JSON.parse(event).rows.change_requests)).toEqual([JSON.stringify([requestId])]);
  });

  it('pending → authorized (waiting to be applied) → applied, naming the version it became', () => {
    const account = newAccount('Cuenta autorizada y aplicada');
    const requestId = proposeRotation(account);
    expect(viewOf(requestId, account)).toMatchObject({ state: 'pending', decidedBy: null, decidedAt: null, rejectionReason: null });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(viewOf(requestId, account)).toMatchObject({ state: 'authorized', decidedBy: { role: 'head' }, description: { from: null, to: { version: 1 } } });
    ctx.services.rotation.confirmApplied(ctx.admin, account);
    expect(viewOf(requestId, account)).toMatchObject({ state: 'applied', description: { from: null, to: { version: 1 } } });
  });

  it('a settings change still reads from → to once applied (the values in force when it was proposed are kept with it)', () => {
    const settings = ctx.services.rotation.settings();
    const to = settings.rotationIntervalDays === 14 ? 13 : 14;
    const requestId = ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...settings, rotationIntervalDays: to } }).requestId;
    const expected = { description: { kind: 'settings.update', changes: [{ setting: 'rotationIntervalDays', from: settings.rotationIntervalDays, to }] } };
    expect(ctx.services.cosign.requests().find((r) => r.id === requestId)).toMatchObject({ state: 'pending', ...expected });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.rotation.settings().rotationIntervalDays).toBe(to);
    expect(ctx.services.cosign.requests().find((r) => r.id === requestId)).toMatchObject({ state: 'applied', ...expected });
  });

  it('a pending request past its expiry, by the service’s clock, is expired', () => {
    const account = newAccount('Cuenta que vence');
    const requestId = proposeRotation(account);
    now += 24 * 3_600_000 - 1_000;
    expect(viewOf(requestId, account)?.state).toBe('pending');
    now += 1_000;
    expect(viewOf(requestId, account)?.state).toBe('expired');
  });

  it('lists newest first, one account’s only when asked, and the institution’s changes with no account', () => {
    const account = newAccount('Cuenta con historia');
    now += 60_000;
    const older = proposeRotation(account);
    now += 60_000;
    const newer = ctx.services.totp.propose(ctx.admin, account, { secret: 'JBSWY3DPEHPK3PXP' }).requestId;
    // Then the account's alta (LIFE-1), the oldest.
    expect(ctx.services.cosign.requests(account).map((r) => r.id)).toEqual([newer, older, expect.any(String)]);
    expect(ctx.services.cosign.requests(account)[2]!.kind).toBe('account.create');
    const all = ctx.services.cosign.requests();
    expect(all.map((r) => r.proposedAt)).toEqual([...all.map((r) => r.proposedAt)].sort().reverse());
    expect(all.find((r) => r.kind === 'settings.update')).toMatchObject({ accountId: null, accountName: null, platform: null });
  });

  it('refuses a malformed account id as a typed INVALID_REQUEST', async () => {
    for (const payload of [{ accountId: 'x' }, { accountId: 7 }, { accountId: ACCOUNTS.facebook.displayName }, { other: 1 }]) {
      const result = await call(tableOf(ctx.services), 'cosign.requests', payload);
      expect([payload, result.ok ? 'ok' : result.error.code]).toEqual([payload, 'INVALID_REQUEST']);
    }
  });
});
