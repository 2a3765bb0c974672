import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_PASSPHRASES } from '../fixtures/keyholders';
import { KNOWN, freshSecret } from '../fixtures/vault';
import { SCREENSHOTS } from './harness';
import {
  ACCOUNTS,
  accountIds,
  asIncoming,
  codeBlock,
  CONTRACTED,
  fingerprintOf,
  h,
  headAuthorizesAll,
  headId,
  INCOMING,
  incomingId,
  incomingPerson,
  openHandover,
  OUTGOING,
  outgoingId,
  page,
  pending,
  region,
  ROLE,
  saved,
  SEED,
  shot,
  useOffice,
  viaBridge,
} from './handover-journey.context';

/**
 * Issue 16's acceptance, in Spanish, at one workstation: the handover of a three-account office.
 * The outgoing administrator starts it on «Custodios» (a contracted person is refused, ROLE-3) and
 * the incoming one types their own passphrase; the head authorizes; the incoming administrator
 * unlocks with it and works through the checklist — rotations with reason «entrega de cargo», the
 * outgoing person's admin roles revoked and the incoming one's granted, the seed and the recovery
 * codes replaced, the head authorizing them in batches; the recovery contacts recorded again; the
 * sessions confirmed closed on the handover page; the completion proposed there and authorized by
 * the head, the re-key's progress shown; the acta saved, read back with pdftotext; then the
 * incoming administrator unlocks with their passphrase and the outgoing one is refused.
 *
 * Driven through the bridge (`window.custodia`, the very calls the screens make) rather than the
 * screens, because those screens have their own journeys (rotation-journey, staff-journey,
 * two-step-journey): proposing the rotations, the seed and the codes, the role revocations and
 * grants, confirming all but one rotation and the roles applied, and recording the two-step
 * contacts. Everything of the handover itself is done on its screens.
 */
useOffice();

