import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExportStatus } from '../../../../shared/export';
import { fakeMain, openAs } from '../staff/bridge';

/** «Exportar» on the backups page (issue 18, scope 5): the inventory without secrets, and the co-signed KeePass export. */
const REQUEST = '77777777-7777-4777-8777-777777777777';
const ok = (value: unknown) => ({ ok: true as const, value });
const none: ExportStatus = { ready: [], pending: null, minLength: 16 };
const ready: ExportStatus = {
  ready: [{ requestId: REQUEST, authorizedAt: '2026-11-28T15:00:00.000Z', expiresAt: '2026-11-29T14:00:00.000Z' }],
  pending: null,
  minLength: 16,
};
const PASS = 'cóndor pizarra nublada 81 ribera';

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Exportar» (issue 18)', () => {
  it('saves the inventory where main’s dialog chose; a cancelled dialog says nothing was saved', async () => {
    let saved = true;
    const main = fakeMain({
      'export.status': ok(none),
      'export.inventory': () => ok(saved ? { saved: true, file: 'inventario-OCZQX-2026-11-28.csv', accounts: 12 } : { saved: false }),
    });
    openAs('head', '/backup');
    fireEvent.click(await screen.findByRole('button', { name: 'Exportar el inventario (sin contraseñas)…' }));
    expect((await screen.findByTestId('inventory-saved')).textContent).toBe('Inventario guardado en inventario-OCZQX-2026-11-28.csv: 12 cuentas.');
    expect(main.of('export.inventory')).toEqual([{}]);
    saved = false;
    fireEvent.click(screen.getByRole('button', { name: 'Exportar el inventario (sin contraseñas)…' }));
    await waitFor(() => expect(screen.getByTestId('inventory-saved').textContent).toBe('No se guardó ningún archivo.'));
  });

  it('the administrator requests the KeePass export with a note; the request then waits for the head', async () => {
    let status: ExportStatus = none;
    const main = fakeMain({
      'export.status': () => ok(status),
      'export.propose': () => {
        status = { ...none, pending: { requestId: REQUEST, expiresAt: '2026-11-29T14:00:00.000Z' } };
        return ok({ requestId: REQUEST });
      },
    });
    openAs('administrator', '/backup');
    fireEvent.change(await screen.findByLabelText('Motivo y destinatario (por ejemplo, «copia para el auditor»)'), {
      target: { value: 'Copia para el auditor' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la exportación…' }));
    expect((await screen.findByTestId('kdbx-pending')).textContent).toContain('espera la autorización del Jefe de la Oficina');
    expect(main.of('export.propose')).toEqual([{ note: 'Copia para el auditor' }]);
  });

  it('the head does not request it: the page says who does and who authorizes', async () => {
    fakeMain({ 'export.status': ok(none) });
    openAs('head', '/backup');
    await screen.findByRole('button', { name: 'Exportar el inventario (sin contraseñas)…' });
    expect(screen.queryByRole('button', { name: 'Solicitar la exportación…' })).toBeNull();
  });

  it('once authorized: the passphrase typed twice, sent with the request id; a refusal is shown translated with its rule', async () => {
    let refuse = true;
    const main = fakeMain({
      'export.status': ok(ready),
      'export.kdbx': () =>
        refuse
          ? { ok: false as const, error: { code: 'EXPORT_PASSPHRASE_WEAK', rule: 'POL-1', details: { reason: 'length', min: 16, length: 10 } } }
          : ok({ saved: true, file: 'custodia-OCZQX-2026-11-28.kdbx', accounts: 12, passwords: 11, seeds: 3 }),
    });
    openAs('administrator', '/backup');
    const save = await screen.findByRole('button', { name: 'Guardar el archivo KeePass…' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Contraseña del archivo KeePass (al menos 16 caracteres, POL-1)'), { target: { value: PASS } });
    fireEvent.change(screen.getByLabelText('Repita la contraseña del archivo'), { target: { value: `${PASS}x` } });
    expect(screen.getByText('Las dos contraseñas no coinciden.')).toBeTruthy();
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Repita la contraseña del archivo'), { target: { value: PASS } });
    fireEvent.click(save);
    expect(await screen.findByText(/necesita al menos 16 caracteres \(tiene 10\)/)).toBeTruthy();
    refuse = false;
    fireEvent.click(save);
    expect((await screen.findByTestId('kdbx-saved')).textContent).toBe(
      'Archivo KeePass guardado en custodia-OCZQX-2026-11-28.kdbx. Cuentas: 12; contraseñas: 11; semillas: 3; todas registradas como vistas por usted.',
    );
    expect(main.of('export.kdbx')).toEqual([
      { requestId: REQUEST, passphrase: PASS, confirm: PASS },
      { requestId: REQUEST, passphrase: PASS, confirm: PASS },
    ]);
  });
});
