import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauth } from '../../../../main/domain/totp';
import { readQrText } from '../../../../main/services/two-step/qr-image';
import { TotpService, type ExportDrawer } from '../../../../main/services/two-step/totp';
import { ACCOUNTS, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

/** totp.showExport (issue 11): the QR is drawn first; the export is used up only when it is handed out. */
let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
const NOW = new Date('2026-11-22T15:00:07Z');
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => NOW });
});
afterAll(() => ctx.services.close());

const db = () => ctx.services.vault.require();
const exportedEvents = (requestId: string) =>
  (db().prepare("SELECT subjects FROM audit_events WHERE action = 'totp.exported'").pluck().all() as string[]).filter(
    (s) => JSON.parse(s).request === requestId,
  ).length;
const shownAt = (requestId: string) => db().prepare('SELECT shown_at FROM totp_exports WHERE request_id = ?').pluck().get(requestId);

/** An account whose seed is in force and whose export the head authorized. */
function authorizedExport(name: string, seed: { secret: string; issuer?: string; label?: string }): { accountId: string; requestId: string } {
  const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: name });
  ctx.services.cosign.approve(ctx.services.totp.propose(ctx.admin, accountId, seed).requestId, ctx.head);
  const { requestId } = ctx.services.totp.proposeExport(ctx.admin, accountId);
  ctx.services.cosign.approve(requestId, ctx.head);
  return { accountId, requestId };
}

/** The same service as the app's, drawing through `draw`. */
function totpDrawingWith(draw: ExportDrawer): TotpService {
  const { sodium, vault, sessions, cosign, clipboard, integrity } = ctx.services;
  return new TotpService(sodium, vault, sessions, cosign, clipboard, () => NOW, integrity, draw);
}

describe('a one-time export that cannot be drawn stays unused', () => {
  it('a seed whose names are too long for one QR code: typed refusal, nothing marked, nothing recorded', async () => {
    const { accountId, requestId } = authorizedExport('Cuenta de nombres largos', {
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Ñ'.repeat(200),
      label: 'ñ'.repeat(200),
    });
    await expect(ctx.services.totp.showExport(ctx.admin, accountId)).rejects.toMatchObject({ code: 'TOTP_INVALID', details: { reason: 'too_long_for_qr' } });
    expect(shownAt(requestId)).toBeNull();
    expect(exportedEvents(requestId)).toBe(0);
    await expect(ctx.services.totp.showExport(ctx.admin, accountId)).rejects.toMatchObject({ code: 'TOTP_INVALID' });
    expect(ctx.services.audit.verify().ok).toBe(true);
  });

  it('once the cause is gone the same export is shown, and marked exactly once', async () => {
    const { accountId, requestId } = authorizedExport('Cuenta del dibujo fallido', { secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', label: 'prensa' });
    let broken = true;
    const draws: string[] = [];
    const totp = totpDrawingWith(async (uri) => {
      draws.push(uri);
      if (broken) throw new Error('no se pudo dibujar');
      return `data:image/png;base64,${Buffer.from(uri).toString('base64')}`;
    });
    await expect(totp.showExport(ctx.admin, accountId)).rejects.toThrow('no se pudo dibujar');
    expect(shownAt(requestId)).toBeNull();
    expect(exportedEvents(requestId)).toBe(0);

    broken = false;
    const shown = await totp.showExport(ctx.admin, accountId);
    expect(Buffer.from(shown.image.split(',')[1]!, 'base64').toString()).toBe(draws[1]);
    expect(parseOtpauth(draws[1]!)).toMatchObject({ secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', label: 'prensa', issuer: null });
    expect(shownAt(requestId)).toBe(NOW.toISOString());
    expect(exportedEvents(requestId)).toBe(1);
    await expect(totp.showExport(ctx.admin, accountId)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE' });
    expect(exportedEvents(requestId)).toBe(1);
    expect(ctx.services.audit.verify().ok).toBe(true);
  });

  it('two requests at once: both draw, one is handed out and recorded, the other refused', async () => {
    const { accountId, requestId } = authorizedExport('Cuenta de doble clic', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'TikTok', label: 'prensa' });
    const results = await Promise.allSettled([ctx.services.totp.showExport(ctx.admin, accountId), ctx.services.totp.showExport(ctx.admin, accountId)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'TOTP_EXPORT_NONE' } });
    expect(exportedEvents(requestId)).toBe(1);
  });
});

describe('an export keeps the seed’s own names', () => {
  it('a seed without an issuer is exported without one, never as “Custodia”', async () => {
    const { accountId } = authorizedExport('Cuenta sin emisor', { secret: 'JBSWY3DPEHPK3PXP', label: 'prensa@zafiroquinta.gob.pe' });
    const shown = await ctx.services.totp.showExport(ctx.admin, accountId);
    const uri = await readQrText(Buffer.from(shown.image.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(uri).not.toMatch(/custodia|issuer=/i);
    expect(parseOtpauth(uri)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'sha1',
      digits: 6,
      period: 30,
      issuer: null,
      label: 'prensa@zafiroquinta.gob.pe',
    });
  });

  it('a seed with an issuer keeps it, in the label and as the parameter', async () => {
    const { accountId } = authorizedExport('Cuenta con emisor', { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Caja Municipal', label: 'prensa' });
    const shown = await ctx.services.totp.showExport(ctx.admin, accountId);
    const uri = await readQrText(Buffer.from(shown.image.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(uri).toMatch(/^otpauth:\/\/totp\/Caja%20Municipal:prensa\?.*issuer=Caja%20Municipal/);
  });
});
