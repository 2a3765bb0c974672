import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, KNOWN, foundingRequest, keyholderId, registerAccount, tempDir } from '../fixtures/vault';
import { openHarness, type Harness } from './harness';

/**
 * Issue 18's backup, in Spanish: the administrator saves the vault as one encrypted, signed file
 * (the system's dialog, answered by the test), reads its header back without a passphrase, and a
 * new workstation restores it with the head's passphrase: both chain heads shown and equal, then
 * the same vault unlocks there with the same chain head.
 */
const usb = tempDir('custodia-backup-usb-');
const file = join(usb, 'custodia-respaldo.custodia');
const choose = { saveTo: async () => file, openFrom: async () => file };
let office: Harness;
let fresh: Harness;
let head = '';

beforeAll(async () => {
  office = await openHarness({ backupFiles: choose });
  await office.services.setup.create(foundingRequest());
  const admin = office.services.sessions.require();
  const headActor = await office.services.sessions.authenticate(keyholderId(office.services, 'head'), KNOWN.headPass);
  registerAccount(office.services, admin, headActor, ACCOUNTS.facebook);
  office.services.sessions.release(headActor);
  await office.page.reload();
  await office.page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor();
});
afterAll(async () => {
  await office.close();
  await fresh?.close();
});

describe('a backup saved at the office and restored on a new workstation (es)', () => {
  it('the administrator saves a backup: where, how much, and the chain head it holds', async () => {
    const page = office.page;
    // A new vault is told at once that it has no backup yet; the notice leads to «Copias de seguridad».
    const reminder = page.getByTestId('backup-reminder');
    await reminder.waitFor();
    expect(await reminder.textContent()).toContain('Todavía no hay ninguna copia de seguridad');
    await reminder.getByRole('link', { name: 'Ir a Copias de seguridad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Copias de seguridad' }).waitFor();
    await page.getByRole('button', { name: 'Guardar una copia de seguridad…' }).click();
    const saved = page.getByTestId('backup-saved');
    await saved.waitFor({ timeout: 30_000 });
    const text = (await saved.textContent()) ?? '';
    // The notice names the file, never the folder it went to.
    expect(text).toMatch(/^Copia guardada en custodia-respaldo\.custodia: [\d.]+ registros, [\d,]+ KB\. Cabeza de la cadena de auditoría: [A-Z0-9-]+\.$/);
    head = /auditoría: ([A-Z0-9-]+)\.$/.exec(text)![1]!;
    expect(existsSync(file)).toBe(true);
    // The file holds nothing typed in clear.
    const bytes = readFileSync(file);
    for (const typed of [KNOWN.institution, ACCOUNTS.facebook.displayName, ACCOUNTS.facebook.loginIdentifier!])
      expect(bytes.includes(Buffer.from(typed)), typed).toBe(false);
    await office.checkAccessibility('copias de seguridad');
    await office.screenshot('98-copia-guardada');
  });

  it('reads the backup’s signed header back without any passphrase', async () => {
    const page = office.page;
    await page.getByRole('button', { name: 'Elegir un archivo de copia…' }).click();
    const facts = page.getByTestId('backup-facts');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('Es una copia de esta bóveda.');
    expect(await facts.textContent()).toContain(head);
  });

  it('replaces the office’s vault with that backup: asked by the administrator, authorized by the head, performed, the old file kept aside', async () => {
    const page = office.page;
    await page.getByLabel('Motivo del reemplazo').fill('Volver a la copia del día');
    await page.getByRole('button', { name: 'Reemplazar esta bóveda con una copia…' }).click();
    expect(await page.getByTestId('replace-proposed').textContent()).toContain('«custodia-respaldo.custodia»');
    await office.lock();
    await office.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
    const request = page
      .getByRole('region', { name: 'Solicitudes pendientes de autorización' })
      .getByRole('listitem')
      .filter({ hasText: /Reemplazar esta bóveda/ });
    await request.getByRole('button', { name: /Autorizar…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Autorizar el reemplazo de la bóveda con una copia' });
    await dialog.waitFor();
    const facts = (await dialog.textContent()) ?? '';
    expect(facts).toContain('La copia «custodia-respaldo.custodia»');
    expect(facts).toContain(head);
    expect(facts).toContain('La bóveda en uso');
    await office.checkAccessibility('autorizar el reemplazo de la bóveda');
    await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
    await dialog.getByRole('button', { name: 'Autorizar', exact: true }).click();
    await page.getByText('Decisión registrada y firmada.').waitFor({ timeout: 60_000 });
    await office.lock();
    await office.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    await page.getByRole('button', { name: 'Copias de seguridad' }).click();
    const form = page.getByTestId('replace-authorized');
    await form.waitFor();
    await form.getByLabel('Su frase de acceso de cuando se hizo la copia').fill(KNOWN.adminPass);
    await office.screenshot('98b-reemplazo-autorizado');
    await form.getByRole('button', { name: 'Reemplazar ahora' }).click();
    // The session ends with the replacement: the unlock screen, then the restored vault, with no rollback alarm.
    await office.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    expect(office.services.sessions.lastVisit()?.state).toBe('ok');
    expect(readdirSync(office.services.vault.dataDir).filter((n) => n.startsWith('vault.sqlite.replaced-'))).toHaveLength(1);
    expect(office.services.audit.verify({ full: true })).toMatchObject({ ok: true });
  });

  it('a new workstation restores it with the head’s passphrase: both heads shown and equal, then installed', async () => {
    fresh = await openHarness({ backupFiles: choose, dataDir: tempDir('custodia-new-workstation-') });
    const page = fresh.page;
    await page.getByRole('heading', { name: '¿Llega con una copia de seguridad?' }).waitFor();
    await page.getByRole('button', { name: 'Restaurar una copia de seguridad…' }).click();
    await page.getByTestId('backup-facts').waitFor();
    await page.getByRole('radio', { name: /^Jefe de la Oficina/ }).check();
    await page.getByLabel('Frase de contraseña (la que tenía cuando se hizo la copia)').fill(KNOWN.headPass);
    await page.getByRole('button', { name: 'Abrir y comprobar la copia' }).click();
    const checked = page.getByTestId('restore-checked');
    await checked.waitFor({ timeout: 60_000 });
    const text = (await checked.textContent()) ?? '';
    expect(text).toContain(`Copia de ${KNOWN.institution}`);
    expect(text.split(head)).toHaveLength(3);
    expect(text).toContain('Coinciden.');
    await fresh.checkAccessibility('restaurar una copia');
    await fresh.screenshot('99-copia-restaurada');
    await checked.getByRole('button', { name: 'Instalar esta copia en este equipo' }).click();
    await fresh.unlockAs(/Administrador de Cuentas/, KNOWN.adminPass);
    expect(await page.getByTestId('home-head').textContent()).not.toBe('');
    expect(fresh.services.accounts.list('').map((a) => a.displayName)).toEqual([ACCOUNTS.facebook.displayName]);
    expect(fresh.services.audit.verify({ full: true })).toMatchObject({ ok: true });
  });

  it('ran under the CSP without a single violation, in both', () => {
    expect(office.cspViolations).toEqual([]);
    expect(fresh.cspViolations).toEqual([]);
  });
});
