import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, SCREENSHOTS, type Harness } from './harness';

/**
 * Issue 13's journey, in Spanish, two keyholders at one workstation: the administrator proposes a
 * rotation and a settings change; a second rotation of the same account is refused with a link to
 * the first; the head unlocks — keyboard only from here — sees both waiting, reads in the dialog
 * what each signs, authorizes the settings change and rejects the rotation with a reason, and is
 * never offered a proposal form; the administrator unlocks and reads the rejection and its reason
 * on the home screen and on the account page; the audit screen words these events, filters by
 * account, verifies the chain, exports the list as CSV, and the home count is the log's on disk.
 */
const REJECTION = 'La rotación espera a la entrega de cargo del lunes; propóngala después del acta.';
let h: Harness;
let accountId: string;
let proposedSecret: string;

beforeAll(async () => {
  h = await openHarness();
  const { services } = h;
  // The past, through the services: the page has its first password, applied.
  await services.setup.create(foundingRequest());
  const admin = services.sessions.require();
  // Its alta, authorized by the head (LIFE-1).
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  accountId = registerAccount(services, admin, head, ACCOUNTS.facebook);
  services.sessions.release(head);
  const { requestId } = services.cosign.propose(admin, { accountId, secret: freshSecret(), reason: 'creation' });
  await services.cosign.approveWithPassphrase(requestId, keyholderId(services, 'head'), KNOWN.headPass);
  services.rotation.confirmApplied(admin, accountId);
  services.sessions.lock('manual');
  await h.page.reload();
});
afterAll(() => h.close());

const eventsOnDisk = () => h.services.vault.require().prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number;
const pending = () => h.page.getByRole('region', { name: 'Solicitudes pendientes de autorización' });
const mine = () => h.page.getByRole('region', { name: 'Sus solicitudes' });
const proposalForms = () => h.page.getByRole('button', { name: /Enviar para autorización|Generar una contraseña|^Rotar/ });

/** Goes to an address of the app as a typed or bookmarked one would (hash routing: no reload). */
const openAddress = (hash: string) => h.page.evaluate((to) => (window.location.hash = to), hash);

/** Presses Tab until `target` has the focus: what a person without a mouse does. */
async function tabTo(target: Locator, max = 80): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await h.page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

