import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey } from '../../main/vault/recovery-key';
import { loadSodium } from '../../main/vault/sodium';
import { KNOWN, foundingRequest } from '../fixtures/vault';
import { openHarness, savedDocuments, type Harness } from './harness';

/**
 * Issue 18's emergency kit (scope 6; docs/decisions/0009-emergency-kit.md), in Spanish: the
 * administrator requests it, the head authorizes it (POL-5), the administrator prints it (the PDF
 * read back with pdftotext: the institution, the instructions, the key in groups); then, every
 * passphrase «lost», the kit typed on the lock screen from that text opens recovery mode (a
 * mistyped key refused first), a new head and a new administrator are enrolled, the recovery
 * finishes, the new administrator unlocks, the home asks for a new kit and the log holds the kit's use.
 */
const docs = savedDocuments('custodia-kit-');
const NEW_HEAD = { name: 'Wilfredo Condori Mamani', pass: 'cóndor pardo sobre el nevado andino 11' };
const NEW_ADMIN = { name: 'Yessenia Llerena Apaza', pass: 'vicuña dorada en la puna helada 26' };
let h: Harness;
let key = '';
let shares: string[] = [];
let newAdminFingerprint = '';
let newHeadFingerprint = '';
const HOLDERS = ['Secretaría General', 'Oficina de Asesoría Jurídica', 'Órgano de Control Institucional'];

