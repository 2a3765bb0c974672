import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffProfile } from '../fixtures/staff';
import { ACCOUNTS, KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, SCREENSHOTS, type Harness } from './harness';

/**
 * Issue 15's acceptance, in Spanish, at one workstation: the administrator registers a community
 * manager from an agency (tercerizado) and the head authorizes it; a role is refused citing ROLE-4;
 * the agreement and the internal contact are recorded (head authorizes); «Editor» on the Facebook
 * page is granted (head authorizes, the administrator confirms it applied); an admin-level role is
 * refused citing ROLE-2; the page's password is delivered to them in person; they depart (head
 * authorizes); the checklist lists what they leave behind; the administrator proposes the tasks; the
 * head authorizes the revocation and the rotation in one batch; the administrator confirms both
 * applied and removes them from the distribution list; the person shows «Baja».
 */
const CM = {
  names: 'Maricielo',
  surnames: 'Ccahuana Poma',
  name: 'Maricielo Ccahuana Poma',
  documentId: '47125836',
  mobile: '+51 987 654 321',
  email: `mccahuana@${KNOWN.domain}`,
  company: 'Agencia Wayra Digital',
  agreement: 'AC-2026-014',
} as const;
const INSTAGRAM = { platform: 'instagram', kind: 'principal', displayName: 'Instagram Zafiroquinta', handle: '@zafiroquinta' } as const;

let h: Harness;
let facebookId: string;

beforeAll(async () => {
  h = await openHarness();
  const { services } = h;
  // The past, through the services: the page with its first password applied, a second profile,
  // and the administrator's own Formulario B (she will be the internal contact).
  await services.setup.create(foundingRequest());
  const admin = services.sessions.require();
  const head = keyholderId(services, 'head');
  // Their altas, authorized by the head (LIFE-1).
  const headActor = await services.sessions.authenticate(head, KNOWN.headPass);
  facebookId = registerAccount(services, admin, headActor, ACCOUNTS.facebook);
  registerAccount(services, admin, headActor, INSTAGRAM);
  services.sessions.release(headActor);
  const { requestId } = services.cosign.propose(admin, { accountId: facebookId, secret: freshSecret(), reason: 'creation' });
  await services.cosign.approveWithPassphrase(requestId, head, KNOWN.headPass);
  services.rotation.confirmApplied(admin, facebookId);
  const own = services.staff.list().people.find((p) => p.keyholderId === admin.keyholderId)!;
  const record = services.staff.proposeRegister(admin, {
    personId: own.id,
    profile: staffProfile('Rosalinda', { surnames: 'Quispecahua Trelles', function: 'account_administrator', email: `rquispecahua@${KNOWN.domain}` }),
  });
  await services.cosign.approveWithPassphrase(record.requestId, head, KNOWN.headPass);
  services.sessions.lock('manual');
  await h.page.reload();
});
afterAll(() => h.close());

const page = () => h.page;
const pending = () => page().getByRole('region', { name: 'Solicitudes pendientes de autorización' });
const region = (name: string) => page().getByRole('region', { name });
const grantForm = () => page().getByRole('form', { name: 'Asignar un rol' });
const statusOf = (who: string) =>
  page()
    .getByRole('row')
    .filter({ has: page().getByRole('link', { name: who, exact: true }) });

/** Goes to an address of the app as a bookmarked one would (hash routing: no reload). */
const openAddress = (hash: string) => page().evaluate((to) => (window.location.hash = to), hash);

async function openPerson(): Promise<void> {
  await page().getByRole('button', { name: 'Personal', exact: true }).click();
  // The register's own page, before its rows: the account page left behind names the person too.
  await page().getByRole('heading', { level: 1, name: 'Personal' }).waitFor();
  await page().getByRole('link', { name: CM.name, exact: true }).click();
  await page().getByRole('heading', { level: 1, name: CM.name }).waitFor();
}

