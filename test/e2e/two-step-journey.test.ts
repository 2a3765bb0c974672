import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauth, totpCode, type TotpSeed } from '../../main/domain/totp';
import { ACCOUNTS, KNOWN, foundingRequest, rawVaultBytes, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, type Harness } from './harness';

/**
 * Issue 5's journey so far, in Spanish: the administrator loads a screenshot of the platform's QR
 * code, reads what it holds (never the secret), proposes it; the head co-signs; the code shown is
 * the one RFC 6238 gives for the same instant, with its countdown.
 */
const NOW = Date.parse('2026-11-22T15:00:10.000Z');
const URI = 'otpauth://totp/Facebook:prensa.zafiroquinta%40zafiroquinta.gob.pe?secret=KZXW6YTBNZSXEZLTMFWGC3TUMF2GK4TP&issuer=Facebook';
let h: Harness;

beforeAll(async () => {
  h = await openHarness({ clock: () => new Date(NOW) });
  await h.services.setup.create(foundingRequest());
  // Their altas, authorized by the head (LIFE-1).
  const head = await h.services.sessions.authenticate(keyholderId(h.services, 'head'), KNOWN.headPass);
  registerAccount(h.services, h.services.sessions.require(), head, ACCOUNTS.facebook);
  registerAccount(h.services, h.services.sessions.require(), head, { platform: 'instagram', kind: 'principal', displayName: 'Instagram Oficial Zafiroquinta' });
  h.services.sessions.release(head);
  await h.page.clock.install({ time: NOW });
  await h.page.reload();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(() => h.close());

async function openAccount(name: string = ACCOUNTS.facebook.displayName) {
  const { page } = h;
  await page.getByRole('button', { name: 'Cuentas', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByRole('link', { name: 'Doble factor' }).click();
  await page.getByRole('heading', { name: 'Verificación en dos pasos' }).waitFor();
}

describe('two-step verification seeds (es)', () => {
  it('a QR screenshot is read in main and shows what it holds, not the secret', async () => {
    const { page } = h;
    await openAccount();
    await page
      .getByLabel('Captura del código QR (PNG o JPEG)')
      .setInputFiles({ name: 'qr-facebook.png', mimeType: 'image/png', buffer: await QRCode.toBuffer(URI, { type: 'png', scale: 6 }) });
    const read = page.getByRole('status').filter({ hasText: 'Leída:' });
    await read.waitFor();
    expect(await read.textContent()).toBe('Leída: Facebook · prensa.zafiroquinta@zafiroquinta.gob.pe — 6 dígitos cada 30 s (SHA1).');
    expect(await page.content()).not.toContain('KZXW6YTB');
    await h.checkAccessibility('semilla leída');
    await h.screenshot('30-semilla-qr');
    await page.getByRole('form', { name: 'Agregar una semilla TOTP' }).getByRole('button', { name: 'Enviar la semilla para autorización' }).click();
    await page.getByText('Solicitud enviada. El Jefe de la Oficina debe autorizarla en Inicio.').waitFor();
  });

  it('the head co-signs the new seed', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const request = page
      .getByRole('region', { name: 'Solicitudes pendientes de autorización' })
      .getByRole('listitem')
      .filter({ hasText: 'nueva semilla de verificación en dos pasos' });
    await request.getByRole('button', { name: 'Autorizar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Autorizar el cambio de verificación en dos pasos' });
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar' }).click();
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
  });

  it('the administrator sees the code RFC 6238 gives for this instant, with its countdown', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openAccount();
    await page.getByRole('button', { name: 'Mostrar código' }).click();
    const code = page.getByTestId('totp-code');
    await code.waitFor();
    const expected = totpCode(parseOtpauth(URI) as TotpSeed, NOW / 1000);
    expect(await code.textContent()).toBe(expected.code);
    await page.getByText('quedan 20 s').waitFor();
    await h.checkAccessibility('código TOTP');
    await h.screenshot('31-codigo-totp');
  });

  it('stores 10 recovery codes as printed, marks one used: 9 available, and SEC-1 holds once the method is recorded', async () => {
    const { page } = h;
    const printed = Array.from({ length: 10 }, (_, i) => `${i + 1}. ${String(4821 + i * 37).padStart(4, '0')} ${String(9350 - i * 53).padStart(4, '0')}`).join(
      '\n',
    );
    await page.getByLabel('Pegue los códigos tal como los entrega la plataforma').fill(printed);
    await page.getByRole('button', { name: 'Guardar los códigos' }).click();
    await page.getByText('Códigos guardados y cifrados.').waitFor();
    expect(await page.getByTestId('recovery-available').textContent()).toBe('10 códigos disponibles.');
    await page.getByRole('button', { name: 'Marcar el n.º 1 como usado' }).click();
    await page.getByLabel('Motivo del uso del código n.º 1').fill('Ingreso desde un equipo nuevo de la oficina');
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.getByTestId('recovery-available').filter({ hasText: '9 códigos disponibles.' }).waitFor();
    expect(await page.getByText('usado el', { exact: false }).textContent()).toContain('«Ingreso desde un equipo nuevo de la oficina»');
    await page.getByLabel('Segundo paso').selectOption({ label: 'TOTP con la semilla en la bóveda' });
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByTestId('two-step-findings').filter({ hasText: 'Cumple SEC-1 y SEC-3.' }).waitFor();
    await h.checkAccessibility('códigos de recuperación');
    await h.screenshot('32-codigos-recuperacion');
  });

  it('an account whose recovery phone is personal shows the SEC-3 flag', async () => {
    const { page } = h;
    await openAccount('Instagram Oficial Zafiroquinta');
    const form = page.getByRole('form', { name: 'Registrar un teléfono' });
    await form.getByLabel('Nombre del teléfono').fill('Celular personal del community manager');
    await form.getByLabel('Número').fill('+51 912 345 678');
    await form.getByLabel('Es de la institución').uncheck();
    await form.getByRole('button', { name: 'Registrar teléfono' }).click();
    await page.getByLabel('Teléfono de recuperación').selectOption({ label: 'Celular personal del community manager (+51 912 345 678) · personal' });
    await page.getByLabel('Segundo paso').selectOption({ label: 'SMS' });
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    const flag = page.getByTestId('two-step-findings').getByText('El teléfono de recuperación no es de la institución. · Regla SEC-3');
    await flag.waitFor();
    await h.screenshot('33-sec3-telefono-personal');
  });

  it('the raw database holds no seed, recovery code or phone number entered here', () => {
    const raw = rawVaultBytes(h.services);
    const codes = Array.from({ length: 10 }, (_, i) => `${String(4821 + i * 37).padStart(4, '0')}${String(9350 - i * 53).padStart(4, '0')}`);
    for (const text of ['KZXW6YTBNZSXEZLTMFWGC3TUMF2GK4TP', ...codes, '+51 912 345 678', 'Celular personal del community manager'])
      expect(raw.includes(Buffer.from(text)), text).toBe(false);
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
