import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KdbxPreview } from '../../../../shared/kdbx-import';
import { KdbxImport } from '../../../../renderer/src/features/import/KdbxImport';
import { unlockedAs } from '../../fixtures';
import { fakeMain } from '../staff/bridge';

const ok = (value: unknown) => ({ ok: true as const, value });
const BYTES = new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0xff, 0x00]);
const preview = (platform: 'facebook' | null): KdbxPreview => ({
  version: '4.0',
  groups: [{ path: 'Redes/Prensa', entries: 1 }],
  counts: { rows: 1, ok: platform ? 1 : 0, rotateNow: 0, refused: platform ? 0 : 1, withPassword: 1, withTotp: 1 },
  rows: [
    platform
      ? { row: 1, label: 'Redes/Prensa/Página', verdict: 'ok', problems: [], account: { platform, displayName: 'Página', withPassword: true, withTotp: true } }
      : {
          row: 1,
          label: 'Redes/Prensa/Página',
          verdict: 'refused',
          problems: [{ field: 'platform', reason: 'platform_unknown', rule: null, details: {} }],
          account: null,
        },
  ],
});

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the KeePass file as a source of the initial inventory (issue 18)', () => {
  it('sends the file’s bytes and its passphrase, a platform per group, and empties the passphrase once proposed', async () => {
    const main = fakeMain({
      'import.kdbxPreview': (payload) => ok(preview((payload as { groupPlatforms: unknown[] }).groupPlatforms.length > 0 ? 'facebook' : null)),
      'import.kdbxPropose': ok({ requestId: '33333333-3333-4333-8333-333333333333', accountIds: ['a'], preview: preview('facebook') }),
    });
    render(unlockedAs('administrator', <KdbxImport />));
    fireEvent.change(screen.getByLabelText('Archivo de KeePass (.kdbx)'), { target: { files: [new File([BYTES], 'oficina.kdbx')] } });
    const passphrase = screen.getByLabelText('Frase del archivo de KeePass') as HTMLInputElement;
    fireEvent.change(passphrase, { target: { value: 'frase del archivo' } });
    const check = screen.getByRole('button', { name: 'Abrir y revisar las entradas' });
    await waitFor(() => expect((check as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(check);
    expect((await screen.findByTestId('kdbx-counts')).textContent).toBe('1 filas: 0 se importan, 0 se importan para rotar ya, 1 rechazadas.');
    expect(main.of('import.kdbxPreview')[0]).toEqual({ file: Buffer.from(BYTES).toString('base64'), passphrase: 'frase del archivo', groupPlatforms: [] });
    expect(screen.getByText('Redes/Prensa/Página')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Grupo «Redes/Prensa» (1 entrada)'), { target: { value: 'facebook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Abrir y revisar las entradas' }));
    await waitFor(() => expect(screen.getByTestId('kdbx-counts').textContent).toMatch(/^1 filas: 1 se importan/));
    expect(main.of('import.kdbxPreview')[1]).toMatchObject({ groupPlatforms: [{ group: 'Redes/Prensa', platform: 'facebook' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la importación (1 cuenta)' }));
    expect(await screen.findByText(/Inventario inicial solicitado: 1 cuenta queda/)).toBeTruthy();
    expect(passphrase.value).toBe('');
  });

  it('a wrong passphrase is shown as main refused it, translated', async () => {
    fakeMain({ 'import.kdbxPreview': { ok: false, error: { code: 'IMPORT_KDBX_PASSPHRASE' } } });
    render(unlockedAs('administrator', <KdbxImport />));
    fireEvent.change(screen.getByLabelText('Archivo de KeePass (.kdbx)'), { target: { files: [new File([BYTES], 'oficina.kdbx')] } });
    fireEvent.change(screen.getByLabelText('Frase del archivo de KeePass'), { target: { value: 'otra' } });
    const check = screen.getByRole('button', { name: 'Abrir y revisar las entradas' });
    await waitFor(() => expect((check as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(check);
    expect((await screen.findByRole('alert')).textContent).toMatch(/KeePass/);
  });
});
