import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, FORM_A, KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, savedDocuments, SCREENSHOTS, type Harness } from './harness';

/**
 * Issue 17's monthly report (SUP-3) and Formulario A (LIFE-4), in Spanish. November 2026 happened
 * through the services on the injected clock: two altas with their first passwords (3 Nov), a
 * compromised Facebook password whose incident found a change made outside Custodia, rotated with
 * reason «incidente» and closed (10 Nov), and Instagram's scheduled rotation applied late (20 Nov).
 * On 3 December the administrator prints the Facebook alta's Formulario A from her requests; the
 * head opens «Informe mensual», picks November, reads the indicator (4 authorized of 5 changes),
 * signs with their passphrase; the PDF and the signed JSON are saved, the PDF read back with
 * pdftotext and its first page rendered with pdftoppm; `node scripts/verify-report.mjs` verifies the
 * JSON and prints the fingerprint the screen showed — and refuses a changed figure or another key.
 */
const NOW = Date.parse('2026-12-03T15:00:00.000Z');
const at = (iso: string) => Date.parse(iso);
const INSTAGRAM = { platform: 'instagram', kind: 'principal', displayName: 'Instagram Zafiroquinta', handle: '@zafiroquinta' } as const;
const FACEBOOK = ACCOUNTS.facebook.displayName;
// The app's save dialog: every document goes to the test's own folder.
const { saved, savePath } = savedDocuments('custodia-report-e2e-');
let clock = at('2026-11-03T15:00:00.000Z');
let h: Harness;

beforeAll(async () => {
  h = await openHarness({
    clock: () => new Date(clock),
    savePath,
  });
  const { services } = h;
  await services.setup.create(foundingRequest());
  const admin = services.sessions.require();
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  const rotate = (accountId: string, reason: 'creation' | 'scheduled' | 'incident') => {
    services.cosign.approve(services.cosign.propose(admin, { accountId, secret: freshSecret(), reason }).requestId, head);
    services.rotation.confirmApplied(admin, accountId);
  };
  // 3 November: both altas authorized by the head (LIFE-1), their first passwords applied.
  const facebook = registerAccount(services, admin, head, ACCOUNTS.facebook);
  const instagram = registerAccount(services, admin, head, INSTAGRAM);
  rotate(facebook, 'creation');
  rotate(instagram, 'creation');
  // 10 November: the page's password was changed by someone outside Custodia; the incident acts on it.
  clock = at('2026-11-10T15:00:00.000Z');
  const { incidentId } = services.incidents.record(admin, {
    kind: 'credential_compromise',
    occurredOn: '2026-11-10',
    occurredTime: '09:00',
    accountIds: [facebook],
    description: 'Inicio de sesión desconocido en la página',
  });
  services.incidents.recordOutsideChange(admin, {
    incidentId,
    accountId: facebook,
    kind: 'password_changed',
    changedOn: '2026-11-10',
    changedTime: '08:40',
    description: 'La contraseña fue cambiada en la plataforma sin solicitud',
  });
  clock = at('2026-11-10T16:00:00.000Z');
  rotate(facebook, 'incident');
  for (const action of ['close_sessions', 'review_roles'] as const) services.incidents.confirm(admin, { incidentId, accountId: facebook, action });
  services.incidents.report(admin, { incidentId, recipient: 'national_cert', reference: 'CERT-ZQX-2026-031', reportedOn: '2026-11-10' });
  services.incidents.close(admin, incidentId);
  // 20 November: Instagram's scheduled rotation, applied after its due date (18 November).
  clock = at('2026-11-20T15:00:00.000Z');
  rotate(instagram, 'scheduled');
  services.sessions.release(head);
  services.sessions.lock('manual');
  clock = NOW;
  await h.page.clock.install({ time: NOW });
  await h.page.reload();
});
afterAll(() => h.close());

const page = () => h.page;
const fingerprintOf = (role: 'head' | 'administrator') => h.services.setup.status().keyholders.find((k) => k.role === role)!.fingerprint;
const pdfText = (path: string) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const verify = (...args: string[]) => spawnSync(process.execPath, ['scripts/verify-report.mjs', ...args], { encoding: 'utf8' });
let signedFingerprint = '';

