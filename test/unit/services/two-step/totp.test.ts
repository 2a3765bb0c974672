import { randomBytes } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauth, totpCode, type TotpSeed } from '../../../../main/domain/totp';
import { MemoryClipboard } from '../../../../main/services/accounts/clipboard';
import { readQrText } from '../../../../main/services/two-step/qr-image';
import { ACCOUNTS, rawVaultBytes, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
const clipboard = new MemoryClipboard();
let account: string;
const NOW = Date.parse('2026-11-22T15:00:07Z');
const SECRET = 'KZXW6YTBNZSXEZLTMFWGC3TUMF2GK4TP';
const URI = `otpauth://totp/Facebook:prensa%40zafiroquinta.gob.pe?secret=${SECRET}&issuer=Facebook`;

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(NOW), clipboard });
  account = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
});
afterAll(() => ctx.services.close());

const approve = (requestId: string) => ctx.services.cosign.approve(requestId, ctx.head);

describe('QR images', () => {
  it('a QR generated from a known URI decodes back to it', async () => {
    expect(await readQrText(await QRCode.toBuffer(URI, { type: 'png', margin: 4, scale: 6 }))).toBe(URI);
  });

  it('reads JPEG screenshots too', async () => {
    const png = PNG.sync.read(await QRCode.toBuffer(URI, { type: 'png', margin: 4, scale: 6 }));
    const photo = jpeg.encode({ data: png.data, width: png.width, height: png.height }, 85).data;
    expect(photo.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await readQrText(photo)).toBe(URI);
  });

  it('a photo-like noisy image either decodes or says plainly that no QR was found', async () => {
    const qr = PNG.sync.read(await QRCode.toBuffer(URI, { type: 'png', margin: 4, scale: 4 }));
    const photo = new PNG({ width: qr.width + 200, height: qr.height + 160 });
    const noise = randomBytes(photo.width * photo.height);
    for (let y = 0; y < photo.height; y++) {
      for (let x = 0; x < photo.width; x++) {
        const inside = x >= 100 && y >= 80 && x < 100 + qr.width && y < 80 + qr.height;
        const base = inside ? qr.data[((y - 80) * qr.width + (x - 100)) * 4]! : 180;
        const value = Math.max(0, Math.min(255, base * 0.8 + 30 + (noise[y * photo.width + x]! - 128) / 3));
        photo.data.set([value, value * 0.95, value * 0.9, 255], (y * photo.width + x) * 4);
      }
    }
    let outcome: string;
    try {
      outcome = await readQrText(PNG.sync.write(photo));
    } catch (error) {
      outcome = (error as { code: string; details: { reason: string } }).code;
      expect((error as { details: { reason: string } }).details.reason).toBe('no_code');
    }
    expect([URI, 'QR_NOT_FOUND']).toContain(outcome);
  });

  it('refuses what is not an image, and an image without a code', async () => {
    await expect(readQrText(Buffer.from('no soy una imagen'))).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'not_an_image' } });
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    await expect(readQrText(PNG.sync.write(blank))).rejects.toMatchObject({ code: 'QR_NOT_FOUND', details: { reason: 'no_code' } });
  });
});

