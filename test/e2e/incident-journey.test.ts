import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, SCREENSHOTS, type Harness } from './harness';

/**
 * Issue 17's incident journey (SUP-2), in Spanish, at one workstation: the administrator's phone
 * with the authenticator app is lost. She records the incident on «Incidentes» («Equipo perdido o
 * robado», both accounts); its page lists the actions it forces on each account; closing it is
 * refused, naming SUP-2, while anything is left; the home screen shows it open. The actions are
 * then done for real on the accounts' screens: the rotations with reason «Incidente» and the new
 * seeds proposed, the head authorizing them in the co-sign dialog, the rotations confirmed
 * applied; the sessions closed and the roles reviewed confirmed on the incident page; the report to
 * the security officer recorded; the incident closed, and gone from the home screen.
 *
 * The past (the two accounts, their first passwords and seeds) is set up through the services two
 * days earlier on the injected clock, so that nothing of it counts as done after the incident.
 */
const NOW = Date.parse('2026-11-22T15:00:00.000Z'); // 10:00 in Lima
const TWO_DAYS = 2 * 24 * 3600 * 1000;
const INSTAGRAM = { platform: 'instagram', kind: 'principal', displayName: 'Instagram Zafiroquinta', handle: '@zafiroquinta' } as const;
const NAMES = [ACCOUNTS.facebook.displayName, INSTAGRAM.displayName] as const;
const SEEDS = { before: ['JBSWY3DPEHPK3PXPJBSWY3DP', 'KRSXG5CTMVRXEZLUKRSXG5CT'], after: ['MFRGGZDFMZTWQ2LKNNWG23TP', 'ONSWG4TFOQYTEMZUGU3DOOBZ'] };
const REFERENCE = 'OSI-ZQX-2026-117';
/** When it happened, 09:30 in Lima, as the screens write it (Intl, as the renderer does). */
const OCCURRED = new Intl.DateTimeFormat('es-PE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Lima' }).format(
  Date.parse('2026-11-22T14:30:00Z'),
);
/** Main's clock runs with real time from where the test puts it: two days back for the past, then NOW. */
let offset = NOW - TWO_DAYS - Date.now();
let h: Harness;
const accountIds: string[] = [];

beforeAll(async () => {
  h = await openHarness({ clock: () => new Date(Date.now() + offset) });
  const { services } = h;
  await services.setup.create(foundingRequest());
  const admin = services.sessions.require();
  const headId = keyholderId(services, 'head');
  const head = await services.sessions.authenticate(headId, KNOWN.headPass);
  // Two profiles with their altas authorized (LIFE-1), their first passwords applied and a TOTP seed each.
  for (const [i, input] of [ACCOUNTS.facebook, INSTAGRAM].entries()) {
    const accountId = registerAccount(services, admin, head, input);
    services.cosign.approve(services.cosign.propose(admin, { accountId, secret: freshSecret(), reason: 'creation' }).requestId, head);
    services.rotation.confirmApplied(admin, accountId);
    services.cosign.approve(services.totp.propose(admin, accountId, { secret: SEEDS.before[i]! }).requestId, head);
    accountIds.push(accountId);
  }
  services.sessions.release(head);
  services.sessions.lock('manual');
  offset = NOW - Date.now();
  await h.page.clock.install({ time: NOW });
  await h.page.reload();
});
afterAll(() => h.close());

const page = () => h.page;
const region = (name: string) => page().getByRole('region', { name });
const pending = () => region('Solicitudes pendientes de autorización');
const accountCard = (name: string) =>
  page()
    .getByTestId('incident-account')
    .filter({ has: page().getByRole('heading', { level: 3, name }) });
const actionRow = (account: string, action: string) => accountCard(account).getByRole('row').filter({ hasText: action });
const ACTIONS = {
  rotate: 'Cambio de contraseña (motivo «incidente», autorizado y aplicado)',
  sessions: 'Sesiones abiertas cerradas',
  roles: 'Roles revisados',
  seed: 'Semilla de doble factor reemplazada',
} as const;

async function home(): Promise<void> {
  await page().getByRole('button', { name: 'Inicio' }).click();
  await page()
    .getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) })
    .waitFor();
}

