import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PendingChange } from '../../../../shared/accounts';
import { CHANGE_KIND_IDS } from '../../../../shared/domain';
import { CHANGE_KINDS } from '../../../../main/services/cosign/registry';
import { ACCOUNTS, freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * Each kind of co-signed change owns its parts (main/services/cosign/kinds/): the registry holds
 * every kind under its own id, and what a pending request shows the head says what changes, from
 * what to what, and never carries the secret it would install.
 */
let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let facebook: string;
beforeAll(async () => {
  ctx = await unlockedWithActors();
  facebook = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
});
afterAll(() => ctx.services.close());

const described = (requestId: string): PendingChange => ctx.services.cosign.pending().find((p) => p.id === requestId)!;

describe('change kinds', () => {
  it('are registered once each, under their own id', () => {
    expect(Object.keys(CHANGE_KINDS)).toEqual([...CHANGE_KIND_IDS]);
    for (const id of CHANGE_KIND_IDS) expect(CHANGE_KINDS[id].id).toBe(id);
  });

  it('describe a password change by versions and reason, never by the password', () => {
    rotateApplied(ctx, facebook);
    const secret = freshSecret();
    const { requestId } = ctx.services.cosign.propose(ctx.admin, { accountId: facebook, secret, reason: 'incident', note: 'Tras el incidente' });
    const pending = described(requestId);
    expect(pending.description).toEqual({ kind: 'credential.rotate', reason: 'incident', from: { version: 1 }, to: { version: 2 } });
    expect(pending).toMatchObject({ reason: 'incident', note: 'Tras el incidente', changes: null });
    expect(JSON.stringify(ctx.services.cosign.pending())).not.toContain(secret);
    ctx.services.cosign.reject(requestId, ctx.head, 'no');
  });

  it('describe a TOTP seed by its parameters, never by its secret; its removal and export by the stored version', () => {
    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    const set = ctx.services.totp.propose(ctx.admin, facebook, { secret: seed, issuer: 'Facebook' }).requestId;
    expect(described(set).description).toEqual({
      kind: 'totp.set',
      from: null,
      to: { algorithm: 'sha1', digits: 6, period: 30, issuer: 'Facebook', label: null },
    });
    expect(JSON.stringify(ctx.services.cosign.pending())).not.toContain(seed);
    ctx.services.cosign.approve(set, ctx.head);
    const removal = ctx.services.totp.proposeRemoval(ctx.admin, facebook).requestId;
    const exported = ctx.services.totp.proposeExport(ctx.admin, facebook).requestId;
    expect(described(removal).description).toEqual({ kind: 'totp.remove', from: { version: 1 }, to: null });
    expect(described(exported).description).toEqual({ kind: 'totp.export', seed: { version: 1 } });
    ctx.services.cosign.reject(removal, ctx.head, 'no');
    ctx.services.cosign.reject(exported, ctx.head, 'no');
  });

  it('describe a recovery-code replacement by counts, never by the codes', () => {
    ctx.services.recovery.store(ctx.admin, facebook, 'abcd2345\nefgh6789');
    const { requestId } = ctx.services.recovery.proposeReplacement(ctx.admin, facebook, 'zqxw5678\nmnbv4321\nlkjh8765');
    expect(described(requestId).description).toEqual({ kind: 'recovery.replace', from: { total: 2, unused: 2 }, to: { total: 3 } });
    expect(JSON.stringify(ctx.services.cosign.pending())).not.toMatch(/zqxw5678|mnbv4321|lkjh8765/);
    ctx.services.cosign.reject(requestId, ctx.head, 'no');
  });

  it('describe a settings change by each setting, from → to', () => {
    const settings = ctx.services.rotation.settings();
    const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, {
      settings: { ...settings, rotationIntervalDays: settings.rotationIntervalDays + 1 },
    });
    const change = { setting: 'rotationIntervalDays', from: settings.rotationIntervalDays, to: settings.rotationIntervalDays + 1 };
    expect(described(requestId)).toMatchObject({ description: { kind: 'settings.update', changes: [change] }, changes: [change], reason: null });
  });

  it('check what is asked before who asks, as before: nothing to remove is TOTP_NONE even for the head', () => {
    const other = registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: 'Sin semilla' });
    expect(() => ctx.services.totp.proposeRemoval(ctx.head, other)).toThrow(expect.objectContaining({ code: 'TOTP_NONE' }));
    expect(() => ctx.services.totp.proposeRemoval(ctx.admin, other)).toThrow(expect.objectContaining({ code: 'TOTP_NONE' }));
  });
});