describe('seeds are co-signed, sealed, and only codes come out', () => {
  it('inspect shows the parameters, never the secret', async () => {
    const image = (await QRCode.toBuffer(URI, { type: 'png' })).toString('base64');
    const shown = await ctx.services.totp.inspect({ image });
    expect(shown).toEqual({ algorithm: 'sha1', digits: 6, period: 30, issuer: 'Facebook', label: 'prensa@zafiroquinta.gob.pe' });
    expect(JSON.stringify(shown)).not.toContain(SECRET);
  });

  it('a seed from a QR screenshot is in force once the head authorizes it; codes match RFC 6238 at the same time', async () => {
    const image = (await QRCode.toBuffer(URI, { type: 'png' })).toString('base64');
    const { requestId } = await ctx.services.totp.propose(ctx.admin, account, { image });
    expect(ctx.services.totp.status(account)).toBeNull();
    expect(() => ctx.services.cosign.approve(requestId, ctx.admin)).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL' }));
    approve(requestId);
    expect(ctx.services.totp.status(account)).toMatchObject({ issuer: 'Facebook', authorizedBy: { role: 'head' } });
    const [code] = ctx.services.totp.codes(ctx.admin, [account]);
    expect(code).toEqual({ accountId: account, digits: 6, period: 30, ...totpCode(parseOtpauth(URI) as TotpSeed, NOW / 1000) });
    expect(code!.remaining).toBe(23);
    const read = ctx.services.vault.require().prepare("SELECT actor_id, subjects FROM audit_events WHERE action = 'totp.codes_read'").get() as {
      actor_id: string;
      subjects: string;
    };
    expect(read.actor_id).toBe(ctx.admin.keyholderId);
    expect(JSON.parse(read.subjects)).toEqual({ account });
    expect(ctx.services.vault.require().prepare('SELECT count(*) FROM exposures').pluck().get()).toBe(0);
  });

  it('a typed secret replaces it (co-signed); a bad one is refused by name and nothing changes', () => {
    expect(() => ctx.services.totp.propose(ctx.admin, account, { secret: 'JBSW 1Y3D PEHP K3PX' })).toThrow(
      expect.objectContaining({ code: 'TOTP_INVALID', details: { reason: 'bad_base32' } }),
    );
    approve(ctx.services.totp.propose(ctx.admin, account, { secret: 'jbsw y3dp ehpk 3pxp', digits: 8, period: 60, issuer: 'X' }).requestId);
    expect(ctx.services.totp.status(account)).toMatchObject({ digits: 8, period: 60, issuer: 'X' });
    expect(ctx.services.totp.codes(ctx.admin, [account])[0]!.code).toBe(
      totpCode({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'sha1', digits: 8, period: 60, issuer: 'X', label: null }, NOW / 1000).code,
    );
  });

  it('copying a code puts only the code on the clipboard, until it expires', async () => {
    const { clearAfterSeconds } = await ctx.services.totp.copyCode(ctx.admin, account);
    const expected = totpCode({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'sha1', digits: 8, period: 60, issuer: 'X', label: null }, NOW / 1000);
    expect(await clipboard.readText()).toBe(expected.code);
    expect(clearAfterSeconds).toBe(expected.remaining);
  });

  it('a QR export is shown once, for 60 s, only after the head authorizes it, only to who asked', async () => {
    await expect(ctx.services.totp.showExport(ctx.admin, account)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE' });
    const { requestId } = ctx.services.totp.proposeExport(ctx.admin, account, 'Enrolar el celular institucional nuevo');
    await expect(ctx.services.totp.showExport(ctx.admin, account)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE' });
    approve(requestId);
    await expect(ctx.services.totp.showExport(ctx.backup, account)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE' });
    const shown = await ctx.services.totp.showExport(ctx.admin, account);
    expect(shown.hideAfterSeconds).toBe(60);
    const png = Buffer.from(shown.image.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(parseOtpauth(await readQrText(png))).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', digits: 8, period: 60 });
    await expect(ctx.services.totp.showExport(ctx.admin, account)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE' });
    const exported = ctx.services.vault.require().prepare("SELECT actor_id FROM audit_events WHERE action = 'totp.exported'").pluck().all();
    expect(exported).toEqual([ctx.admin.keyholderId]);
    expect(ctx.services.vault.require().prepare('SELECT shown_by FROM totp_exports WHERE request_id = ?').pluck().get(requestId)).toBe(ctx.admin.keyholderId);
  });

  it('an authorized export is void once the seed changes', async () => {
    approve(ctx.services.totp.proposeExport(ctx.admin, account).requestId);
    approve(ctx.services.totp.propose(ctx.admin, account, { secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ' }).requestId);
    await expect(ctx.services.totp.showExport(ctx.admin, account)).rejects.toMatchObject({ code: 'TOTP_EXPORT_NONE', details: { reason: 'seed_changed' } });
  });

  it('the raw database holds neither secret', () => {
    const raw = rawVaultBytes(ctx.services);
    for (const secret of [SECRET, 'JBSWY3DPEHPK3PXP', 'jbsw y3dp ehpk 3pxp', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'])
      expect(raw.includes(Buffer.from(secret)), secret).toBe(false);
  });

  it('removal is co-signed too; afterwards there are no codes', () => {
    approve(ctx.services.totp.proposeRemoval(ctx.admin, account, 'La cuenta pasó a llave de seguridad').requestId);
    expect(ctx.services.totp.status(account)).toBeNull();
    expect(() => ctx.services.totp.codes(ctx.admin, [account])).toThrow(expect.objectContaining({ code: 'TOTP_NONE' }));
    expect(() => ctx.services.totp.proposeRemoval(ctx.admin, account)).toThrow(expect.objectContaining({ code: 'TOTP_NONE' }));
    expect(ctx.services.audit.verify().ok).toBe(true);
  });
});