/** Types a day into a React Aria date field, segment by segment (day, month, year in Spanish). */
async function typeDate(field: Locator, ddmmyyyy: string): Promise<void> {
  await field.getByRole('spinbutton').first().click();
  await page().keyboard.type(ddmmyyyy);
}

/** The head authorizes, one at a time, the request whose card names `what`; the dialog is titled `title`. */
async function headAuthorizes(what: string, title: string, check?: (facts: string) => void): Promise<void> {
  await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
  await pending()
    .getByRole('button', { name: `Autorizar… ${what}` })
    .click();
  const dialog = page().getByRole('dialog', { name: title });
  await dialog.waitFor();
  check?.((await dialog.locator('.request-facts').textContent()) ?? '');
  await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
  await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
  await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
  await h.lock();
}

describe('a community manager from an agency, from registration to «Baja» (es)', () => {
  it('the administrator registers them with Formulario B: tercerizado, with the company', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await page().getByRole('button', { name: 'Personal', exact: true }).click();
    await page().getByRole('heading', { level: 1, name: 'Personal' }).waitFor();
    // The head is a keyholder known by name only: marked, with the way to complete the record.
    expect(await statusOf(KNOWN.head).textContent()).toContain('Ficha incompleta');
    await page()
      .getByRole('link', { name: `Completar Formulario B: ${KNOWN.head}` })
      .waitFor();
    await h.checkAccessibility('personal');
    await h.screenshot('50-personal');

    await page().getByRole('button', { name: 'Registrar a una persona' }).click();
    await page().getByRole('heading', { level: 1, name: 'Alta de personal (Formulario B)' }).waitFor();
    await page().getByLabel('Nombres').fill(CM.names);
    await page().getByLabel('Apellidos').fill(CM.surnames);
    await page().getByLabel('Cédula / DNI').fill(CM.documentId);
    await page().getByLabel('Celular').fill(CM.mobile);
    await page().getByLabel('Correo institucional').fill(CM.email);
    await page().getByLabel('Dependencia').fill('Oficina de Comunicaciones');
    await page().getByLabel('Función').selectOption({ label: 'Community manager' });
    expect(await page().getByLabel('Empresa').count()).toBe(0);
    await page().getByLabel('Tipo de vínculo').selectOption({ label: 'Tercerizado' });
    await page().getByLabel('Empresa').fill(CM.company);
    await page().getByRole('group', { name: 'Acuerdo de confidencialidad y contacto interno' }).waitFor();
    await h.checkAccessibility('formulario B');
    await h.screenshot('51-formulario-b');
    await page().getByRole('button', { name: 'Enviar para autorización' }).click();
    await page().getByText(`Solicitud enviada: ${CM.name} queda registrado`).waitFor();
    await h.lock();
  });

  it('the head authorizes the registration, reading who it is, their function and their link', async () => {
    await headAuthorizes(`Formulario B, alta: ${CM.name}`, 'Autorizar el Formulario B', (facts) =>
      expect(facts).toContain(`Nadie → ${CM.name} (Community manager, Tercerizado): entra al registro de personal.`),
    );
  });

  it('a role before the agreement and the internal contact is refused, citing ROLE-4', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openPerson();
    expect(await region('Datos (Formulario B)').textContent()).toContain(`Tercerizado — ${CM.company}`);
    await grantForm()
      .getByLabel('Cuenta', { exact: true })
      .selectOption({ label: `${ACCOUNTS.facebook.displayName} (Facebook)` });
    await grantForm().getByLabel('Rol en la plataforma').selectOption({ label: 'Editor (acceso parcial: contenido)' });
    await grantForm().getByRole('button', { name: 'Enviar para autorización' }).click();
    const refusal = grantForm().getByRole('alert');
    expect(await refusal.textContent()).toMatch(/acuerdo de confidencialidad y un contacto interno .+ · Regla ROLE-4$/);
    await h.checkAccessibility('rol rechazado (ROLE-4)');
    await h.screenshot('52-rol-rechazado-role-4');
  });

  it('the agreement and the internal contact are recorded (modificación), and the head authorizes them', async () => {
    await page().getByRole('link', { name: 'Modificar la ficha' }).click();
    await page()
      .getByRole('heading', { level: 1, name: `Modificar la ficha de ${CM.name} (Formulario B)` })
      .waitFor();
    expect(await page().getByLabel('Tipo de vínculo').inputValue()).toBe('outsourced');
    expect(await page().getByLabel('Empresa').inputValue()).toBe(CM.company);
    await typeDate(page().locator('.date-field').filter({ hasText: 'Fecha del acuerdo' }), '20112026');
    await page().getByLabel('Referencia del acuerdo').fill(CM.agreement);
    await page().getByLabel('Contacto interno').selectOption({ label: 'Rosalinda Quispecahua Trelles' });
    await page().getByRole('button', { name: 'Enviar para autorización' }).click();
    await page().getByText('Solicitud enviada: la ficha cambia cuando el Jefe de la Oficina lo autorice').waitFor();
    await h.lock();
    await headAuthorizes(`Formulario B, modificación: ${CM.name}`, 'Autorizar el Formulario B', (facts) => {
      expect(facts).toContain('Fecha del acuerdo de confidencialidad: — → 20/11/26');
      expect(facts).toContain(`Referencia del acuerdo de confidencialidad: — → ${CM.agreement}`);
      expect(facts).toContain('Contacto interno: — → Rosalinda Quispecahua Trelles');
    });
  });

  it('«Editor» on the Facebook page: proposed, authorized by the head, confirmed applied by the administrator', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openPerson();
    await grantForm()
      .getByLabel('Cuenta', { exact: true })
      .selectOption({ label: `${ACCOUNTS.facebook.displayName} (Facebook)` });
    await grantForm().getByLabel('Rol en la plataforma').selectOption({ label: 'Editor (acceso parcial: contenido)' });
    await grantForm().getByRole('button', { name: 'Enviar para autorización' }).click();
    await grantForm().getByText('Solicitud enviada: el Jefe de la Oficina la autoriza en Inicio').waitFor();
    await region('Solicitudes sobre esta persona').getByText('Pendiente', { exact: true }).waitFor();
    await h.lock();
    await headAuthorizes(`${ACCOUNTS.facebook.displayName}`, 'Autorizar el cambio de rol en la plataforma', (facts) =>
      expect(facts).toContain(`${CM.name} (Community manager, Tercerizado): ningún rol → «Editor (acceso parcial: contenido)».`),
    );
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openPerson();
    const roles = region('Roles en las plataformas');
    await roles.getByText('Autorizado: falta asignarlo en la plataforma').waitFor();
    await roles.getByRole('button', { name: `Confirmar aplicado: Editor (acceso parcial: contenido) en ${ACCOUNTS.facebook.displayName}` }).click();
    await roles.getByText('Vigente', { exact: true }).waitFor();
  });

  it('an admin-level role for a team member is refused, citing ROLE-2', async () => {
    await grantForm().getByLabel('Buscar la cuenta').fill('Instagram');
    await grantForm()
      .getByLabel('Cuenta', { exact: true })
      .selectOption({ label: `${INSTAGRAM.displayName} (Instagram)` });
    await grantForm().getByLabel('Rol en la plataforma').selectOption({ label: 'Control total — nivel de administración' });
    await grantForm().getByRole('button', { name: 'Enviar para autorización' }).click();
    expect(await grantForm().getByRole('alert').textContent()).toMatch(/nunca de administración\. · Regla ROLE-2$/);
    await h.screenshot('53-rol-rechazado-role-2');
  });

  it('the page’s password is delivered to them in person, and their page shows it current', async () => {
    await openAddress(`#/accounts/${facebookId}/distribution`);
    await page().getByRole('heading', { level: 2, name: 'Entrega de la contraseña (regla POL-6)' }).waitFor();
    await page()
      .getByLabel('Autorizar a una persona')
      .selectOption({ label: `${CM.name} <${CM.email}>` });
    await page().getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page().getByLabel(`Medio de entrega: ${CM.name}`).selectOption({ label: 'En persona' });
    await page().getByRole('button', { name: 'Registrar entrega' }).click();
    await page().getByText('Entrega registrada.').waitFor();
    // The account's own page says who holds which role on it, and who saw its current password.
    await page().getByRole('link', { name: 'Resumen' }).click();
    const roles = region('Roles en esta cuenta').getByRole('row').filter({ hasText: CM.name });
    expect(await roles.textContent()).toBe(`${CM.name}Editor (acceso parcial: contenido)Vigente`);
    await region('Quiénes vieron o recibieron la contraseña vigente').getByRole('link', { name: CM.name }).waitFor();
    await h.checkAccessibility('roles de la cuenta');
    await h.screenshot('53b-roles-de-la-cuenta');
    await openPerson();
    const seen = region('Credenciales que vio o recibió');
    const row = seen.getByRole('row').filter({ hasText: 'Entregada en persona' });
    expect(await row.textContent()).toContain('Contraseña, versión 1');
    expect(await row.textContent()).toContain('vigente');
    // ROLE-5: Facebook gives each person their own user; a shared password is flagged.
    await seen.getByText(/debería tener su propio usuario y rol/).waitFor();
    await h.checkAccessibility('ficha de la persona');
    await h.screenshot('54-ficha-de-la-persona');
  });

  it('they depart: the administrator marks it, the head authorizes it', async () => {
    await page().getByRole('button', { name: 'Marcar salida…' }).click();
    const form = page().getByRole('form', { name: `Salida de ${CM.name} (Formulario B, baja)` });
    await form.getByLabel('Nota para el Jefe de la Oficina (opcional)').fill('Termina el contrato con la agencia.');
    await form.getByRole('button', { name: 'Enviar para autorización' }).click();
    await page().getByText('Solicitud de baja enviada').waitFor();
    await h.lock();
    await headAuthorizes(`Formulario B, baja: ${CM.name}`, 'Autorizar el Formulario B', (facts) => {
      expect(facts).toMatch(new RegExp(`${CM.name} \\(Community manager, Tercerizado\\): activo → saliente, con salida el \\d{2}/\\d{2}/\\d{2}\\.`));
      expect(facts).toContain('«Termina el contrato con la agencia.»');
    });
  });

  it('the checklist lists what they leave behind; the administrator proposes the revocation and the rotation', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    const departures = region('Salidas con tareas pendientes');
    expect(await departures.textContent()).toContain('3 tareas pendientes');
    await departures.getByRole('link', { name: new RegExp(CM.name) }).click();
    const checklist = region('Lista de salida');
    await checklist.waitFor();
    expect(await page().getByTestId('person-status').textContent()).toBe('Saliente 3 tareas pendientes');
    expect(await checklist.getByTestId('departure-progress').textContent()).toBe('0 de 3 tareas hechas');
    const items = await checklist.locator('.checklist-items > li > span:not(.badge)').allTextContents();
    expect(items).toEqual([
      `Retirar el rol Editor (acceso parcial: contenido) en ${ACCOUNTS.facebook.displayName} (Facebook)`,
      `Cambiar la contraseña de ${ACCOUNTS.facebook.displayName} (Facebook): vio la versión 1`,
      `Quitarla de la lista de distribución de ${ACCOUNTS.facebook.displayName} (Facebook)`,
    ]);
    await h.checkAccessibility('lista de salida');
    await h.screenshot('55-lista-de-salida');
    await checklist.getByRole('button', { name: 'Proponer revocaciones y rotaciones' }).click();
    await checklist.getByText('Se enviaron 2 solicitudes al Jefe de la Oficina.').waitFor();
    // The checklist is read again after the proposals: both links come with that reading, not with the notice.
    const links = checklist.getByRole('link', { name: 'Ver la solicitud pendiente' });
    await links.nth(1).waitFor();
    expect(await links.count()).toBe(2);
    await h.lock();
  });

  it('the head authorizes the revocation and the rotation in one batch, one passphrase, each with its own outcome', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    await pending().getByText('2 solicitudes esperan su decisión.').waitFor();
    await pending().getByRole('button', { name: 'Seleccionar todas' }).click();
    await h.checkAccessibility('solicitudes seleccionadas');
    await h.screenshot('55b-jefe-selecciona');
    await pending().getByRole('button', { name: 'Autorizar las 2 seleccionadas…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar 2 solicitudes' });
    const listed = await dialog.getByTestId('batch-item').allTextContents();
    expect(listed.some((t) => t.includes(`retirar el rol de ${CM.name}`) && t.includes('«Editor (acceso parcial: contenido)» → ningún rol.'))).toBe(true);
    expect(listed.some((t) => t.includes('nueva contraseña — Exposición') && t.includes('Versión 1 → versión 2'))).toBe(true);
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await h.checkAccessibility('autorización en lote');
    await page().screenshot({ path: `${SCREENSHOTS}56-autorizacion-en-lote.png` });
    await dialog.getByRole('button', { name: 'Autorizar las 2' }).click();
    await dialog.getByTestId('batch-summary').filter({ hasText: '2 de 2 autorizadas.' }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByText('Autorizada', { exact: true }).count()).toBe(2);
    await page().screenshot({ path: `${SCREENSHOTS}57-resultado-del-lote.png` });
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await pending().getByText('No hay solicitudes que esperen su decisión.').waitFor();
    // The head reads the checklist and is told who does the last steps; nothing there is theirs to propose or confirm.
    await openPerson();
    const checklist = region('Lista de salida');
    await checklist.getByText('Retiro autorizado: falta quitarlo en la plataforma.').waitFor();
    expect(
      await page()
        .getByRole('button', { name: /^Confirmar aplicado/ })
        .count(),
    ).toBe(0);
    expect(await page().getByRole('link', { name: 'Modificar la ficha' }).count()).toBe(0);
    expect(await region('Roles en las plataformas').getByTestId('role-note').textContent()).toBe(
      'Confirmar que el rol se aplicó en la plataforma: lo hace el Administrador de Cuentas o el Administrador de respaldo.',
    );
    await h.lock();
  });

  it('the administrator confirms both applied and removes them from the list: the person is «Baja»', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await openPerson();
    const checklist = region('Lista de salida');
    await checklist.getByRole('button', { name: `Confirmar aplicado: Editor (acceso parcial: contenido) en ${ACCOUNTS.facebook.displayName}` }).click();
    await checklist.getByTestId('departure-progress').filter({ hasText: '1 de 3 tareas hechas' }).waitFor();
    await checklist.getByRole('link', { name: `Ir a la contraseña de ${ACCOUNTS.facebook.displayName}` }).click();
    await page().getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
    await page().getByRole('heading', { name: 'Contraseña vigente' }).waitFor();
    await openPerson();
    await checklist.getByTestId('departure-progress').filter({ hasText: '2 de 3 tareas hechas' }).waitFor();
    await checklist.getByRole('button', { name: `Quitar de la lista de distribución de ${ACCOUNTS.facebook.displayName}` }).click();
    await checklist.getByText('No falta nada: la persona queda de baja.').waitFor();
    expect(await page().getByTestId('person-status').textContent()).toBe('Baja');
    expect(await checklist.getByTestId('departure-progress').textContent()).toBe('3 de 3 tareas hechas');
    await h.checkAccessibility('baja');
    await h.screenshot('58-baja');
    await page().getByRole('button', { name: 'Personal', exact: true }).click();
    expect(await statusOf(CM.name).textContent()).toContain('Baja');
    await page().getByRole('button', { name: 'Inicio' }).click();
    await page()
      .getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) })
      .waitFor();
    expect(await region('Salidas con tareas pendientes').count()).toBe(0);
    const personId = h.services.staff.list().people.find((p) => p.name === CM.name)!.id;
    expect(h.services.staff.detail(personId).status).toBe('departed');
    expect(h.services.audit.verify().ok).toBe(true);
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
