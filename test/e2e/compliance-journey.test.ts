import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, type Harness } from './harness';

/**
 * Issue 17's compliance journey (SUP-1), in Spanish: an office with two real problems — the
 * Facebook page's password, applied 21 days ago, is overdue by the injected clock (POL-4), and
 * Instagram is recorded without two-step verification (SEC-1). The home screen counts the red
 * cells; «Cumplimiento» shows each red cell with its reason and a link to the screen that fixes
 * it; the administrator follows the links — the co-signed rotation (the head authorizes it in the
 * co-sign dialog, the administrator confirms it applied) and the second step recorded — and each
 * cell turns green, the counts on the home screen falling with them.
 */
const NOW = Date.parse('2026-11-22T15:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const APPLIED = NOW - 21 * DAY;
const INSTAGRAM = { platform: 'instagram', kind: 'principal', displayName: 'Instagram Zafiroquinta', handle: '@zafiroquinta' } as const;
const FACEBOOK = ACCOUNTS.facebook.displayName;
let clock = APPLIED;
let h: Harness;

beforeAll(async () => {
  h = await openHarness({ clock: () => new Date(clock) });
  const { services } = h;
  await services.setup.create(foundingRequest());
  const admin = services.sessions.require();
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  // 21 days ago: both altas authorized (LIFE-1), the page's first password applied; its second step on a device.
  const facebook = registerAccount(services, admin, head, ACCOUNTS.facebook);
  const instagram = registerAccount(services, admin, head, INSTAGRAM);
  services.cosign.approve(services.cosign.propose(admin, { accountId: facebook, secret: freshSecret(), reason: 'creation' }).requestId, head);
  services.rotation.confirmApplied(admin, facebook);
  services.twoStep.update(admin, facebook, { method: 'totp_device' });
  // Yesterday: Instagram's first password applied, and its second step recorded as none.
  clock = NOW - DAY;
  services.cosign.approve(services.cosign.propose(admin, { accountId: instagram, secret: freshSecret(), reason: 'creation' }).requestId, head);
  services.rotation.confirmApplied(admin, instagram);
  services.twoStep.update(admin, instagram, { method: 'none' });
  services.sessions.release(head);
  services.sessions.lock('manual');
  clock = NOW;
  await h.page.clock.install({ time: NOW });
  await h.page.reload();
});
afterAll(() => h.close());

const page = () => h.page;
const accountRow = (name: string) =>
  page()
    .getByRole('row')
    .filter({ has: page().getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
const cell = (name: string, rule: string) => accountRow(name).locator(`td[data-rule="${rule}"]`);
const homeCounts = () => page().getByTestId('home-compliance');
const day = (ms: number) => new Intl.DateTimeFormat('es-PE', { dateStyle: 'short', timeZone: 'America/Lima' }).format(ms);

/** What the home screen must say, from the service's own counts (the screen is what is under test, not the arithmetic). */
function expectedHomeLine(): string {
  const { counts } = h.services.compliance.summary(h.services.sessions.require());
  return `${counts.red} celdas en rojo (${counts.accountsRed} cuentas, ${counts.peopleRed} personas) y ${counts.amber} en ámbar. Ver el cumplimiento`;
}

async function home(): Promise<void> {
  await page().getByRole('button', { name: 'Inicio' }).click();
  await page()
    .getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) })
    .waitFor();
}

async function openCompliance(): Promise<void> {
  await page().getByRole('button', { name: 'Cumplimiento', exact: true }).click();
  await page().getByRole('heading', { level: 1, name: 'Cumplimiento' }).waitFor();
}

let redAtStart: number;

