import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../fixtures/vault';
import { RENDERER_DIR } from './global-setup';
import { openHarness, type Harness } from './harness';

/**
 * The foundation journey, in Spanish, in real Chromium against the real handler table:
 * create a vault with two keyholders → lock → wrong passphrase → unlock as the head → home.
 */
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

describe('foundation journey (es)', () => {
  it('runs the creation ceremony for the administrator and the office head', async () => {
    const { page } = h;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Crear la bóveda');
    await h.checkAccessibility('creación');
    await page.getByLabel('Nombre de la institución').fill(KNOWN.institution);
    await page.getByLabel('Siglas').fill(KNOWN.acronym);
    await page.getByLabel('Dominios de correo institucional').fill(KNOWN.domain);
    const admin = page.getByRole('region', { name: 'Administrador de Cuentas' });
    await admin.getByLabel('Nombre completo').fill(KNOWN.administrator);
    await admin.getByLabel('Frase de acceso', { exact: true }).fill(KNOWN.adminPass);
    await admin.getByLabel('Repita la frase de acceso').fill(KNOWN.adminPass);
    const head = page.getByRole('region', { name: 'Jefe de la Oficina' });
    await head.getByLabel('Nombre completo').fill(KNOWN.head);
    await head.getByLabel('Frase de acceso', { exact: true }).fill(KNOWN.headPass);
    await head.getByLabel('Repita la frase de acceso').fill('otra frase distinta de la primera');
    await page.getByRole('button', { name: 'Crear la bóveda' }).click();
    await expect.poll(() => head.getByText('Las dos frases no coinciden.').isVisible()).toBe(true);
    await h.screenshot('01-creacion-validacion');
    await head.getByLabel('Repita la frase de acceso').fill(KNOWN.headPass);
    await page.getByRole('button', { name: 'Crear la bóveda' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
    await h.screenshot('02-inicio-administrador');
  });

  it('home lists both keyholders with their roles and signing fingerprints', async () => {
    const { page } = h;
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(KNOWN.administrator) }).textContent())
      .toMatch(/Administrador de Cuentas.*[0-9A-F]{4}-[0-9A-F]{4}/);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(KNOWN.head) }).textContent()).toMatch(/Jefe de la Oficina/);
    await h.checkAccessibility('inicio');
  });

  it('locks, refuses a wrong passphrase in Spanish, and unlocks as the office head', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Bloquear' }).click();
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    expect(await page.getByText(KNOWN.institution).count()).toBe(0); // nothing decrypted survives the lock
    await h.checkAccessibility('desbloqueo');
    await page.getByRole('radio', { name: /Jefe de la Oficina/ }).check();
    await page.getByLabel('Frase de acceso').fill('esta no es la frase correcta');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: /^Frase de acceso incorrecta, o la ranura de este custodio fue alterada: compare la huella [0-9A-F-]{24} con la anotada en su acta de alta\.$/,
      })
      .waitFor({ timeout: 30_000 });
    await h.screenshot('03-frase-incorrecta');
    await page.getByLabel('Frase de acceso').fill(KNOWN.headPass);
    // The button stays disabled for the 1 s delay after a failure; click() waits until it is enabled.
    await page.getByRole('button', { name: 'Desbloquear' }).click({ timeout: 10_000 });
    await page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('row', { name: new RegExp(KNOWN.head) }).textContent()).toMatch(/sesión actual/);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(KNOWN.administrator) }).isVisible()).toBe(true);
    await h.screenshot('04-inicio-jefe');
  });

  it('shows the full verification and what happened since the last visit on the home screen', async () => {
    const { page } = h;
    await page.getByText(/^Bóveda íntegra: \d+ eventos firmados y \d+ registros coinciden con lo que registró la cadena\.$/).waitFor();
    // The head saw the founding (3 events) at the ceremony; since then, the administrator's lock.
    await page.getByText(/^Desde su última visita \(evento n\.º 3, .+\): 1 evento\.$/).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: `${KNOWN.administrator}: 1` })
      .waitFor();
  });

  it('verifies the signed audit log on the audit screen', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Registro de auditoría' }).click();
    await page.getByRole('button', { name: 'Verificar el registro' }).click();
    // created + 2 enrollments + lock + unlock (the failure is counted in the unlock event)
    await page.getByText('Registro íntegro: 5 eventos verificados.').waitFor();
  });

  it('checks a chain head read from paper against the chain, on the audit screen', async () => {
    const { page } = h;
    const written = (await page.getByTestId('paper-head').textContent())!;
    const [, short, seq] = /^([0-9A-F]{4}(?:-[0-9A-F]{4}){3}) · evento n\.º (\d+)$/.exec(written)!;
    await page.getByLabel(/Comprobar una cabeza anotada en papel/).fill(short!.toLowerCase());
    await page.getByRole('button', { name: 'Comprobar', exact: true }).click();
    await page.getByText(new RegExp(`^Es el evento n\\.º ${seq} del .+, firmado por ${KNOWN.head}\\.$`)).waitFor();
    await h.screenshot('04b-integridad');
    await page.getByLabel(/Comprobar una cabeza anotada en papel/).fill('FFFF-FFFF-FFFF-FFFF');
    await page.getByRole('button', { name: 'Comprobar', exact: true }).click();
    await page.getByText('No está en esta cadena.').waitFor();
  });

  it('an idle lock decided in main clears the screen and says why', async () => {
    const { page, services } = h;
    services.sessions.lock('idle');
    await page.getByText('La bóveda se bloqueó por inactividad.').waitFor();
    expect(await page.getByText(KNOWN.head).count()).toBe(0);
    await h.screenshot('05-bloqueo-inactividad');
  });

  it('unlocks with the keyboard alone: the passphrase field has focus, Enter submits', async () => {
    const { page, services } = h;
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('unlock-passphrase');
    await page.keyboard.type(KNOWN.adminPass);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
    expect(services.sessions.info()?.role).toBe('administrator');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Bloquear' }).press('Enter');
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
  });

  it('switches to English and keeps the choice', async () => {
    const { page } = h;
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'Unlock the vault' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Unlock the vault' }).waitFor();
    await page.getByLabel('Language').selectOption('es');
  });

  it('ran the production bundle that renderer/vite.config.ts builds, and nothing else', () => {
    const files = [...new Map(h.served.map((f) => [f.path, f])).values()].sort((a, b) => a.path.localeCompare(b.path));
    console.log(`Files served to Chromium:\n${files.map((f) => `  ${f.status} ${f.path} (${f.contentType}, ${f.bytes} bytes)`).join('\n')}`);
    // Only what the build wrote: index.html and its hashed assets, byte for byte; no /src/, no Vite client.
    const built = ['/index.html', ...readdirSync(join(RENDERER_DIR, 'assets')).map((name) => `/assets/${name}`)].sort();
    expect(files.map((f) => f.path).filter((path) => path !== '/')).toEqual(built);
    for (const f of files) {
      expect(f.status, f.path).toBe(200);
      expect(f.bytes, f.path).toBe(statSync(join(RENDERER_DIR, f.path === '/' ? 'index.html' : f.path)).size);
    }
    const scripts = built.filter((path) => path.endsWith('.js'));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^\/assets\/index-[\w-]{8}\.js$/);
    // React's production build (NODE_ENV=production): minified error codes instead of the development warnings.
    const bundle = readFileSync(join(RENDERER_DIR, scripts[0]!), 'utf8');
    expect(bundle).toContain('Minified React error');
    expect(bundle).not.toContain('Each child in a list should have a unique "key" prop');
    expect(bundle).not.toMatch(/react-dom\.development|react-router\.development|\/@vite\/client/);
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
