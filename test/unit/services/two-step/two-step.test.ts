import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, rawVaultBytes, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let mailbox: string;
let facebook: string;
const CODES = Array.from({ length: 10 }, (_, i) => `${i + 1}. zq${String(i).repeat(3)}-k7m${i}x`).join('\n');
const PHONE = '+51 987 654 321';
const PERSONAL = '+51 912 345 678';

beforeAll(async () => {
  ctx = await unlockedWithActors();
  mailbox = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.mailbox);
  facebook = registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
});
afterAll(() => ctx.services.close());

describe('recovery codes', () => {
  it('are stored from a pasted block, revealed one at a time, and marked used with who, when and why', () => {
    expect(ctx.services.recovery.store(ctx.admin, facebook, CODES)).toEqual({ count: 10 });
    const view = ctx.services.recovery.view(facebook);
    expect(view).toMatchObject({ available: 10, low: false });
    const third = view.codes[2]!;
    expect(ctx.services.recovery.reveal(ctx.backup, third.id)).toEqual({ code: 'zq222k7m2x' });
    ctx.services.recovery.markUsed(ctx.admin, third.id, 'Acceso tras perder el teléfono');
    const after = ctx.services.recovery.view(facebook);
    expect(after.available).toBe(9);
    expect(after.codes[2]!.used).toMatchObject({ by: { keyholderId: ctx.admin.keyholderId }, reason: 'Acceso tras perder el teléfono' });
    expect(() => ctx.services.recovery.markUsed(ctx.admin, third.id, 'otra vez')).toThrow(expect.objectContaining({ code: 'RECOVERY_CODE_USED' }));
    const actions = ctx.services.vault.require().prepare("SELECT action FROM audit_events WHERE action LIKE 'recovery%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['recovery_codes.stored', 'recovery_code.revealed', 'recovery_code.used']);
  });

  it('warn when fewer than three remain', () => {
    const codes = ctx.services.recovery.view(facebook).codes.filter((c) => !c.used);
    for (const c of codes.slice(0, 7)) ctx.services.recovery.markUsed(ctx.admin, c.id, 'prueba');
    expect(ctx.services.recovery.view(facebook)).toMatchObject({ available: 2, low: true });
  });

  it('a second set is not stored directly: replacing the whole set is co-signed', () => {
    expect(() => ctx.services.recovery.store(ctx.admin, facebook, 'nuevo1234\nnuevo5678')).toThrow(expect.objectContaining({ code: 'RECOVERY_CODES_EXIST' }));
    const { requestId } = ctx.services.recovery.proposeReplacement(ctx.admin, facebook, 'nuevo1234\nnuevo5678\nnuevo9012');
    expect(ctx.services.recovery.view(facebook).available).toBe(2);
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.recovery.view(facebook)).toMatchObject({ available: 3, low: false });
  });

  it('a bad block is refused naming the line, and nothing is stored', () => {
    expect(() => ctx.services.recovery.store(ctx.admin, mailbox, 'abcd1234\nab!d1234')).toThrow(
      expect.objectContaining({ code: 'RECOVERY_CODES_INVALID', details: { reason: 'characters', line: 2 } }),
    );
    expect(ctx.services.recovery.view(mailbox).codes).toEqual([]);
  });
});

describe('SEC-1 and SEC-3 on the account page', () => {
  it('flags an account whose method nobody recorded, and its linked mailbox', () => {
    expect(ctx.services.twoStep.status(facebook).findings).toEqual([
      { rule: 'SEC-1', reason: 'unknown' },
      { rule: 'SEC-1', reason: 'linked_email' },
    ]);
  });

  it('holds with TOTP in the vault, an institution phone held by the administrator and an institutional recovery e-mail', () => {
    const { deviceId } = ctx.services.twoStep.addDevice(ctx.admin, {
      label: 'Celular de prensa',
      number: PHONE,
      institutionOwned: true,
      holderKeyholderId: ctx.admin.keyholderId,
    });
    ctx.services.twoStep.update(ctx.admin, mailbox, { method: 'security_key' });
    ctx.services.twoStep.update(ctx.admin, facebook, { method: 'totp_vault', recoveryDeviceId: deviceId, recoveryEmail: 'soporte@zafiroquinta.gob.pe' });
    expect(ctx.services.twoStep.status(facebook)).toMatchObject({
      method: 'totp_vault',
      recoveryDevice: { number: PHONE, holder: { role: 'administrator' } },
      findings: [],
    });
  });

  it('flags a personal recovery phone and a personal recovery e-mail (SEC-3)', () => {
    const { deviceId } = ctx.services.twoStep.addDevice(ctx.admin, {
      label: 'Celular personal del community manager',
      number: PERSONAL,
      institutionOwned: false,
    });
    // A phone recorded already changes only through a co-signed modificación (LIFE-4): a second profile records this one.
    const second = registerAccount(ctx.services, ctx.admin, ctx.head, {
      ...ACCOUNTS.facebook,
      displayName: 'Página de Prensa',
      handle: '@prensa.zq',
      linkedEmailAccountId: mailbox,
    });
    ctx.services.twoStep.update(ctx.admin, second, { method: 'sms', recoveryDeviceId: deviceId, recoveryEmail: 'cm.prensa@gmail.com' });
    expect(ctx.services.twoStep.status(second).findings).toEqual([
      { rule: 'SEC-3', reason: 'personal_phone' },
      { rule: 'SEC-3', reason: 'holder' },
      { rule: 'SEC-3', reason: 'recovery_email' },
    ]);
  });

  it('only an administrator records it; the head is refused (POL-5)', () => {
    expect(() => ctx.services.twoStep.update(ctx.head, facebook, { method: 'none' })).toThrow(expect.objectContaining({ code: 'ACTION_ROLE' }));
  });

  it('the raw database holds no recovery code, phone number or recovery e-mail', () => {
    const raw = rawVaultBytes(ctx.services);
    for (const text of ['zq222k7m2x', 'zq000k7m0x', 'nuevo1234', PHONE, PERSONAL, 'cm.prensa@gmail.com', 'Celular de prensa'])
      expect(raw.includes(Buffer.from(text)), text).toBe(false);
    expect(ctx.services.audit.verify().ok).toBe(true);
  });
});