/** After a recovery the former keyholders are listed too, as revoked: the new ones are chosen by their fingerprint. */
async function unlockByFingerprint(fingerprint: string, passphrase: string) {
  await h.page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
  await h.page.getByRole('radio', { name: new RegExp(fingerprint) }).check();
  await h.page.getByLabel('Frase de acceso').fill(passphrase);
  await h.page.getByRole('button', { name: 'Desbloquear' }).click();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  h = await openHarness({ savePath: docs.savePath });
  await h.services.setup.create(foundingRequest()); // the ceremony itself is covered by the foundation journey
  await h.page.reload();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(() => h.close());

describe('the emergency kit: requested, authorized, printed, and used when every passphrase is lost (es)', () => {
  it('the home says the vault has no kit; the administrator requests one on its page', async () => {
    const { page } = h;
    await page
      .getByTestId('kit-needed')
      .getByText(/La bóveda todavía no tiene un kit de emergencia/)
      .waitFor();
    await page.getByRole('link', { name: 'Ir a Kit de emergencia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kit de emergencia' }).waitFor();
    expect(await page.getByTestId('kit-in-force').textContent()).toContain('No hay ningún kit vigente.');
    await page.getByLabel('Motivo').fill('Kit inicial de la oficina');
    await page.getByRole('button', { name: 'Solicitar el kit' }).click();
    await page.getByTestId('kit-proposed').waitFor();
    await h.checkAccessibility('kit de emergencia');
  });

  it('the head authorizes it in the co-sign dialog', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const request = page.getByRole('region', { name: 'Solicitudes pendientes de autorización' }).getByRole('listitem').filter({ hasText: 'Kit de emergencia' });
    await request.waitFor();
    expect(await request.textContent()).toContain('Una clave de recuperación impresa');
    await request.getByRole('button', { name: 'Autorizar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Autorizar el kit de emergencia' });
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
  });

  it('the administrator prints it: the PDF saved, with the institution, Spanish instructions and the key in groups', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/^Administrador de Cuentas/, KNOWN.adminPass);
    await page.getByRole('button', { name: 'Kit de emergencia', exact: true }).click();
    await page.getByRole('button', { name: 'Imprimir el kit…' }).click();
    const printed = page.getByTestId('kit-printed');
    await printed.waitFor({ timeout: 30_000 });
    const notice = (await printed.textContent()) ?? '';
    expect(docs.saved).toHaveLength(1);
    const file = docs.saved[0]!;
    expect(existsSync(file)).toBe(true);
    expect(notice).toContain(basename(file));
    expect(notice).toContain('borre el archivo de este equipo');
    const inForce = (await page.getByTestId('kit-in-force').textContent()) ?? '';
    expect(inForce).toContain('Una sola clave');

    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(KNOWN.institution);
    expect(text).toContain('Kit de emergencia');
    expect(text).toContain('Cómo usarlo');
    expect(text).toContain('caja fuerte');
    expect(text).toContain('Usar el kit de emergencia');
    // The key, in groups of four, its last one a check group; the notice's fingerprint is the paper's.
    key = /En una línea: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4,})/.exec(text)?.[1] ?? '';
    expect(key.split('-').length).toBeGreaterThanOrEqual(5);
    // Also group by group, numbered (pdftotext may split a spaced-out group: compared without spaces).
    expect(text.replaceAll(' ', '')).toContain(
      key
        .split('-')
        .map((group, i) => `${i + 1}.${group}`)
        .join(''),
    );
    const fingerprint = /huella ([^)]+)\)/.exec(notice)?.[1] ?? '';
    expect(fingerprint).not.toBe('');
    expect(text).toContain(fingerprint);
    // The screen never held the key.
    expect(await page.content()).not.toContain(key);
    await h.checkAccessibility('kit impreso');
    await h.screenshot('kit-01-impreso');
  });

  it('on the lock screen, a mistyped key and a well-formed wrong one are each refused in Spanish', async () => {
    const { page } = h;
    await h.lock();
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    await h.screenshot('kit-00-desbloqueo');
    await page.getByRole('button', { name: '¿Se perdieron todas las frases? Usar el kit de emergencia' }).click();
    await page.getByRole('heading', { name: 'Usar el kit de emergencia' }).waitFor();
    await h.checkAccessibility('usar el kit');
    const first = key[0] === 'A' ? 'B' : 'A';
    await page.getByLabel('Clave de recuperación').fill(first + key.slice(1));
    await page.getByRole('button', { name: 'Abrir con el kit' }).click();
    await page
      .getByRole('alert')
      .getByText(/La clave de recuperación no está bien escrita/)
      .waitFor();
    expect(await page.getByTestId('recovery-mode').count()).toBe(0);
    // Another key, its check group right: the format passes, the vault does not open, and the attempt is counted.
    await page.getByLabel('Clave de recuperación').fill(formatRecoveryKey(await loadSodium(), generateRecoveryKey()));
    await page.getByRole('button', { name: 'Abrir con el kit' }).click();
    await page
      .getByRole('alert')
      .getByText(/La clave de recuperación no abre esta bóveda: no es la del kit de emergencia vigente/)
      .waitFor();
    expect(await page.getByTestId('recovery-mode').count()).toBe(0);
    expect(h.services.kitRecovery.active()).toBe(false);
  });

  it('the key read from the paper opens recovery mode; a new head and a new administrator are enrolled; it finishes', async () => {
    const { page } = h;
    await page.getByLabel('Clave de recuperación').fill(key.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Abrir con el kit' }).click();
    const mode = page.getByTestId('recovery-mode');
    await mode.waitFor({ timeout: 60_000 });
    const intro = (await mode.textContent()) ?? '';
    expect(intro).toContain(`La bóveda de ${KNOWN.institution} (${KNOWN.acronym}) está abierta con el kit de emergencia`);
    const lost = page.getByRole('table', { name: /Custodios cuyas frases se perdieron/ });
    expect(await lost.textContent()).toContain(KNOWN.administrator);
    expect(await lost.textContent()).toContain(KNOWN.head);

    for (const [who, role, after] of [
      [NEW_HEAD, 'head', 'Falta registrar: el Administrador de Cuentas.'],
      [NEW_ADMIN, 'administrator', /Ya están el Jefe de la Oficina y el Administrador de Cuentas/],
    ] as const) {
      await page.getByLabel('Nombre completo').fill(who.name);
      await page.getByLabel('Rol').selectOption(role);
      await page.getByLabel('Frase de acceso', { exact: true }).fill(who.pass);
      await page.getByLabel('Repita la frase de acceso').fill(who.pass);
      await page.getByRole('button', { name: 'Registrar al custodio' }).click();
      await page.getByTestId('recovery-missing').getByText(after).waitFor({ timeout: 30_000 });
    }
    const enrolled = page.getByTestId('recovery-enrolled').getByRole('row');
    newAdminFingerprint = ((await enrolled.filter({ hasText: NEW_ADMIN.name }).locator('code').textContent()) ?? '').trim();
    newHeadFingerprint = ((await enrolled.filter({ hasText: NEW_HEAD.name }).locator('code').textContent()) ?? '').trim();
    expect(newAdminFingerprint).not.toBe('');
    expect(newHeadFingerprint).not.toBe('');
    // A reload finds the session where main holds it; the renderer, hostile or not, reaches nothing else of the vault.
    await page.reload();
    await mode.waitFor();
    expect(await page.getByTestId('recovery-enrolled').textContent()).toContain(NEW_HEAD.name);
    const refused = await page.evaluate(() => window.custodia.vault.home({}));
    expect(refused).toEqual({ ok: false, error: { code: 'RECOVERY_MODE_ONLY' } });
    await h.checkAccessibility('modo de recuperación');
    await h.screenshot('kit-02-modo-recuperacion');

    await page.getByRole('button', { name: 'Terminar la recuperación' }).click();
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor({ timeout: 60_000 });
    await page.getByText(/Recuperación terminada: los nuevos custodios ya pueden desbloquear la bóveda/).waitFor();
  });

  it('the new administrator unlocks; the home asks for a new kit; the log holds the kit’s use', async () => {
    const { page } = h;
    await unlockByFingerprint(newAdminFingerprint, NEW_ADMIN.pass);
    await page
      .getByTestId('kit-needed')
      .getByText(/El kit de emergencia se usó en una recuperación/)
      .waitFor();

    const actions = h.services.auditLog.list({ limit: 50 }).events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['kit.issue.proposed', 'kit.issue.approved', 'kit.issued', 'kit.used', 'kit.recovered']));
    // Used once: kit.used precedes kit.recovered (newest first).
    expect(actions.indexOf('kit.recovered')).toBeLessThan(actions.indexOf('kit.used'));
    expect(h.services.audit.verify({ full: true })).toMatchObject({ ok: true });
    await h.checkAccessibility('inicio tras la recuperación');

    await page.getByRole('button', { name: 'Registro de auditoría' }).click();
    // The kit signs its own use and the recovery's end: the log names it as their signer.
    await page.getByText(/El kit de emergencia abrió la bóveda en modo de recuperación/).waitFor();
    await page.getByText(/El kit de emergencia cerró la recuperación/).waitFor();
    await h.screenshot('kit-03-registro');
  });

  it('a new kit split 2-of-3 among officials: requested, authorized by the new head, printed with one page per holder', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Kit de emergencia', exact: true }).click();
    await page.getByRole('radio', { name: 'Dividida en partes, cada una en manos de una autoridad' }).check();
    await page.getByLabel('Número de partes').selectOption('3');
    await page.getByLabel('Partes necesarias para abrir la bóveda').selectOption('2');
    for (const [i, holder] of HOLDERS.entries()) await page.getByLabel(`Autoridad que guarda la parte ${i + 1}`).fill(holder);
    await page.getByRole('button', { name: 'Solicitar el kit' }).click();
    await page.getByTestId('kit-proposed').waitFor();

    await h.lock();
    await unlockByFingerprint(newHeadFingerprint, NEW_HEAD.pass);
    const request = page.getByRole('region', { name: 'Solicitudes pendientes de autorización' }).getByRole('listitem').filter({ hasText: 'Kit de emergencia' });
    expect(await request.textContent()).toContain(`La clave dividida en 3 partes, de las que se necesitan 2; las guardan: ${HOLDERS.join(', ')}.`);
    await request.getByRole('button', { name: 'Autorizar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Autorizar el kit de emergencia' });
    await dialog.getByLabel('Frase de acceso de quien decide').fill(NEW_HEAD.pass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });

    await h.lock();
    await unlockByFingerprint(newAdminFingerprint, NEW_ADMIN.pass);
    await page.getByRole('button', { name: 'Kit de emergencia', exact: true }).click();
    expect(await page.getByRole('region', { name: 'Kits autorizados por imprimir' }).textContent()).toContain('Kit autorizado: 2 de 3 partes.');
    await page.getByRole('button', { name: 'Imprimir el kit…' }).click();
    await page.getByTestId('kit-printed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kit-in-force').textContent()).toContain('2 de 3 partes');
    expect(docs.saved).toHaveLength(2);
    const text = execFileSync('pdftotext', [docs.saved[1]!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const [i, holder] of HOLDERS.entries()) {
      expect(text).toContain(`Kit de emergencia — parte ${i + 1} de 3`);
      expect(text).toContain(`Custodia de esta parte: ${holder}`);
    }
    shares = [...text.matchAll(/En una línea: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4,})/g)].map((m) => m[1]!);
    expect(shares).toHaveLength(3);
    expect(new Set(shares).size).toBe(3);
  });

  it('two of the three shares open recovery mode; «Cancelar» leaves it, the kit still in force and its use recorded', async () => {
    const { page } = h;
    await h.lock();
    await page.getByRole('button', { name: '¿Se perdieron todas las frases? Usar el kit de emergencia' }).click();
    await page.getByRole('radio', { name: 'Partes de la clave' }).check();
    await page.getByLabel('Partes que tiene').selectOption('2');
    await page.getByLabel('Parte 1').fill(shares[2]!);
    await page.getByLabel('Parte 2').fill(shares[0]!);
    await page.getByRole('button', { name: 'Abrir con el kit' }).click();
    await page.getByTestId('recovery-mode').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('recovery-missing').textContent()).toBe('Falta registrar: el Jefe de la Oficina y el Administrador de Cuentas.');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByText(/Recuperación cancelada: la bóveda sigue cerrada, el kit sigue vigente y su uso quedó registrado/).waitFor();

    // The keyholders of before still open the vault; no new kit is asked for; the log holds this second use.
    await unlockByFingerprint(newAdminFingerprint, NEW_ADMIN.pass);
    expect(await page.getByTestId('kit-needed').count()).toBe(0);
    const actions = h.services.auditLog.list({ limit: 100 }).events.map((e) => e.action);
    expect(actions.filter((a) => a === 'kit.used')).toHaveLength(2);
    expect(h.services.audit.verify({ full: true })).toMatchObject({ ok: true });
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
