import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CsvPreview } from '../../../../shared/import';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: unknown) => ({ ok: true as const, value });
const CSV = 'Red social;Cuenta;Usuario;Clave\nfacebook;Página Oficial;prensa@zafiroquinta.gob.pe;Vq7#kP2!xL9@mZ4$wR8\n';
const columns: CsvPreview['columns'] = [
  { index: 0, header: 'Red social', suggested: 'platform' },
  { index: 1, header: 'Cuenta', suggested: 'displayName' },
  { index: 2, header: 'Usuario', suggested: 'loginIdentifier' },
  { index: 3, header: 'Clave', suggested: 'ignore' },
];
const counts = { rows: 3, ok: 1, rotateNow: 1, refused: 1, withPassword: 2, withTotp: 0 };
const checked: CsvPreview = {
  delimiter: ';',
  columns,
  counts,
  rows: [
    { row: 2, verdict: 'ok', problems: [], account: { platform: 'facebook', displayName: 'Página Oficial', withPassword: true, withTotp: false } },
    {
      row: 3,
      verdict: 'rotate_now',
      problems: [{ field: 'password', reason: 'password_policy', rule: 'POL-1', details: {} }],
      account: { platform: 'x', displayName: 'Cuenta X', withPassword: true, withTotp: false },
    },
    {
      row: 4,
      verdict: 'refused',
      problems: [{ field: 'loginIdentifier', reason: 'free_email', rule: 'SEC-2', details: { domain: 'gmail.com' } }],
      account: { platform: 'instagram', displayName: 'Instagram', withPassword: false, withTotp: false },
    },
  ],
};

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Importar el inventario inicial» (issue 18)', () => {
  it('reads the columns, maps them from main’s guess, shows each row’s verdict with its number and rule, and proposes one request', async () => {
    const main = fakeMain({
      'import.csvPreview': (payload) => ok((payload as { mapping: unknown[] }).mapping.length === 0 ? { ...checked, rows: [], columns } : checked),
      'import.csvPropose': ok({ requestId: '33333333-3333-4333-8333-333333333333', accountIds: ['a', 'b'], preview: checked }),
    });
    openAs('administrator', '/accounts/import');
    fireEvent.change(await screen.findByLabelText('Archivo CSV'), { target: { files: [new File([CSV], 'cuentas.csv', { type: 'text/csv' })] } });
    const read = screen.getByRole('button', { name: 'Leer las columnas' });
    await waitFor(() => expect((read as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(read);
    const password = (await screen.findByLabelText('Columna 4: «Clave»')) as HTMLSelectElement;
    expect(password.value).toBe('ignore');
    expect((screen.getByLabelText('Columna 1: «Red social»') as HTMLSelectElement).value).toBe('platform');
    expect(main.of('import.csvPreview')[0]).toEqual({ text: CSV, delimiter: 'auto', hasHeader: true, mapping: [] });
    fireEvent.change(password, { target: { value: 'password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revisar las filas' }));
    expect((await screen.findByTestId('import-counts')).textContent).toBe('3 filas: 1 se importan, 1 se importan para rotar ya, 1 rechazadas.');
    expect(main.of('import.csvPreview')[1]).toMatchObject({
      mapping: [
        { column: 0, field: 'platform' },
        { column: 1, field: 'displayName' },
        { column: 2, field: 'loginIdentifier' },
        { column: 3, field: 'password' },
      ],
    });
    const refused = within(screen.getByTestId('import-rows')).getByText('4').closest('tr')!;
    expect(refused.textContent).toContain('Rechazada');
    expect(refused.textContent).toContain('Usuario o correo de acceso: correo de un proveedor gratuito, no institucional · Regla SEC-2');
    fireEvent.change(screen.getByLabelText('Nota para el Jefe de la Oficina'), { target: { value: 'Planilla de la gestión anterior' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la importación (2 cuentas)' }));
    expect(await screen.findByText(/Inventario inicial solicitado: 2 cuentas/)).toBeTruthy();
    expect(main.of('import.csvPropose')[0]).toMatchObject({ text: CSV, note: 'Planilla de la gestión anterior' });
  });

  it('the head is not offered the import: it says who proposes it and who authorizes it', async () => {
    fakeMain();
    openAs('head', '/accounts/import');
    expect(await screen.findByTestId('role-note')).toBeTruthy();
    expect(screen.queryByLabelText('Archivo CSV')).toBeNull();
  });
});
