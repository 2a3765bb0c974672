import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, foundingRequest, freshSecret, rawVaultBytes } from '../fixtures/vault';
import { openHarness, type Harness } from './harness';

/**
 * Issue 18's CSV import, in Spanish: the administrator brings the office's spreadsheet, maps its
 * columns, reads every row's verdict with its row number (SEC-2 refused, a formula refused, a weak
 * password imported «rotar ya»), and proposes the importable rows as one request; nothing is in
 * force until the head authorizes the «inventario inicial» (POL-5, LIFE-1).
 */
const good = [freshSecret(), freshSecret(), freshSecret()];
/** One row as a spreadsheet saves it with `;`: a cell holding `;`, a quote or a line break is quoted, its quotes doubled. */
const line = (...cells: string[]) => cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';');
const CSV = [
  line('Red social', 'Nombre de la cuenta', 'Correo de acceso', 'Contraseña'),
  line('facebook', 'Página Oficial Zafiroquinta', `prensa@${KNOWN.domain}`, good[0]!),
  line('instagram', 'Instagram Zafiroquinta', `instagram@${KNOWN.domain}`, good[1]!),
  line('x', 'Cuenta en X de la Oficina', 'cm.prensa@gmail.com', good[2]!),
  line('youtube', '=HYPERLINK("http://phish.example";"Canal")', `youtube@${KNOWN.domain}`, freshSecret()),
  line('tiktok', 'TikTok Zafiroquinta', `tiktok@${KNOWN.domain}`, 'zafiroquinta2024'),
].join('\n');
let h: Harness;
const page = () => h.page;

beforeAll(async () => {
  h = await openHarness();
  await h.services.setup.create(foundingRequest());
  await h.page.reload();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(() => h.close());

describe('the initial inventory from a spreadsheet (es)', () => {
  it('the administrator reads the columns and finds them mapped from their headers', async () => {
    await page().getByRole('button', { name: 'Cuentas' }).click();
    await page().getByRole('button', { name: 'Importar desde una planilla…' }).click();
    await page().getByRole('heading', { level: 1, name: 'Importar el inventario inicial' }).waitFor();
    await page()
      .getByLabel('Archivo CSV')
      .setInputFiles({ name: 'cuentas-oficina.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page().getByRole('button', { name: 'Leer las columnas' }).click();
    await page().getByRole('heading', { name: 'Qué contiene cada columna' }).waitFor();
    const mapped = async (label: string) => page().getByLabel(label).inputValue();
    expect(await mapped('Columna 1: «Red social»')).toBe('platform');
    expect(await mapped('Columna 2: «Nombre de la cuenta»')).toBe('displayName');
    expect(await mapped('Columna 3: «Correo de acceso»')).toBe('loginIdentifier');
    expect(await mapped('Columna 4: «Contraseña»')).toBe('password');
    await h.checkAccessibility('importación: columnas');
    await h.screenshot('95-importacion-columnas');
  });

  it('checks every row with its number: SEC-2 and a formula refused, a weak password «rotar ya»', async () => {
    await page().getByRole('button', { name: 'Revisar las filas' }).click();
    const counts = page().getByTestId('import-counts');
    await counts.waitFor({ timeout: 30_000 });
    expect(await counts.textContent()).toBe('5 filas: 2 se importan, 1 se importan para rotar ya, 2 rechazadas.');
    const row = (n: number) => page().getByTestId('import-rows').locator(`tr[data-row="${n}"]`);
    expect(await row(4).textContent()).toMatch(/Rechazada.*correo de un proveedor gratuito.*Regla SEC-2/);
    expect(await row(5).textContent()).toMatch(/Rechazada.*se ejecutaría como fórmula/);
    expect(await row(6).textContent()).toMatch(/Se importa: rotar ya.*no cumple la política/);
    expect(await row(2).textContent()).toMatch(/Se importa$/);
    await h.checkAccessibility('importación: filas revisadas');
    await h.screenshot('96-importacion-filas');
  });

  it('proposes the three importable rows as one request: nothing is in force before the head authorizes it', async () => {
    await page().getByLabel('Nota para el Jefe de la Oficina').fill('Planilla de la gestión anterior');
    await page().getByRole('button', { name: 'Solicitar la importación (3 cuentas)' }).click();
    await page()
      .getByText(/Inventario inicial solicitado: 3 cuentas/)
      .waitFor({ timeout: 30_000 });
    const listed = h.services.accounts.list('');
    expect(listed.map((a) => a.status).sort()).toEqual(['pending', 'pending', 'pending']);
  });

  it('the head authorizes the inventory in the co-sign dialog; the accounts are in force', async () => {
    await h.lock();
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const request = page()
      .getByRole('region', { name: 'Solicitudes pendientes de autorización' })
      .getByRole('listitem')
      .filter({ hasText: /Inventario inicial/ });
    await request.getByRole('button', { name: /Autorizar…/ }).click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar el inventario inicial' });
    await dialog.waitFor();
    await h.checkAccessibility('autorizar el inventario inicial');
    await h.screenshot('97-jefe-autoriza-inventario');
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 60_000 });
    expect(h.services.accounts.list('').map((a) => a.status)).toEqual(['active', 'active', 'active']);
  });

  it('the raw vault holds none of the spreadsheet’s passwords; no CSP violation', () => {
    const raw = rawVaultBytes(h.services);
    for (const text of [...good, 'zafiroquinta2024', 'Página Oficial Zafiroquinta']) expect(raw.includes(Buffer.from(text)), text).toBe(false);
    expect(h.cspViolations).toEqual([]);
  });
});
