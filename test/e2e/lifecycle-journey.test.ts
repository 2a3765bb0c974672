import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_A, KNOWN, foundingRequest, freshSecret } from '../fixtures/vault';
import { SCREENSHOTS, openHarness, savedDocuments, type Harness } from './harness';

/**
 * Issue 17's account lifecycle, in Spanish: the administrator requests the alta of a campaign
 * account with its Formulario A; the head authorizes it (LIFE-1); its handle is modified and
 * authorized (LIFE-4); its end date passes (the injected clock) and the home screen flags it with
 * «Solicitar baja» (LIFE-2); the baja changes the password first, and once applied the account is
 * archived, read-only (LIFE-3).
 */
const CAMPAIGN = { name: 'Campaña Ñandutí Esmeralda', handle: '@nanduti.esmeralda', login: `campania.nanduti@${KNOWN.domain}` };
let clock = Date.parse('2026-03-02T15:00:00.000Z');
let h: Harness;
let accountId = '';
const page = () => h.page;
const pending = () => page().getByRole('region', { name: 'Solicitudes pendientes de autorización' });

// The app's save dialog: Formulario A goes to the test's own folder.
const { saved, savePath } = savedDocuments('custodia-lifecycle-e2e-');

beforeAll(async () => {
  h = await openHarness({
    clock: () => new Date(clock),
    savePath,
  });
  await h.services.setup.create(foundingRequest());
  await h.page.clock.install({ time: clock });
  await h.page.reload();
  await h.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(() => h.close());

/** Types a day into a React Aria date field, segment by segment (day, month, year in Spanish). */
async function typeDate(field: Locator, ddmmyyyy: string): Promise<void> {
  await field.getByRole('spinbutton').first().click();
  await page().keyboard.type(ddmmyyyy);
}

/** The head unlocks and authorizes the Formulario A request whose card names `what`, then locks. */
async function headAuthorizes(what: RegExp): Promise<void> {
  await h.lock();
  await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
  const request = pending().getByRole('listitem').filter({ hasText: what });
  await request.getByRole('button', { name: /Autorizar…/ }).click();
  const dialog = page().getByRole('dialog', { name: 'Autorizar el Formulario A' });
  await dialog.waitFor();
  await h.checkAccessibility('autorizar Formulario A');
  await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
  await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
  await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
  await h.lock();
  await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
}

async function openAccount(): Promise<void> {
  await page().goto(`${page().url().split('#')[0]}#/accounts/${accountId}`);
  await page()
    .getByRole('heading', { level: 1, name: new RegExp(CAMPAIGN.name) })
    .waitFor();
}

describe('an account from its alta to its baja (es)', () => {
  it('the administrator requests the alta of a support account with its Formulario A: «en trámite»', async () => {
    await page().getByRole('button', { name: 'Cuentas' }).click();
    await page().getByRole('button', { name: 'Registrar cuenta' }).click();
    await page().getByLabel('Plataforma').selectOption('instagram');
    await page().getByLabel('Tipo de cuenta').selectOption('support');
    await page().getByLabel('Nombre de la cuenta').fill(CAMPAIGN.name);
    await page().getByLabel('Usuario (@)').fill(CAMPAIGN.handle);
    await page().getByLabel('Usuario de acceso (correo institucional)').fill(CAMPAIGN.login);
    await typeDate(page().locator('.date-field').filter({ hasText: 'Inicio del apoyo' }), '01032026');
    await typeDate(page().locator('.date-field').filter({ hasText: 'Fin del apoyo' }), '31032026');
    await page().getByLabel('Descripción de la cuenta').fill(FORM_A.description);
    await page().getByLabel('Objetivo').fill(FORM_A.objective);
    await page().getByLabel('Plan de publicaciones (resumen)').fill(FORM_A.postingPlan);
    await page().getByLabel('Indicadores').fill(FORM_A.indicators);
    await h.checkAccessibility('alta con Formulario A');
    await h.screenshot('60-alta-formulario-a');
    await page().getByRole('button', { name: 'Solicitar el alta' }).click();
    await page()
      .getByRole('heading', { level: 1, name: new RegExp(CAMPAIGN.name) })
      .waitFor();
    await page().getByText('En trámite: el alta espera la autorización del Jefe de la Oficina.').waitFor();
    accountId = page().url().split('/accounts/')[1]!.split(/[/?]/)[0]!;
    expect(h.services.accounts.get(accountId).status).toBe('pending');
  });

  it('the head authorizes the alta: the account is in force, its Formulario A on its page', async () => {
    await headAuthorizes(/Formulario A, alta/);
    // LIFE-4: the authorized alta prints as Formulario A, filled in, for the head's signature and seal.
    const card = page()
      .getByRole('region', { name: 'Sus solicitudes' })
      .getByRole('listitem')
      .filter({ hasText: `Formulario A, alta: ${CAMPAIGN.name}` });
    await card.getByRole('button', { name: 'Imprimir Formulario A' }).click();
    await card.getByRole('status').filter({ hasText: 'Formulario A guardado.' }).waitFor({ timeout: 30_000 });
    const pdf = saved.at(-1)!;
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).not.toContain('BORRADOR');
    for (const words of [CAMPAIGN.name, CAMPAIGN.handle, FORM_A.description, FORM_A.objective, FORM_A.postingPlan, FORM_A.indicators, KNOWN.head, 'Instagram'])
      expect(text).toContain(words);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENSHOTS, '60b-formulario-a-alta')]);
    expect(existsSync(join(SCREENSHOTS, '60b-formulario-a-alta-1.png'))).toBe(true);
    await openAccount();
    await page().getByText(FORM_A.objective).waitFor();
    expect(h.services.accounts.get(accountId).status).toBe('active');
    await h.screenshot('61-cuenta-activa');
  });

  it('the administrator modifies its handle; the head reads from → to and authorizes it', async () => {
    await page().getByRole('link', { name: 'Modificar' }).click();
    await page().getByLabel('Nombre del perfil').fill('@nanduti.oficial');
    await page().getByRole('button', { name: 'Solicitar la modificación' }).click();
    await page()
      .getByText(/Modificación solicitada/)
      .waitFor();
    await headAuthorizes(/Formulario A, modificación/);
    expect(h.services.accounts.get(accountId).handle).toBe('@nanduti.oficial');
  });

  it('past its end date the home screen flags it; the baja changes its password first, then archives it', async () => {
    clock = Date.parse('2026-04-01T15:00:00.000Z');
    await page().clock.setFixedTime(clock);
    await page().reload();
    await page()
      .getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) })
      .waitFor();
    const flagged = page().getByRole('region', { name: '1 cuenta de apoyo vencida' });
    await flagged.waitFor();
    await h.screenshot('62-cuenta-vencida');
    await flagged.getByRole('link', { name: 'Solicitar baja' }).click();
    const secret = freshSecret();
    await page().getByLabel('Contraseña nueva').fill(secret);
    await page().getByText('Cumple la política de contraseñas.').waitFor();
    await page().getByRole('button', { name: 'Solicitar la baja' }).click();
    await page()
      .getByText(/Baja solicitada/)
      .waitFor();
    await headAuthorizes(/Formulario A, baja/);
    await openAccount();
    await page()
      .getByText(/Baja autorizada/)
      .waitFor();
    await page().getByRole('link', { name: 'Contraseña', exact: true }).click();
    await page().getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
    await openAccount();
    await page().getByText('Cuenta archivada tras su baja: no admite cambios.').waitFor();
    expect(await page().getByRole('link', { name: 'Modificar' }).count()).toBe(0);
    await h.checkAccessibility('cuenta archivada');
    await h.screenshot('63-cuenta-archivada');
    expect(h.services.accounts.get(accountId).status).toBe('archived');
  });
});
