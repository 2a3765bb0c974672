import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, FORM_A, KNOWN, SECRETS, foundingRequest, keyholderId } from '../fixtures/vault';
import { openHarness, type Harness } from './harness';

/**
 * Issue 3's journey, in Spanish: the administrator requests the alta of a Facebook page and its mailbox
 * with their Formulario A (a gmail login is refused citing SEC-2), the head authorizes them (issue 17,
 * LIFE-1), the administrator proposes a password, locks; the head unlocks, sees the
 * request and authorizes it with their passphrase; the administrator reveals it, sees it hidden
 * again after the timeout and confirms it applied on the platform; the history names both people.
 */
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.services.setup.create(foundingRequest()); // the ceremony itself is covered by the foundation journey
  await h.page.clock.install();
  await h.page.reload();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(() => h.close());

/** Formulario A, as the administrator fills it in on the alta form (LIFE-1). */
async function fillFormA() {
  await h.page.getByLabel('Descripción de la cuenta').fill(FORM_A.description);
  await h.page.getByLabel('Objetivo').fill(FORM_A.objective);
  await h.page.getByLabel('Plan de publicaciones (resumen)').fill(FORM_A.postingPlan);
  await h.page.getByLabel('Indicadores').fill(FORM_A.indicators);
}

/** The head authorizes an alta at the workstation (the co-sign dialog itself is exercised below, on the password). */
async function authorizeAlta(displayName: string) {
  const request = h.services.cosign.pending().find((p) => p.kind === 'account.create' && p.account?.displayName === displayName)!;
  await h.services.cosign.approveWithPassphrase(request.id, keyholderId(h.services, 'head'), KNOWN.headPass);
}

