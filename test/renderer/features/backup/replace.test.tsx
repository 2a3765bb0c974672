import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplaceStatus } from '../../../../shared/vault-restore';
import { ReplaceVault } from '../../../../renderer/src/features/backup/ReplaceVault';
import { fakeMain, openAs } from '../staff/bridge';

const REQUEST = '77777777-7777-4777-8777-777777777777';
const ok = (value: unknown) => ({ ok: true as const, value });
const none: ReplaceStatus = { authorized: [] };
const authorized: ReplaceStatus = {
  authorized: [
    {
      requestId: REQUEST,
      file: 'viernes.custodia',
      createdAt: '2026-11-27T20:00:00.000Z',
      head: { seq: 412, hash: 'ab'.repeat(32), short: 'ABAB-ABAB-ABAB-ABAB' },
    },
  ],
};
const screenAs = (role: 'administrator' | 'head') => openAs(role, '/', <ReplaceVault timeZone="America/Lima" />);

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Reemplazar esta bóveda con una copia…» (issue 18)', () => {
  it('the administrator asks with a reason; main chooses the file; the screen says the head must authorize it', async () => {
    const main = fakeMain({
      'backup.replaceStatus': ok(none),
      'backup.proposeReplace': ok({ chosen: true, requestId: REQUEST, file: 'viernes.custodia' }),
    });
    screenAs('administrator');
    fireEvent.change(await screen.findByLabelText('Motivo del reemplazo'), { target: { value: 'Disco dañado' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reemplazar esta bóveda con una copia…' }));
    expect((await screen.findByTestId('replace-proposed')).textContent).toBe(
      'Solicitud enviada con la copia «viernes.custodia». El Jefe de la Oficina debe autorizarla en Inicio.',
    );
    expect(main.of('backup.proposeReplace')).toEqual([{ note: 'Disco dañado' }]);
  });

  it('the head does not propose it: the screen says who does', async () => {
    fakeMain({ 'backup.replaceStatus': ok(none) });
    screenAs('head');
    await screen.findByRole('heading', { name: 'Reemplazar esta bóveda con una copia' });
    expect(screen.queryByRole('button', { name: 'Reemplazar esta bóveda con una copia…' })).toBeNull();
    expect(screen.getByTestId('role-note')).toBeTruthy();
  });

  it('once authorized, performs it with the passphrase of the backup’s time; a refusal of main is shown translated', async () => {
    let refuse = true;
    const main = fakeMain({
      'backup.replaceStatus': ok(authorized),
      'backup.replace': () =>
        refuse
          ? { ok: false, error: { code: 'BACKUP_CHANGED', details: { file: 'viernes.custodia' } } }
          : ok({ replaced: true, aside: 'vault.sqlite.replaced-x', chainHead: authorized.authorized[0]!.head }),
    });
    screenAs('administrator');
    const form = await screen.findByTestId('replace-authorized');
    expect(form.textContent).toContain('«viernes.custodia» del 27/11/26');
    expect(form.textContent).toContain('n.º 412, ABAB-ABAB-ABAB-ABAB');
    const perform = within(form).getByRole('button', { name: 'Reemplazar ahora' }) as HTMLButtonElement;
    expect(perform.disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('Su frase de acceso de cuando se hizo la copia'), { target: { value: 'frase de entonces' } });
    fireEvent.click(perform);
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('«viernes.custodia» ya no es el que autorizó el Jefe de la Oficina'));
    refuse = false;
    fireEvent.change(within(form).getByLabelText('Su frase de acceso de cuando se hizo la copia'), { target: { value: 'frase de entonces' } });
    fireEvent.click(perform);
    await waitFor(() => expect(main.of('backup.replace')).toHaveLength(2));
    expect(main.of('backup.replace')[1]).toEqual({ requestId: REQUEST, passphrase: 'frase de entonces' });
  });
});