describe('the head reviews what they sign; the proposer learns the outcome (es)', () => {
  it('the administrator proposes a rotation of the page, with a note for the head', async () => {
    const { page } = h;
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await page.getByRole('button', { name: `Abrir: ${ACCOUNTS.facebook.displayName}` }).click();
    await page.getByRole('link', { name: 'Contraseña', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Contraseña', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: 'Generar una contraseña' }).click();
    await page.getByText('Contraseña generada: cumple la política.', { exact: false }).waitFor();
    proposedSecret = await page.getByLabel('Nueva contraseña', { exact: true }).inputValue();
    await page.getByLabel('Nota para el Jefe de la Oficina (opcional)').fill('Rotación programada de noviembre');
    await page.getByRole('button', { name: 'Enviar para autorización' }).click();
    await page.getByText('Propuesta enviada.', { exact: false }).waitFor();
    await page.getByText('1 solicitud pendiente de autorización.').waitFor();
  });

  it('and a settings change', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Configuración' }).click();
    await page.getByLabel('Aviso previo al vencimiento (días)').fill('5');
    await page.getByLabel('Motivo del cambio (opcional)').fill('Más margen para coordinar con las áreas');
    await page.getByRole('button', { name: 'Enviar para autorización' }).click();
    await page.getByText('Propuesta enviada. El Jefe de la Oficina debe autorizarla en Inicio.').waitFor();
  });

  it('a second rotation of the same account is refused, with a link to the first request', async () => {
    const { page } = h;
    await openAddress(`#/accounts/${accountId}/password`);
    await page.getByRole('button', { name: 'Generar una contraseña' }).click();
    await page.getByText('Contraseña generada: cumple la política.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Enviar para autorización' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ya hay una solicitud abierta' }).waitFor();
    await h.checkAccessibility('propuesta duplicada');
    await h.screenshot('40-propuesta-duplicada');
    await page.getByRole('link', { name: 'Ver la solicitud abierta' }).click();
    await page.getByRole('heading', { level: 1, name: 'Solicitud' }).waitFor();
    await page.locator('.request-facts').getByText(`usuario ${ACCOUNTS.facebook.handle}`).waitFor();
    const facts = await page.locator('.request-facts').textContent();
    expect(facts).toContain(`${ACCOUNTS.facebook.displayName} (Facebook) · usuario ${ACCOUNTS.facebook.handle}`);
    expect(facts).toContain('Versión 1 → versión 2');
    expect(facts).toContain('«Rotación programada de noviembre»');
    expect(h.services.vault.require().prepare("SELECT COUNT(*) FROM change_requests WHERE status = 'pending'").pluck().get()).toBe(2);
    await h.lock();
  });

  it('the head unlocks with the keyboard alone and sees both requests waiting', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    // From here on, no pointer: every pointer press on the page is counted.
    await page.evaluate(() => {
      const w = window as unknown as { pointerPresses: number };
      w.pointerPresses = 0;
      for (const type of ['pointerdown', 'mousedown']) window.addEventListener(type, () => (w.pointerPresses += 1), { capture: true });
    });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('unlock-passphrase');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /Jefe de la Oficina/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type(KNOWN.headPass);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
    await pending().getByText('2 solicitudes esperan su decisión.').waitFor();
    expect(await pending().getByRole('listitem').filter({ hasText: 'Cambio de configuración' }).textContent()).toContain(
      'Aviso previo al vencimiento (días): 3 → 5',
    );
    const rotation = pending().getByRole('listitem').filter({ hasText: ACCOUNTS.facebook.displayName }).first();
    expect(await rotation.textContent()).toContain(`Propuesta por ${KNOWN.administrator} (Administrador de Cuentas)`);
    expect(await rotation.getByTestId('request-status').textContent()).toMatch(/^Vence el .+; quedan \d+ horas\. La decide el Jefe de la Oficina\.$/);
    expect(await proposalForms().count()).toBe(0);
    await h.checkAccessibility('inicio del jefe');
    await h.screenshot('41-jefe-pendientes');
  });

  it('the dialog states what is signed: account, change, from → to, reason, proposer, expiry; the head authorizes the settings change', async () => {
    const { page } = h;
    await tabTo(pending().getByRole('button', { name: 'Autorizar… Cambio de configuración' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Autorizar el cambio de configuración' });
    await dialog.waitFor();
    const facts = (await dialog.locator('.request-facts').textContent())!;
    expect(facts).toContain('Toda la institución (configuración)');
    expect(facts).toContain('Aviso previo al vencimiento (días): 3 → 5');
    expect(facts).toContain('«Más margen para coordinar con las áreas»');
    expect(facts).toContain(`${KNOWN.administrator} (Administrador de Cuentas), el `);
    // Only who may decide is offered: the head, already chosen since nobody else may.
    expect(await dialog.getByRole('radio').count()).toBe(1);
    expect(await dialog.getByRole('radio', { name: new RegExp(KNOWN.head) }).isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.keyboard.type(KNOWN.headPass);
    await page.keyboard.press('Enter');
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
    expect(h.services.rotation.settings().rotationWarningDays).toBe(5);
  });

  it('in the rotation’s dialog the head reads the password change and rejects it with a reason', async () => {
    const { page } = h;
    await pending().getByText('1 solicitud espera su decisión.').waitFor();
    await tabTo(pending().getByRole('button', { name: `Autorizar… ${ACCOUNTS.facebook.displayName}` }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Autorizar el cambio de contraseña' });
    await dialog.locator('.request-facts').getByText(`usuario ${ACCOUNTS.facebook.handle}`).waitFor();
    const facts = (await dialog.locator('.request-facts').textContent())!;
    expect(facts).toContain(`${ACCOUNTS.facebook.displayName} (Facebook) · usuario ${ACCOUNTS.facebook.handle}`);
    expect(facts).toContain(`${ACCOUNTS.facebook.displayName} (Facebook): nueva contraseña — Rotación programada`);
    expect(facts).toContain('Versión 1 → versión 2: una contraseña nueva reemplaza a la vigente.');
    expect(facts).toContain('Es nueva: no se usó antes en esta ni en otra cuenta (POL-3)');
    expect(facts).toContain('«Rotación programada de noviembre»');
    expect(facts).toContain(`${KNOWN.administrator} (Administrador de Cuentas), el `);
    expect(facts).toMatch(/Vence el .+; quedan \d+ horas\./);
    expect(await page.content()).not.toContain(proposedSecret);
    await h.checkAccessibility('diálogo de autorización');
    // The dialog as the head sees it on the screen (a full-page capture would stretch the page behind it).
    await page.screenshot({ path: `${SCREENSHOTS}42-dialogo-autorizacion.png` });
    // Tab and Shift+Tab stay inside the dialog: past its last control (Autorizar waits for the passphrase) comes its first.
    const rejectInstead = dialog.getByRole('button', { name: 'Rechazar con un motivo…' });
    const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);
    await tabTo(rejectInstead);
    await page.keyboard.press('Tab');
    expect(await isFocused(dialog.getByRole('radio', { name: new RegExp(KNOWN.head) }))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(rejectInstead)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Rechazar el cambio de contraseña' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(REJECTION);
    await page.keyboard.press('Tab');
    await page.keyboard.type(KNOWN.headPass);
    await page.screenshot({ path: `${SCREENSHOTS}43-dialogo-rechazo.png` });
    await page.keyboard.press('Enter');
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
    await pending().getByText('No hay solicitudes que esperen su decisión.').waitFor();
  });

  it('the head is never offered a proposal: not on the account’s password, not in settings', async () => {
    const { page } = h;
    await tabTo(page.getByRole('button', { name: `Abrir: ${ACCOUNTS.facebook.displayName}` }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Contraseña vigente' }).waitFor();
    expect(await page.getByLabel('Nueva contraseña', { exact: true }).count()).toBe(0);
    expect(await proposalForms().count()).toBe(0);
    expect(await page.getByTestId('role-note').textContent()).toBe(
      'Proponer una nueva contraseña: la solicitud la presenta el Administrador de Cuentas o el Administrador de respaldo. La autoriza el Jefe de la Oficina.',
    );
    await tabTo(page.getByRole('button', { name: 'Configuración' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
    expect(await page.getByRole('spinbutton').count()).toBe(0);
    expect(await proposalForms().count()).toBe(0);
    await tabTo(page.getByRole('button', { name: 'Inicio' }));
    await page.keyboard.press('Enter');
    await tabTo(page.getByRole('button', { name: 'Bloquear' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(0);
  });

  it('the administrator reads the rejection, by whom and why, on the home screen and on the account page', async () => {
    const { page } = h;
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    const rejected = mine().getByRole('listitem').filter({ hasText: ACCOUNTS.facebook.displayName }).first();
    await rejected.getByText('Rechazada', { exact: true }).waitFor();
    expect(await rejected.getByTestId('request-status').textContent()).toMatch(new RegExp(`^Rechazada por ${KNOWN.head} el .+\\.$`));
    expect(await rejected.getByTestId('rejection-reason').textContent()).toBe(`Motivo del rechazo: «${REJECTION}»`);
    expect(await mine().getByRole('listitem').filter({ hasText: 'Cambio de configuración' }).first().getByTestId('request-status').textContent()).toMatch(
      new RegExp(`^Autorizada por ${KNOWN.head} el .+ y aplicada\\.$`),
    );
    await h.checkAccessibility('inicio del administrador');
    await h.screenshot('44-rechazo-en-inicio');
    await rejected.getByRole('link', { name: `Abrir ${ACCOUNTS.facebook.displayName}` }).click();
    await page.getByRole('link', { name: 'Resumen' }).click();
    const onAccount = page.getByRole('region', { name: 'Solicitudes de esta cuenta' }).getByRole('listitem').filter({ hasText: 'Rechazada' }).first();
    expect(await onAccount.getByTestId('rejection-reason').textContent()).toBe(`Motivo del rechazo: «${REJECTION}»`);
    await h.checkAccessibility('resumen de la cuenta');
    await h.screenshot('45-cuenta-secciones');
    for (const [section, heading] of [
      ['Doble factor', 'Verificación en dos pasos'],
      ['Distribución', 'Entrega de la contraseña (regla POL-6)'],
      ['Historial', 'Versiones de la contraseña'],
    ] as const) {
      await page.getByRole('link', { name: section }).click();
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Entrega de la contraseña (regla POL-6)' }).waitFor();
  });

  it('the audit screen words these events, filters by account, verifies the chain, and the home count is the log on disk', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Inicio' }).click();
    expect(await page.getByTestId('home-event-count').textContent()).toBe(`${eventsOnDisk()} eventos firmados`);
    await page.getByRole('button', { name: 'Registro de auditoría' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
    await page
      .getByTestId('audit-verification')
      .filter({ hasText: `Registro íntegro: ${eventsOnDisk()} eventos verificados.` })
      .waitFor();
    const list = page.getByRole('list', { name: 'Eventos del registro' });
    for (const sentence of [
      `${KNOWN.administrator} propuso el cambio de contraseña en «${ACCOUNTS.facebook.displayName}».`,
      `${KNOWN.administrator} propuso el cambio de configuración.`,
      `${KNOWN.head} autorizó el cambio de configuración.`,
      `${KNOWN.head} rechazó el cambio de contraseña en «${ACCOUNTS.facebook.displayName}».`,
      `${KNOWN.head} desbloqueó la bóveda.`,
    ]) {
      await list.getByText(sentence).first().waitFor();
    }
    await h.screenshot('46-registro-auditoria');
    const newest = list.getByRole('listitem').first();
    expect(await newest.textContent()).toMatch(new RegExp(`^n\\.º ${eventsOnDisk()}.+[0-9a-f]{12}Firma válida$`));
    await page.getByLabel('Cuenta', { exact: true }).selectOption({ label: ACCOUNTS.facebook.displayName });
    const onAccount = h.services.vault
      .require()
      .prepare("SELECT COUNT(*) FROM audit_events WHERE json_extract(subjects, '$.account') = ?")
      .pluck()
      .get(accountId) as number;
    await page
      .getByTestId('audit-matched')
      .filter({ hasText: `${onAccount} eventos coinciden de ${eventsOnDisk()} en el registro.` })
      .waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: 'configuración' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Verificar el registro' }).click();
    await page
      .getByTestId('audit-verification')
      .filter({ hasText: `${eventsOnDisk()} eventos verificados` })
      .waitFor();
    await h.checkAccessibility('registro de auditoría');
    await h.screenshot('47-registro-filtrado-por-cuenta');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar a CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-oczqx-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('n.º,fecha y hora,zona horaria,custodio,rol,acción,descripción,cuenta,persona,huella,firma');
    expect(lines).toHaveLength(onAccount + 1);
    expect(csv).toContain(`credential.rotate.rejected,${KNOWN.head} rechazó el cambio de contraseña en «${ACCOUNTS.facebook.displayName}».`);
    await page.getByText(`Se exportaron ${onAccount} eventos a ${download.suggestedFilename()}.`).waitFor();
  });

  it('the home count and head follow every action', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Inicio' }).click();
    const before = eventsOnDisk();
    expect(await page.getByTestId('home-event-count').textContent()).toBe(`${before} eventos firmados`);
    await openAddress(`#/accounts/${accountId}/password`);
    await page.getByRole('button', { name: 'Revelar' }).first().click();
    await page.getByTestId('revealed-secret').waitFor();
    expect(eventsOnDisk()).toBe(before + 1);
    await page.getByRole('button', { name: 'Inicio' }).click();
    expect(await page.getByTestId('home-event-count').textContent()).toBe(`${before + 1} eventos firmados`);
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