/** From the home screen's open-incidents block to the incident's page. */
async function openIncidentFromHome(): Promise<void> {
  await home();
  await region('Incidentes abiertos')
    .getByRole('link', { name: /^Equipo perdido o robado · / })
    .click();
  await page()
    .getByRole('heading', { level: 1, name: /^Equipo perdido o robado · / })
    .waitFor();
}

describe('a lost phone with the authenticator app: the incident, its forced actions and its closing (es)', () => {
  it('the administrator records the incident on «Incidentes»: lost device, both accounts', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    // Nothing open yet: the home screen has no open-incidents block.
    expect(await region('Incidentes abiertos').count()).toBe(0);
    await page().getByRole('button', { name: 'Incidentes', exact: true }).click();
    await page().getByRole('heading', { level: 1, name: 'Incidentes de seguridad' }).waitFor();
    await page().getByText('No hay incidentes registrados.').waitFor();
    await page().getByRole('button', { name: 'Registrar un incidente…' }).click();
    const form = page().getByRole('form', { name: 'Registrar un incidente' });
    await form.getByLabel('Tipo de incidente').selectOption({ label: 'Equipo perdido o robado' });
    await form.getByLabel('Hora (HH:MM)').fill('09:30');
    for (const name of NAMES) await form.getByRole('checkbox', { name }).check();
    await form.getByLabel('Qué pasó').fill('Se extravió el celular institucional con la app de autenticación, camino a la conferencia de prensa.');
    await h.checkAccessibility('registrar un incidente');
    await h.screenshot('70-incidente-registro');
    await form.getByRole('button', { name: 'Registrar el incidente' }).click();
    await page()
      .getByRole('heading', { level: 1, name: `Equipo perdido o robado · ${OCCURRED}`, exact: true })
      .waitFor();
  });

  it('its page lists the forced actions per account; nothing is done yet', async () => {
    expect(await page().getByText('Abierto', { exact: true }).count()).toBe(1);
    await page().getByText('Quedan 9 pendientes').waitFor();
    expect(await page().getByTestId('incident-account').count()).toBe(2);
    for (const name of NAMES) {
      expect(await accountCard(name).locator('tbody tr').count()).toBe(4);
      const text = async (action: string) => (await actionRow(name, action).textContent())?.replace(/\s+/g, ' ').trim();
      expect(await text(ACTIONS.rotate)).toBe(
        `${ACTIONS.rotate}Falta: proponer el cambio de contraseña con motivo «incidente» y que el Jefe de la Oficina lo autorice. Ir a la contraseña de la cuenta`,
      );
      expect(await text(ACTIONS.sessions)).toBe(`${ACTIONS.sessions}Falta confirmarlo. Confirmar`);
      expect(await text(ACTIONS.roles)).toBe(`${ACTIONS.roles}Falta confirmarlo. Ir a las personas y roles de la cuenta Confirmar`);
      expect(await text(ACTIONS.seed)).toBe(
        `${ACTIONS.seed}Falta: registrar la semilla nueva (autorizada por el Jefe de la Oficina). Ir al segundo paso de la cuenta`,
      );
    }
    await page().getByText('Aún no se registró a quién se reportó el incidente.').waitFor();
    await h.checkAccessibility('incidente abierto');
    await h.screenshot('71-incidente-acciones');
  });

  it('closing is refused while anything is left, naming SUP-2, and nothing changes', async () => {
    const before = h.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get();
    await page().getByRole('button', { name: 'Cerrar el incidente' }).click();
    const refusal = page().getByRole('alert').filter({ hasText: 'El incidente no puede cerrarse' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /^El incidente no puede cerrarse: faltan 8 acciones en las cuentas afectadas y el reporte al Oficial de Seguridad de la Información o al CERT nacional \(SUP-2\)\./,
    );
    expect(await page().getByText('Abierto', { exact: true }).count()).toBe(1);
    expect(h.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(before);
    await h.checkAccessibility('cierre rechazado');
    await h.screenshot('72-incidente-cierre-rechazado');
  });

  it('the home screen shows the incident open, with what is left', async () => {
    await home();
    const block = region('Incidentes abiertos');
    expect(await block.getByTestId('home-incident').count()).toBe(1);
    expect(await block.getByTestId('home-incident').textContent()).toBe(`Equipo perdido o robado · ${OCCURRED} Quedan 9 pendientes`);
    await h.checkAccessibility('inicio con incidente abierto');
    await h.screenshot('73-inicio-incidente-abierto');
  });

  it('from the incident, the administrator proposes on each account a rotation with reason «Incidente» and a new seed', async () => {
    for (const [i, name] of NAMES.entries()) {
      await openIncidentFromHome();
      await accountCard(name).getByRole('link', { name: 'Ir a la contraseña de la cuenta' }).click();
      await page()
        .getByRole('heading', { level: 1, name: new RegExp(name) })
        .waitFor();
      await page().getByRole('button', { name: 'Generar una contraseña' }).click();
      await page().getByText('Contraseña generada: cumple la política.', { exact: false }).waitFor();
      await page().getByLabel('Motivo', { exact: true }).selectOption({ label: 'Incidente' });
      await page().getByLabel('Nota para el Jefe de la Oficina (opcional)').fill('Incidente: celular con la app de autenticación extraviado');
      if (i === 0) {
        await h.checkAccessibility('rotación por incidente');
        await h.screenshot('74-rotacion-por-incidente');
      }
      await page().getByRole('button', { name: 'Enviar para autorización' }).click();
      await page().getByText('Propuesta enviada.', { exact: false }).waitFor();

      await openIncidentFromHome();
      await accountCard(name).getByRole('link', { name: 'Ir al segundo paso de la cuenta' }).click();
      await page().getByRole('heading', { name: 'Verificación en dos pasos' }).waitFor();
      await page().getByRole('button', { name: 'Reemplazar la semilla' }).click();
      const seed = page().getByRole('form', { name: 'Agregar una semilla TOTP' });
      await seed.getByRole('radio', { name: 'Clave escrita' }).check();
      await seed.getByLabel('Clave secreta (base32)').fill(SEEDS.after[i]!);
      await seed.getByLabel('Clave secreta (base32)').blur();
      await seed.getByRole('status').filter({ hasText: 'Leída:' }).waitFor();
      if (i === 0) await h.screenshot('75-semilla-nueva');
      await seed.getByRole('button', { name: 'Enviar la semilla para autorización' }).click();
      await page().getByText('Solicitud enviada. El Jefe de la Oficina debe autorizarla en Inicio.').waitFor();
    }
    await openIncidentFromHome();
    // Proposed is not done: the actions stay open until the head authorizes.
    await page().getByText('Quedan 9 pendientes').waitFor();
    await h.lock();
  });

  it('the head authorizes the Facebook rotation in the co-sign dialog, reading its reason, and the other three in one batch', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    await pending().getByText('4 solicitudes esperan su decisión.').waitFor();
    const rotation = pending()
      .getByRole('listitem')
      .filter({ hasText: `${NAMES[0]} (Facebook): nueva contraseña — Incidente` });
    await rotation.getByRole('button', { name: /^Autorizar…/ }).click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar el cambio de contraseña' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Incidente');
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await h.checkAccessibility('autorizar la rotación por incidente');
    await page().screenshot({ path: `${SCREENSHOTS}76-jefe-autoriza-incidente.png` });
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });

    await pending().getByText('3 solicitudes esperan su decisión.').waitFor();
    await pending().getByRole('button', { name: 'Seleccionar todas' }).click();
    await pending().getByRole('button', { name: 'Autorizar las 3 seleccionadas…' }).click();
    const batch = page().getByRole('dialog', { name: 'Autorizar 3 solicitudes' });
    await batch.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await batch.getByRole('button', { name: 'Autorizar las 3' }).click();
    await batch.getByTestId('batch-summary').filter({ hasText: '3 de 3 autorizadas.' }).waitFor({ timeout: 60_000 });
    await batch.getByRole('button', { name: 'Cerrar' }).click();
    await pending().getByText('No hay solicitudes que esperen su decisión.').waitFor();
    // The head reads the incident too: the seeds ticked, the rotations wait to be applied.
    await openIncidentFromHome();
    for (const name of NAMES) {
      expect(await actionRow(name, ACTIONS.seed).textContent()).toMatch(new RegExp(`Hecho por ${KNOWN.administrator}, 22/11/26`));
      expect(await actionRow(name, ACTIONS.rotate).textContent()).toContain('Autorizado: falta confirmarlo aplicado en la plataforma.');
    }
    await page().getByText('Quedan 7 pendientes').waitFor();
    await h.lock();
  });

  it('the administrator confirms both rotations applied from the incident’s links; each ticks', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    for (const name of NAMES) {
      await openIncidentFromHome();
      await accountCard(name).getByRole('link', { name: 'Ir a la contraseña de la cuenta' }).click();
      await page().getByRole('heading', { name: 'Contraseña autorizada, por aplicar' }).waitFor();
      await page().getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
      await page().getByText('Aplicada. Próximo vencimiento:', { exact: false }).waitFor();
    }
    await openIncidentFromHome();
    for (const name of NAMES)
      await actionRow(name, ACTIONS.rotate)
        .filter({ hasText: `Hecho por ${KNOWN.administrator}` })
        .waitFor();
    await page().getByText('Quedan 5 pendientes').waitFor();
    await h.checkAccessibility('incidente con rotaciones aplicadas');
    await h.screenshot('77-incidente-rotaciones-hechas');
  });

  it('the sessions closed and the roles reviewed are confirmed on the incident page', async () => {
    for (const name of NAMES)
      for (const action of [ACTIONS.sessions, ACTIONS.roles]) {
        const button = page().getByRole('button', { name: `Confirmar «${action}» en ${name}` });
        await button.click();
        await button.waitFor({ state: 'detached' });
        expect(await actionRow(name, action).textContent()).toMatch(new RegExp(`Hecho por ${KNOWN.administrator}, 22/11/26`));
      }
    // Every action is done; only the report is left.
    await page().getByText('Queda 1 pendiente').waitFor();
    expect(await page().locator('tr[data-state="open"]').count()).toBe(0);
  });

  it('the report to the security officer is recorded, and the incident is closed', async () => {
    const form = page().getByRole('form', { name: 'Registrar el reporte' });
    await form.getByLabel('Reportado a').selectOption({ label: 'Oficial de Seguridad de la Información' });
    await form.getByLabel('Referencia o número de caso').fill(REFERENCE);
    await form.getByRole('button', { name: 'Registrar el reporte' }).click();
    await page().getByText(`Oficial de Seguridad de la Información: referencia ${REFERENCE}, reportado el 22/11/26`).waitFor();
    await page().getByText('Quedan 0 pendientes').waitFor();
    await h.checkAccessibility('incidente listo para cerrar');
    await h.screenshot('78-incidente-reportado');
    await page().getByRole('button', { name: 'Cerrar el incidente' }).click();
    await page()
      .getByText(new RegExp(`^Cerrado por ${KNOWN.administrator}, 22/11/26`))
      .waitFor();
    expect(await page().getByText('Cerrado', { exact: true }).count()).toBe(1);
    // A closed incident takes nothing more: no forms, no confirmations, no closing.
    expect(
      await page()
        .getByRole('button', { name: /^Confirmar|^Registrar|^Cerrar el incidente$/ })
        .count(),
    ).toBe(0);
    await h.checkAccessibility('incidente cerrado');
    await h.screenshot('79-incidente-cerrado');
  });

  it('the home screen no longer shows it; the list keeps it, closed; the log verifies', async () => {
    await home();
    expect(await region('Incidentes abiertos').count()).toBe(0);
    await page().getByRole('button', { name: 'Incidentes', exact: true }).click();
    await page().getByRole('heading', { level: 1, name: 'Incidentes de seguridad' }).waitFor();
    const row = page().getByTestId('incident-row');
    expect(await row.allTextContents()).toEqual([`${OCCURRED}Equipo perdido o robado2Cerrado`]);
    await h.checkAccessibility('lista de incidentes');
    await h.screenshot('79b-incidentes-lista');
    const rotations = h.services.vault
      .require()
      .prepare("SELECT count(*) FROM credential_versions WHERE reason = 'incident' AND applied_at IS NOT NULL")
      .pluck()
      .get();
    expect(rotations).toBe(2);
    expect(h.services.audit.verify().ok).toBe(true);
    await h.lock();
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