describe('the administrator handover of a three-account office, from start to the acta (es)', () => {
  it('«Custodios»: the outgoing administrator reads the keyholders; a contracted person is refused (ROLE-3)', async () => {
    await h.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await page().getByRole('button', { name: 'Custodios', exact: true }).click();
    await page().getByRole('heading', { level: 1, name: 'Custodios' }).waitFor();
    const rows = await page().getByTestId('keyholder-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(`${OUTGOING.name}sesión actual${ROLE}${fingerprintOf(outgoingId)}Activo`);
    expect(rows[1]).toContain(`${KNOWN.head}Jefe de la Oficina${fingerprintOf(headId)}Activo`);
    await region('Entregas de cargo').getByText('No hay entregas de cargo registradas.').waitFor();
    await h.checkAccessibility('custodios');
    await shot('60-custodios', 'custodios');

    const form = page().getByRole('form', { name: 'Iniciar entrega de cargo' });
    await form.getByLabel('Custodio saliente').selectOption({ label: `${OUTGOING.name} — ${ROLE} (${fingerprintOf(outgoingId)})` });
    await form.getByLabel('Persona entrante (registro de personal)').selectOption({ label: `${CONTRACTED.name} — Contratado` });
    await form.getByLabel('Frase de acceso de la persona entrante', { exact: true }).fill(NEW_PASSPHRASES.other);
    await form.getByLabel('Repita la frase de acceso de la persona entrante').fill(NEW_PASSPHRASES.other);
    await form.getByRole('button', { name: 'Iniciar la entrega de cargo' }).click();
    expect(await form.getByRole('alert').textContent({ timeout: 30_000 })).toMatch(/^Solo el personal permanente .+ · Regla ROLE-3$/);
    // A refused proposal keeps no passphrase in its fields.
    expect(await form.getByLabel('Frase de acceso de la persona entrante', { exact: true }).inputValue()).toBe('');
  });

  it('the outgoing administrator starts the handover; the incoming person types their own passphrase twice', async () => {
    const form = page().getByRole('form', { name: 'Iniciar entrega de cargo' });
    await form.getByLabel('Persona entrante (registro de personal)').selectOption({ label: `${INCOMING.name} — Nombrado o permanente` });
    await form.getByLabel('Frase de acceso de la persona entrante', { exact: true }).fill(NEW_PASSPHRASES.incoming);
    await form.getByLabel('Repita la frase de acceso de la persona entrante').fill(NEW_PASSPHRASES.incoming);
    await page().getByRole('meter', { name: 'Fortaleza' }).waitFor();
    await form.getByLabel('Nota para el Jefe de la Oficina (opcional)').fill('Rosalinda pasa a la Oficina de Imagen Institucional.');
    await form.getByRole('button', { name: 'Iniciar la entrega de cargo' }).click();
    await form.getByText('Solicitud enviada: cuando el Jefe de la Oficina la autorice').waitFor({ timeout: 30_000 });
    await h.lock();
  });

  it('the head authorizes the start, reading who replaces whom and the new key', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    await pending()
      .getByRole('button', { name: `Autorizar… Entrega de cargo: ${INCOMING.name} recibe el rol de ${ROLE}` })
      .click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar el cambio de custodios' });
    const facts = (await dialog.locator('.request-facts').textContent()) ?? '';
    expect(facts).toMatch(
      new RegExp(`${INCOMING.name} \\(${ROLE}, Nombrado o permanente\\): pasa a ser custodio con el rol de ${ROLE}; su llave: [0-9A-F-]+\\.`),
    );
    expect(facts).toContain(`Reemplaza a ${OUTGOING.name} (${fingerprintOf(outgoingId)}) cuando la entrega de cargo se complete.`);
    expect(facts).toContain('«Rosalinda pasa a la Oficina de Imagen Institucional.»');
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await h.checkAccessibility('autorizar la entrega');
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page().getByText('Decisión registrada y firmada.').waitFor({ timeout: 30_000 });
    // The home screen now shows the handover in progress, with what is left.
    const card = page().getByTestId('home-handover');
    expect(await card.getByTestId('handover-progress').textContent()).toBe('0 de 14 acciones hechas');
    expect(await card.getByTestId('handover-left').textContent()).toContain('Falta completar 3 cuentas.');
    expect(await card.getByTestId('handover-left').textContent()).toContain('1 credencial que vio el saliente sigue vigente (regla HAND-3).');
    await h.lock();
  });

  it('the incoming administrator unlocks with their new passphrase and reads the checklist', async () => {
    // Two administrators during the handover: the lock screen tells them apart by fingerprint.
    await page().getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    expect(
      await page()
        .getByRole('radio', { name: /Administrador de Cuentas/ })
        .count(),
    ).toBe(2);
    await h.unlockAs(asIncoming(), NEW_PASSPHRASES.incoming);
    await page()
      .getByRole('link', { name: `Abrir la entrega de cargo: ${ROLE}` })
      .click();
    await page()
      .getByRole('heading', { level: 1, name: `Entrega de cargo: ${ROLE}` })
      .waitFor();
    const parties = await page().getByRole('definition').allTextContents();
    expect(parties.slice(0, 3)).toEqual([OUTGOING.name, INCOMING.name, KNOWN.head]);
    expect(await page().getByTestId('handover-status').textContent()).toBe('En curso');
    const cards = page().getByTestId('handover-account');
    expect(await cards.count()).toBe(3);
    const page1 = cards.filter({ hasText: ACCOUNTS[0].displayName });
    expect(await page1.locator('li').allTextContents()).toEqual([
      expect.stringMatching(
        /^Pendiente Contraseña cambiada \(motivo «entrega de cargo»\)Falta una rotación .+Ir a la contraseña de Página Oficial Zafiroquinta$/,
      ),
      expect.stringMatching(
        /^Pendiente Roles de administración reasignadosEl saliente aún tiene un rol de administración.+Retirar los roles de Rosalinda Quispecahua Trelles$/,
      ),
      expect.stringMatching(/^Pendiente Sesiones abiertas cerradas en la plataformaFalta confirmar que se cerraron/),
      expect.stringMatching(/^Pendiente Correo y teléfono de recuperación actualizadosFalta registrar de nuevo/),
      expect.stringMatching(/^Pendiente Semilla de verificación en dos pasos reemplazadaFalta reemplazar la semilla/),
    ]);
    expect(await page1.textContent()).toContain('Dónde cerrarlas: Facebook: Configuración › Centro de cuentas');
    expect(await region('Credenciales que vio el saliente y siguen vigentes (regla HAND-3)').textContent()).toContain(
      `Contraseña de ${ACCOUNTS[0].displayName}, versión 1`,
    );
    expect(await page().getByRole('button', { name: 'Completar la entrega' }).isDisabled()).toBe(true);
    await h.checkAccessibility('entrega de cargo');
    await shot('61-entrega-de-cargo', 'entrega-de-cargo');
  });

  it('prints the draft acta while the handover is open', async () => {
    await page().getByRole('button', { name: 'Imprimir acta (borrador)' }).click();
    await page().getByText('Acta guardada.').waitFor({ timeout: 30_000 });
    expect(saved.at(-1)).toMatch(/acta-entrega-OCZQX-\d{4}-\d{2}-\d{2}-borrador\.pdf$/);
    expect(execFileSync('pdftotext', ['-layout', saved.at(-1)!, '-'], { encoding: 'utf8' })).toContain('BORRADOR');
  });

  it('the incoming administrator proposes the changes; the head authorizes them in one batch', async () => {
    for (const accountId of accountIds) await viaBridge('credentials.propose', { accountId, secret: freshSecret(), reason: 'handover' });
    for (const grant of h.services.staff.detail(h.services.staff.list().people.find((p) => p.name === OUTGOING.name)!.id).grants)
      await viaBridge('roles.revoke', { grantId: grant.id });
    await viaBridge('totp.propose', { accountId: accountIds[0]!, source: { secret: `${SEED}ABCD` } });
    await viaBridge('recovery.replace', { accountId: accountIds[1]!, block: codeBlock('nuevo') });
    await h.lock();
    await headAuthorizesAll(8, '62-autorizacion-en-lote');
  });

  it('the incoming administrator applies them: a rotation from the checklist’s link, the rest as the screens do', async () => {
    await h.unlockAs(asIncoming(), NEW_PASSPHRASES.incoming);
    await page()
      .getByRole('link', { name: `Abrir la entrega de cargo: ${ROLE}` })
      .click();
    await page()
      .getByRole('link', { name: `Ir a la contraseña de ${ACCOUNTS[0].displayName}` })
      .click();
    await page().getByRole('button', { name: 'Confirmar: aplicada en la plataforma' }).click();
    await page().getByRole('heading', { name: 'Contraseña vigente' }).waitFor();
    for (const accountId of accountIds.slice(1)) await viaBridge('rotation.confirmApplied', { accountId });
    const outgoing = h.services.staff.list().people.find((p) => p.name === OUTGOING.name)!.id;
    for (const grant of h.services.staff.detail(outgoing).grants) await viaBridge('roles.confirmApplied', { grantId: grant.id });
    for (const [i, a] of ACCOUNTS.entries()) await viaBridge('roles.grant', { accountId: accountIds[i]!, personId: incomingPerson, role: a.role });
    await h.lock();
    await headAuthorizesAll(3);
    await h.unlockAs(asIncoming(), NEW_PASSPHRASES.incoming);
    for (const grant of h.services.staff.detail(incomingPerson).grants) await viaBridge('roles.confirmApplied', { grantId: grant.id });
    // SEC-3 again: the recovery phone is now an institution phone the incoming administrator holds.
    const { deviceId } = await viaBridge('devices.add', {
      label: 'Teléfono del Administrador de Cuentas',
      number: '+51 987 300 400',
      institutionOwned: true,
      holderKeyholderId: incomingId(),
    });
    for (const accountId of accountIds)
      await viaBridge('twoStep.update', {
        accountId,
        twoStep: { method: 'totp_vault', recoveryDeviceId: deviceId, recoveryEmail: `wcondori@${KNOWN.domain}` },
      });
  });

  it('confirms the sessions closed on each platform; nothing is left, and proposes the completion', async () => {
    await openHandover();
    expect(await page().getByTestId('handover-progress').textContent()).toBe('11 de 14 acciones hechas');
    const done = page().getByTestId('handover-account').filter({ hasText: ACCOUNTS[0].displayName }).getByTestId('item-password_changed');
    expect(await done.textContent()).toMatch(new RegExp(`^Hecho Contraseña cambiada \\(motivo «entrega de cargo»\\) — ${INCOMING.name}, \\d{2}/\\d{2}/\\d{2}`));
    for (const a of ACCOUNTS) {
      await page()
        .getByRole('button', { name: `Confirmar sesiones cerradas en ${a.displayName}` })
        .click();
      await page()
        .getByRole('button', { name: `Confirmar sesiones cerradas en ${a.displayName}` })
        .waitFor({ state: 'detached' });
    }
    await page().getByTestId('handover-progress').filter({ hasText: '14 de 14 acciones hechas' }).waitFor();
    await page().getByText('No falta nada: la entrega puede completarse.').waitFor();
    await region('Credenciales que vio el saliente y siguen vigentes (regla HAND-3)').getByText('Ninguna').waitFor();
    const sessions = page().getByTestId('handover-account').filter({ hasText: ACCOUNTS[2].displayName }).getByTestId('item-sessions_closed');
    expect(await sessions.textContent()).toContain(`Hecho Sesiones abiertas cerradas en la plataforma — ${INCOMING.name}`);
    await h.checkAccessibility('entrega sin pendientes');
    await shot('63-entrega-sin-pendientes');
    await page().getByRole('button', { name: 'Completar la entrega' }).click();
    await page().getByText('Solicitud enviada: el Jefe de la Oficina la autoriza en Inicio.').waitFor();
    await h.lock();
  });

  it('the head authorizes the completion: the outgoing keyholder is revoked and the vault re-keyed, its progress shown', async () => {
    await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    await pending()
      .getByRole('button', { name: `Autorizar… Completar la entrega de cargo: revocar a ${OUTGOING.name} (${ROLE}) y volver a cifrar la bóveda` })
      .click();
    const dialog = page().getByRole('dialog', { name: 'Autorizar el cambio de custodios' });
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    const progress = dialog.getByTestId('rekey-progress');
    await progress.filter({ hasText: /La bóveda quedó cifrada con una llave nueva \(\d+ campos\)/ }).waitFor({ timeout: 60_000 });
    const fields = Number(/\((\d+) campos\)/.exec((await progress.textContent()) ?? '')?.[1]);
    expect(fields).toBeGreaterThan(20);
    expect(await progress.getByRole('progressbar', { name: 'Avance del nuevo cifrado de la bóveda' }).getAttribute('value')).toBe(String(fields));
    await h.checkAccessibility('recifrado');
    await shot('64-recifrado', 'entrega-recifrado', { dialog: true });
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await pending().getByText('No hay solicitudes que esperen su decisión.').waitFor();
    expect(await page().getByTestId('home-handover').count()).toBe(0);
  });

  it('the completed handover prints the final acta, with the three names, every account and the chain head', async () => {
    await openHandover();
    expect(await page().getByTestId('handover-status').textContent()).toBe('Completada');
    await page().getByText(`Entrega completada: ${OUTGOING.name} quedó revocado y la bóveda se volvió a cifrar.`).waitFor();
    await page().getByRole('button', { name: 'Imprimir acta', exact: true }).click();
    await page().getByText('Acta guardada.').waitFor({ timeout: 30_000 });
    await h.checkAccessibility('entrega completada');
    await shot('65-entrega-completada', 'entrega-completada');
    const path = saved.at(-1)!;
    expect(path).toMatch(/acta-entrega-OCZQX-\d{4}-\d{2}-\d{2}\.pdf$/);
    // Reading order (no -layout): a name that wraps in its table cell reads whole.
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).not.toContain('BORRADOR');
    for (const name of [OUTGOING.name, INCOMING.name, KNOWN.head, INCOMING.documentId, OUTGOING.documentId]) expect(text).toContain(name);
    for (const a of ACCOUNTS) expect(text).toContain(a.displayName);
    const head = await viaBridge('vault.home', {});
    expect(text).toContain(head.audit.headHash);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(SCREENSHOTS, '66-acta')]);
    expect(existsSync(join(SCREENSHOTS, '66-acta-1.png'))).toBe(true);
    // The keyholders: the outgoing one revoked, the incoming one active.
    await page().getByRole('button', { name: 'Custodios', exact: true }).click();
    await page().getByTestId('keyholder-row').filter({ hasText: OUTGOING.name }).filter({ hasText: 'Retirado' }).waitFor();
    const rows = await page().getByTestId('keyholder-row').allTextContents();
    expect(rows.find((r) => r.startsWith(OUTGOING.name))).toMatch(/Retirado revocado el \d{2}\/\d{2}\/\d{2}/);
    expect(rows.find((r) => r.startsWith(INCOMING.name))).toContain('Activo');
    await shot('67-custodios-tras-la-entrega');
    await h.lock();
  });

  it('the incoming administrator unlocks with their passphrase; the outgoing one is refused', async () => {
    await page().getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    // The lock screen still lists the outgoing administrator, marked revoked and not chosen by default.
    expect(await page().getByRole('radio').count()).toBe(3);
    const revoked = page().getByRole('radio', { name: new RegExp(`${ROLE} revocado .*${fingerprintOf(outgoingId)!}`) });
    expect(await revoked.isChecked()).toBe(false);
    expect(await page().getByText(fingerprintOf(incomingId())!).count()).toBe(1);
    await h.unlockAs(asIncoming(), NEW_PASSPHRASES.incoming);
    expect(h.services.audit.verify().ok).toBe(true);
    await h.lock();
    // The outgoing administrator picks their own slot and types the passphrase that opened it: refused by name (HAND-1).
    const before = h.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get();
    await revoked.check();
    await page().getByLabel('Frase de acceso').fill(KNOWN.adminPass);
    await page().getByRole('button', { name: 'Desbloquear' }).click();
    await page()
      .getByRole('alert')
      .filter({ hasText: 'Ese custodio fue revocado: su frase de acceso ya no abre la bóveda (HAND-1).' })
      .waitFor({ timeout: 30_000 });
    await h.checkAccessibility('custodio revocado en la pantalla de desbloqueo');
    await shot('68-saliente-rechazado');
    // The outgoing passphrase typed on the incoming administrator's slot opens nothing either.
    await page().getByRole('radio', { name: asIncoming() }).check();
    await page().getByLabel('Frase de acceso').fill(KNOWN.adminPass);
    await page().getByRole('button', { name: 'Desbloquear' }).click();
    await page()
      .getByRole('alert')
      .filter({ hasText: /^Frase de acceso incorrecta/ })
      .waitFor({ timeout: 30_000 });
    expect(h.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(before);
    await shot('68-saliente-rechazado');
  });

  it('ran under the CSP without a single violation', () => {
    expect(h.cspViolations).toEqual([]);
  });
});