describe('the compliance view: red cells, their reasons, the links that fix them (es)', () => {
  it('the home screen counts the red cells and leads to «Cumplimiento»', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    const line = (await homeCounts().textContent()) ?? '';
    expect(line).toBe(expectedHomeLine());
    redAtStart = Number(/^(\d+) celdas en rojo/.exec(line)?.[1]);
    // Exactly the two problems set up: the overdue page and Instagram without a second step.
    expect(line).toMatch(/^2 celdas en rojo \(2 cuentas, 0 personas\) y \d+ en ámbar\. Ver el cumplimiento$/);
    await h.screenshot('80-inicio-cumplimiento');
    await homeCounts().getByRole('link', { name: 'Ver el cumplimiento' }).click();
    await page().getByRole('heading', { level: 1, name: 'Cumplimiento' }).waitFor();
  });

  it('«Cumplimiento» shows each red cell with its reason and its link; green cells say so in words', async () => {
    await page().getByRole('heading', { level: 2, name: 'Cuentas × reglas' }).waitFor();
    const interval = h.services.rotation.settings().rotationIntervalDays;
    const overdue = cell(FACEBOOK, 'POL-4');
    expect(await overdue.locator('.compliance-state').textContent()).toBe('No cumple');
    expect(await overdue.locator('.compliance-reasons').textContent()).toBe(`Cambio vencido desde el ${day(APPLIED + interval * DAY)}.`);
    await overdue.getByRole('link', { name: `Corregir POL-4 en ${FACEBOOK}` }).waitFor();
    const noTwoStep = cell(INSTAGRAM.displayName, 'SEC-1');
    expect(await noTwoStep.locator('.compliance-state').textContent()).toBe('No cumple');
    expect(await noTwoStep.locator('.compliance-reasons').textContent()).toBe('La verificación en dos pasos está desactivada.');
    // The same rules on the other account hold, and say so in words, without a link.
    for (const [name, rule] of [
      [INSTAGRAM.displayName, 'POL-4'],
      [FACEBOOK, 'SEC-1'],
    ] as const) {
      expect(await cell(name, rule).locator('.compliance-state').textContent()).toBe('Cumple');
      expect(await cell(name, rule).getByRole('link').count()).toBe(0);
    }
    // Every non-green cell names its reason, and every red one leads somewhere.
    const reds = page().locator('td.compliance-red');
    expect(await reds.count()).toBe(redAtStart);
    for (const red of await reds.all()) {
      expect(((await red.locator('.compliance-reasons').textContent()) ?? '').length).toBeGreaterThan(0);
      expect(await red.getByRole('link', { name: /^Corregir / }).count()).toBe(1);
    }
    // The rules that are procedure, not facts, are listed as such.
    await page().getByRole('heading', { level: 3, name: 'Reglas de procedimiento (no se evalúan con los datos de la bóveda)' }).waitFor();
    await page().getByText('Se cumple con el informe mensual firmado.', { exact: false }).waitFor();
    await h.checkAccessibility('cumplimiento');
    await h.screenshot('81-cumplimiento-en-rojo');
  });

  it('POL-4’s link leads to the page’s password, overdue; the administrator proposes the rotation', async () => {
    await cell(FACEBOOK, 'POL-4')
      .getByRole('link', { name: `Corregir POL-4 en ${FACEBOOK}` })
      .click();
    await page()
      .getByRole('heading', { level: 1, name: new RegExp(FACEBOOK) })
      .waitFor();
    await page().getByRole('heading', { level: 2, name: 'Contraseña vigente' }).waitFor();
    expect(await page().getByTestId('deadline').textContent()).toContain('Vencida');
    await page().getByRole('button', { name: 'Generar una contraseña' }).click();
    await page().getByText('Contraseña generada: cumple la política.', { exact: false }).waitFor();
    await page().getByRole('button', { name: 'Enviar para autorización' }).click();
    await page().getByText('Propuesta enviada.', { exact: false }).waitFor();
    await h.screenshot('82-cumplimiento-corregir-pol4');
    await h.lock();
  });

  it('the head authorizes it in the co-sign dialog; authorized is not applied, so POL-4 stays red', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const pending = page().getByRole('region', { name: 'Solicitudes pendientes de autorización' });
    await pending
      .getByRole('listitem')
      .filter({ hasText: `${FACEBOOK} (Facebook): nueva contraseña — Rotación programada` })
      .getByRole('button', { name: /^Autorizar…/ })
      .click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar el cambio de contraseña' });
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
    // The head reads the same matrix (SUP-1: both supervise).
    await openCompliance();
    expect(await cell(FACEBOOK, 'POL-4').locator('.compliance-state').textContent()).toBe('No cumple');
    expect(await cell(FACEBOOK, 'POL-4').locator('.compliance-reasons').textContent()).toMatch(/^Cambio vencido desde el /);
    await h.lock();
  });

  it('the administrator confirms it applied: POL-4 turns green, without a link', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openCompliance();
    await cell(FACEBOOK, 'POL-4')
      .getByRole('link', { name: `Corregir POL-4 en ${FACEBOOK}` })
      .click();
    await page().getByRole('heading', { name: 'Contraseña autorizada, por aplicar' }).waitFor();
    await page().getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
    await page().getByText('Aplicada. Próximo vencimiento:', { exact: false }).waitFor();
    await openCompliance();
    await cell(FACEBOOK, 'POL-4').locator('.compliance-state').filter({ hasText: 'Cumple' }).waitFor();
    expect(await cell(FACEBOOK, 'POL-4').locator('.compliance-reasons').count()).toBe(0);
    expect(await cell(FACEBOOK, 'POL-4').getByRole('link').count()).toBe(0);
    expect(await page().locator('td.compliance-red').count()).toBe(redAtStart - 1);
  });

  it('SEC-1’s link leads to Instagram’s second step; recording it turns the cell green', async () => {
    await cell(INSTAGRAM.displayName, 'SEC-1')
      .getByRole('link', { name: `Corregir SEC-1 en ${INSTAGRAM.displayName}` })
      .click();
    await page().getByRole('heading', { name: 'Verificación en dos pasos' }).waitFor();
    await page().getByTestId('two-step-findings').getByText('La cuenta no tiene verificación en dos pasos.', { exact: false }).waitFor();
    await page().getByLabel('Segundo paso').selectOption({ label: 'Llave de seguridad' });
    await page().getByRole('button', { name: 'Guardar', exact: true }).click();
    await page().getByTestId('two-step-findings').getByText('La cuenta no tiene verificación en dos pasos.', { exact: false }).waitFor({ state: 'detached' });
    await openCompliance();
    await cell(INSTAGRAM.displayName, 'SEC-1').locator('.compliance-state').filter({ hasText: 'Cumple' }).waitFor();
    expect(await page().locator('td.compliance-red').count()).toBe(redAtStart - 2);
    await h.checkAccessibility('cumplimiento corregido');
    await h.screenshot('83-cumplimiento-corregido');
  });

  it('the home screen’s counts fall with them', async () => {
    await home();
    await homeCounts()
      .filter({ hasText: /^0 celdas en rojo/ })
      .waitFor();
    expect(await homeCounts().textContent()).toBe(expectedHomeLine());
    expect(await homeCounts().textContent()).toMatch(/^0 celdas en rojo \(0 cuentas, 0 personas\) y \d+ en ámbar\./);
    await h.screenshot('84-inicio-cumplimiento-corregido');
    expect(h.services.audit.verify().ok).toBe(true);
    await h.lock();
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