describe('accounts and co-signed password (es)', () => {
  it('requests the alta of the institutional mailbox: «en trámite» until the head authorizes it', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Cuentas' }).click();
    await page.getByRole('button', { name: 'Registrar cuenta' }).click();
    await page.getByLabel('Plataforma').selectOption('institutional_email');
    await page.getByLabel('Tipo de cuenta').selectOption('linked_email');
    await page.getByLabel('Nombre de la cuenta').fill(ACCOUNTS.mailbox.displayName);
    await page.getByLabel('Usuario de acceso (correo institucional)').fill(ACCOUNTS.mailbox.loginIdentifier);
    await fillFormA();
    await page.getByRole('button', { name: 'Solicitar el alta' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ACCOUNTS.mailbox.displayName) }).waitFor();
    await page.getByText('En trámite: el alta espera la autorización del Jefe de la Oficina.').waitFor();
    await h.checkAccessibility('detalle de cuenta');
    await authorizeAlta(ACCOUNTS.mailbox.displayName);
  });

  it('refuses a gmail login for the Facebook page, citing SEC-2, then registers it with the institutional one', async () => {
    const { page } = h;
    await page.getByRole('button', { name: /Volver al registro/ }).click();
    await page.getByRole('button', { name: 'Registrar cuenta' }).click();
    await page.getByLabel('Plataforma').selectOption('facebook');
    await page.getByLabel('Nombre de la cuenta').fill(ACCOUNTS.facebook.displayName);
    await page.getByLabel('Usuario (@)').fill(ACCOUNTS.facebook.handle);
    await page.getByLabel('Dirección del perfil (https://…)').fill(ACCOUNTS.facebook.profileUrl);
    await page.getByLabel('Usuario de acceso (correo institucional)').fill('prensa.zafiroquinta@gmail.com');
    await page.getByLabel('Correo vinculado').selectOption({ label: ACCOUNTS.mailbox.displayName });
    await fillFormA();
    await page.getByRole('button', { name: 'Solicitar el alta' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('El correo de «gmail.com» es de un proveedor gratuito: use un correo institucional. · Regla SEC-2');
    await h.checkAccessibility('registro de cuenta');
    await h.screenshot('10-sec2-gmail-rechazado');
    await page.getByLabel('Usuario de acceso (correo institucional)').fill(ACCOUNTS.facebook.loginIdentifier);
    await page.getByRole('button', { name: 'Solicitar el alta' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ACCOUNTS.facebook.displayName) }).waitFor();
    await authorizeAlta(ACCOUNTS.facebook.displayName);
    // Read again once authorized: the page is in force.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(ACCOUNTS.facebook.displayName) }).waitFor();
    expect(await page.getByText(`${ACCOUNTS.mailbox.displayName} <${ACCOUNTS.mailbox.loginIdentifier}>`).count()).toBe(1);
  });

  it('a typed password that resembles a name is refused at once, in Spanish, citing POL-2; a generated one passes', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Contraseña', exact: true }).click();
    const field = page.getByLabel('Nueva contraseña', { exact: true });
    await field.fill('Zafiroquinta#2026xQ!');
    const feedback = page.getByRole('status').filter({ hasText: 'Regla POL-2' });
    await feedback.waitFor();
    expect(await feedback.textContent()).toBe(
      'Contiene el nombre «Zafiroquinta»: no use nombres de personas, de la institución, de sus cuentas ni de plataformas. · Regla POL-2',
    );
    await h.screenshot('10b-politica-nombre');
    await page.getByRole('button', { name: 'Generar una contraseña' }).click();
    await page.getByText('Contraseña generada: cumple la política.', { exact: false }).waitFor();
    const generated = await field.inputValue();
    expect(generated).toHaveLength(20);
    expect(h.services.policy.check(h.services.accounts.list(ACCOUNTS.facebook.displayName)[0]!.id, generated)).toBeNull();
  });

  it('the administrator proposes a password; it is not current until authorized', async () => {
    const { page } = h;
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(SECRETS[0]);
    await page.getByText('Cumple la política de contraseñas.').waitFor();
    await page.getByRole('button', { name: 'Enviar para autorización' }).click();
    await page.getByText('Propuesta enviada. El Jefe de la Oficina debe autorizarla con su frase de acceso.').waitFor();
    await page.getByText('Aún no tiene una contraseña autorizada.').waitFor();
    await page.getByText('1 solicitud pendiente de autorización.').waitFor();
    await h.screenshot('11-propuesta');
  });

  it('the head unlocks, sees the request and authorizes it with their passphrase', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const request = page
      .getByRole('region', { name: 'Solicitudes pendientes de autorización' })
      .getByRole('listitem')
      .filter({ hasText: ACCOUNTS.facebook.displayName });
    await request.waitFor();
    expect(await request.textContent()).toContain(`Propuesta por ${KNOWN.administrator} (Administrador de Cuentas)`);
    await h.screenshot('12-pendiente-jefe');
    await request.getByRole('button', { name: 'Autorizar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Autorizar el cambio de contraseña' });
    await h.checkAccessibility('diálogo de autorización');
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await h.screenshot('13-dialogo-autorizacion');
    await dialog.getByRole('button', { name: 'Autorizar' }).click();
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
    await page.getByText('No hay solicitudes que esperen su decisión.').waitFor();
  });

  it('the administrator reveals the authorized password, it is hidden again after 30 s, and they confirm it applied', async () => {
    const { page } = h;
    await h.lock();
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await page.getByRole('button', { name: 'Cuentas' }).click();
    await page.getByLabel('Buscar por nombre, usuario o plataforma').fill('pagina oficial');
    await page.getByRole('button', { name: new RegExp(ACCOUNTS.facebook.displayName) }).click();
    await page.getByRole('link', { name: 'Contraseña', exact: true }).click();
    await page.getByRole('button', { name: 'Revelar' }).click();
    const secret = page.getByTestId('revealed-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toBe(SECRETS[0]);
    await h.screenshot('14-revelada');
    await page.clock.runFor(31_000);
    await secret.waitFor({ state: 'detached' });
    expect(await page.getByText(SECRETS[0]).count()).toBe(0);
    const exposures = h.services.vault.require().prepare('SELECT how FROM exposures').pluck().all();
    expect(exposures).toEqual(['revealed']);
    await page.getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
    await page.getByText('Aplicada. Próximo vencimiento:', { exact: false }).waitFor();
    await page.getByText('Al día', { exact: true }).waitFor();
  });

  it('the account page and the history show who proposed and who authorized', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Historial', exact: true }).click();
    const row = page.getByRole('row', { name: /Alta/ });
    expect(await row.textContent()).toContain(KNOWN.administrator);
    expect(await row.textContent()).toContain(KNOWN.head);
    await page.getByRole('button', { name: 'Historial de cambios' }).click();
    const history = page.getByRole('row', { name: new RegExp(ACCOUNTS.facebook.displayName) });
    await history.waitFor();
    expect(await history.textContent()).toMatch(new RegExp(`${KNOWN.administrator}.*${KNOWN.head}`));
    await h.checkAccessibility('historial');
    await h.screenshot('15-historial');
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