describe('the monthly report, signed by the head and verified offline; Formulario A printed (es)', () => {
  it('the administrator prints the Facebook alta’s Formulario A from her requests', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    const card = page()
      .getByRole('region', { name: 'Sus solicitudes' })
      .getByRole('listitem')
      .filter({ hasText: `Formulario A, alta: ${FACEBOOK} (Facebook)` });
    await card.getByRole('button', { name: 'Imprimir Formulario A' }).click();
    await card.getByRole('status').filter({ hasText: 'Formulario A guardado.' }).waitFor({ timeout: 30_000 });
    const path = saved.at(-1)!;
    expect(path).toMatch(/formulario-A-OCZQX-2026-11-03\.pdf$/);
    const text = pdfText(path);
    expect(text).not.toContain('BORRADOR');
    for (const words of [FACEBOOK, ACCOUNTS.facebook.handle, FORM_A.objective, FORM_A.postingPlan, KNOWN.head]) expect(text).toContain(words);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(SCREENSHOTS, '90-formulario-a')]);
    expect(existsSync(join(SCREENSHOTS, '90-formulario-a-1.png'))).toBe(true);
    await h.screenshot('90-formulario-a-impreso');
    await h.lock();
  });

  it('the head opens «Informe mensual», picks November and reads the indicator', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    await page().getByRole('button', { name: 'Informe mensual', exact: true }).click();
    await page().getByRole('heading', { level: 1, name: 'Informe mensual' }).waitFor();
    await page().getByLabel('Mes').selectOption({ label: 'noviembre de 2026' });
    // Two first passwords, the incident's rotation and the scheduled one, authorized; one change made outside Custodia.
    await page().getByTestId('report-share').filter({ hasText: '4 de 5 (80 %)' }).waitFor();
    const figure = async (name: string) =>
      page()
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .getByRole('cell')
        .textContent();
    expect(await figure('Contraseñas aplicadas con autorización')).toBe('4');
    expect(await figure('Cambios hechos fuera de Custodia')).toBe('1');
    expect(await figure('Rotaciones aplicadas')).toBe('2');
    expect(await figure('A tiempo')).toBe('1');
    expect(await figure('Tarde')).toBe('1');
    expect(await figure('Cuentas vencidas al cierre del mes')).toBe('1');
    expect(await figure('Altas de cuentas')).toBe('2');
    expect(await figure('Incidentes registrados')).toBe('1');
    expect(await figure('Incidentes abiertos al cierre')).toBe('0');
    expect(await page().getByRole('button', { name: 'Firmar e imprimir' }).isDisabled()).toBe(false);
    await h.checkAccessibility('informe mensual');
    await h.screenshot('91-informe-mensual');
  });

  it('the month in course cannot be signed yet', async () => {
    await page().getByLabel('Mes').selectOption({ label: 'diciembre de 2026' });
    await page().getByText('Mes en curso: cifras parciales hasta ahora.', { exact: false }).waitFor();
    expect(await page().getByRole('button', { name: 'Firmar e imprimir' }).isDisabled()).toBe(true);
    await page().getByLabel('Mes').selectOption({ label: 'noviembre de 2026' });
    await page().getByTestId('report-share').filter({ hasText: '4 de 5 (80 %)' }).waitFor();
  });

  it('the head signs with their passphrase: the PDF and the signed JSON are saved, the fingerprint shown', async () => {
    await page().getByRole('button', { name: 'Firmar e imprimir' }).click();
    const dialog = page().getByRole('dialog', { name: 'Firmar el informe mensual de noviembre de 2026' });
    await dialog.getByLabel('Frase de acceso del Jefe de la Oficina').fill(KNOWN.headPass);
    await h.checkAccessibility('firmar el informe');
    await page().screenshot({ path: join(SCREENSHOTS, '92-firmar-informe.png') });
    await dialog.getByRole('button', { name: 'Firmar e imprimir' }).click();
    const signed = page().getByTestId('report-signed');
    await signed.waitFor({ timeout: 60_000 });
    const words = (await signed.textContent()) ?? '';
    const match = /^Informe firmado y guardado\. Huella de la clave: ([0-9A-F-]+)\. SHA-256: ([0-9a-f]{64})\.$/.exec(words);
    expect(match, words).not.toBeNull();
    signedFingerprint = match![1]!;
    expect(signedFingerprint).toBe(fingerprintOf('head'));
    expect(saved.at(-1)).toMatch(/informe-mensual-OCZQX-2026-11\.pdf$/);
    await h.checkAccessibility('informe firmado');
    await h.screenshot('93-informe-firmado');
  });

  it('the PDF reads back with the figures, the signer’s fingerprint and the chain head; its first page is rendered', async () => {
    const pdf = saved.at(-1)!;
    const text = pdfText(pdf);
    expect(text).toContain('INFORME MENSUAL DE CUSTODIA DE CREDENCIALES');
    expect(text).toContain('Mes de noviembre de 2026');
    expect(text).not.toContain('BORRADOR');
    expect(text).toContain('4 de 5 cambios autorizados: 80 %');
    expect(text).toContain(signedFingerprint);
    const json = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.json'), 'utf8')) as { report: { audit: { head: string } } };
    expect(text.replace(/ /g, '')).toContain(json.report.audit.head);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENSHOTS, '94-informe-mensual-pdf')]);
    expect(existsSync(join(SCREENSHOTS, '94-informe-mensual-pdf-1.png'))).toBe(true);
  });

  it('`node scripts/verify-report.mjs` verifies the JSON and prints the fingerprint the screen showed', () => {
    const json = saved.at(-1)!.replace(/\.pdf$/, '.json');
    const result = verify(json);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('FIRMA VÁLIDA: informe mensual 2026-11');
    expect(result.stdout).toContain(`clave de huella ${signedFingerprint}`);
    expect(result.stdout).toContain('cambios de credenciales autorizados: 4 de 5 (80 %); hechos fuera de Custodia: 1.');
    // With the office's published key (its fingerprint, as the screen shows it): still valid.
    expect(verify(json, '--key', signedFingerprint).status).toBe(0);
  });

  it('one changed figure, or another key, makes the verifier fail with a clear message', () => {
    const json = saved.at(-1)!.replace(/\.pdf$/, '.json');
    const signed = JSON.parse(readFileSync(json, 'utf8')) as { report: { figures: { changes: { authorized: number } } } };
    signed.report.figures.changes.authorized = 5;
    const altered = join(dirname(json), 'informe-alterado.json');
    writeFileSync(altered, JSON.stringify(signed, null, 2));
    const tampered = verify(altered);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('FIRMA NO VÁLIDA');
    const otherKey = verify(json, '--key', fingerprintOf('administrator'));
    expect(otherKey.status).toBe(2);
    expect(otherKey.stderr).toContain(`CLAVE DISTINTA: el informe está firmado con la clave de huella ${signedFingerprint}`);
  });

  it('the signature is in the log; the log verifies', async () => {
    const events = h.services.vault.require().prepare("SELECT count(*) FROM audit_events WHERE action = 'report.signed'").pluck().get();
    expect(events).toBe(1);
    expect(h.services.audit.verify().ok).toBe(true);
    await h.lock();
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
