import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupFacts } from '../../../../shared/backup';
import { RestoreBackup } from '../../../../renderer/src/features/backup/RestoreBackup';
import { fakeMain, openAs } from '../staff/bridge';

const HANDLE = '55555555-5555-4555-8555-555555555555';
const ADMIN_SLOT = '11111111-1111-4111-8111-111111111111';
const HEAD_SLOT = '22222222-2222-4222-8222-222222222222';
const ok = (value: unknown) => ({ ok: true as const, value });
const head = { seq: 412, hash: 'ab'.repeat(32), short: 'ABAB-ABAB-ABAB' };
const facts: BackupFacts = {
  format: 'custodia-backup/1',
  createdAt: '2026-11-27T20:00:00.000Z',
  vaultId: '66666666-6666-4666-8666-666666666666',
  chainHead: head,
  counts: { accounts: 12, credential_versions: 40, audit_events: 412 },
  keyholders: [
    { id: ADMIN_SLOT, role: 'administrator', fingerprint: 'AAAA-BBBB' },
    { id: HEAD_SLOT, role: 'head', fingerprint: 'CCCC-DDDD' },
  ],
  signer: { keyholderId: ADMIN_SLOT, fingerprint: 'AAAA-BBBB' },
  bytes: 3 * 1024 * 1024,
};
const inspected = ok({ chosen: true, handle: HANDLE, file: 'custodia-2026-11-27.custodia', facts, sameVault: null });

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Copias de seguridad» (issue 18)', () => {
  it('saves a backup where main’s dialog chose and says where, how much and the chain head; a cancelled dialog saves nothing', async () => {
    let saved = true;
    const main = fakeMain({
      'backup.create': () =>
        ok(
          saved
            ? {
                saved: true,
                file: '/media/usb/custodia-2026-11-28.custodia',
                createdAt: facts.createdAt,
                chainHead: head,
                counts: facts.counts,
                bytes: facts.bytes,
              }
            : { saved: false },
        ),
    });
    openAs('administrator', '/backup');
    fireEvent.click(await screen.findByRole('button', { name: 'Guardar una copia de seguridad…' }));
    expect((await screen.findByTestId('backup-saved')).textContent).toBe(
      'Copia guardada en /media/usb/custodia-2026-11-28.custodia: 464 registros, 3 MB. Cabeza de la cadena de auditoría: ABAB-ABAB-ABAB.',
    );
    expect(main.of('backup.create')).toEqual([{}]);
    saved = false;
    fireEvent.click(screen.getByRole('button', { name: 'Guardar una copia de seguridad…' }));
    await waitFor(() => expect(screen.getByTestId('backup-saved').textContent).toBe('No se guardó ninguna copia.'));
  });

  it('checks a file’s signed header without a passphrase; a refusal of main is shown translated', async () => {
    let reply: unknown = inspected;
    fakeMain({ 'backup.inspect': () => reply as never });
    openAs('head', '/backup');
    fireEvent.click(await screen.findByRole('button', { name: 'Elegir un archivo de copia…' }));
    const shown = await screen.findByTestId('backup-facts');
    expect(within(shown).getByText('Cabecera y firma verificadas; el contenido está completo y sin alteraciones.')).toBeTruthy();
    expect(within(shown).getByText('Administrador de Cuentas (AAAA-BBBB), Jefe de la Oficina (CCCC-DDDD)')).toBeTruthy();
    reply = { ok: false, error: { code: 'BACKUP_CORRUPT' } };
    fireEvent.click(screen.getByRole('button', { name: 'Elegir un archivo de copia…' }));
    expect(await screen.findByText(/está dañada o incompleta/)).toBeTruthy();
    expect(screen.queryByTestId('backup-facts')).toBeNull();
  });
});

describe('restore on a workstation without a vault (issue 18)', () => {
  it('chooses, opens with a keyholder of that backup, shows both chain heads, installs, and hands over to the lock screen', async () => {
    const main = fakeMain({
      'backup.inspect': inspected,
      'backup.open': (payload) =>
        (payload as { passphrase: string }).passphrase === 'frase correcta'
          ? ok({
              handle: HANDLE,
              institution: { name: 'Congreso de Zafiroquinta', acronym: 'CZ' },
              createdAt: facts.createdAt,
              header: head,
              restored: head,
              counts: facts.counts,
              events: 412,
              installable: true,
            })
          : { ok: false, error: { code: 'UNLOCK_FAILED' } },
      'backup.restore': ok({ installed: true, chainHead: head }),
    });
    const restored = vi.fn();
    render(<RestoreBackup onRestored={restored} />);
    fireEvent.click(screen.getByRole('button', { name: 'Restaurar una copia de seguridad…' }));
    fireEvent.click(await screen.findByLabelText('Jefe de la Oficina · huella CCCC-DDDD'));
    const passphrase = screen.getByLabelText('Frase de contraseña (la que tenía cuando se hizo la copia)');
    fireEvent.change(passphrase, { target: { value: 'otra frase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Abrir y comprobar la copia' }));
    await waitFor(() => expect(main.of('backup.open')).toHaveLength(1));
    expect(screen.queryByTestId('restore-checked')).toBeNull();
    expect((passphrase as HTMLInputElement).value).toBe('');
    fireEvent.change(passphrase, { target: { value: 'frase correcta' } });
    fireEvent.click(screen.getByRole('button', { name: 'Abrir y comprobar la copia' }));
    const checked = await screen.findByTestId('restore-checked');
    expect(main.of('backup.open')[1]).toEqual({ handle: HANDLE, keyholderId: HEAD_SLOT, passphrase: 'frase correcta' });
    expect(within(checked).getAllByText('ABAB-ABAB-ABAB')).toHaveLength(2);
    expect(within(checked).getByText(/Coinciden\./)).toBeTruthy();
    expect(restored).not.toHaveBeenCalled();
    fireEvent.click(within(checked).getByRole('button', { name: 'Instalar esta copia en este equipo' }));
    await waitFor(() => expect(restored).toHaveBeenCalledTimes(1));
    expect(main.of('backup.restore')).toEqual([{ handle: HANDLE }]);
  });
});
