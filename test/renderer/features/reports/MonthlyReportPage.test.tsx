import { fireEvent, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { MONTHLY_REPORT_FORMAT, type MonthlyReportView } from '../../../../shared/reports';
import { FormularioButton } from '../../../../renderer/src/features/reports/FormularioButton';
import { recentMonths } from '../../../../renderer/src/features/reports/MonthlyReportPage';
import { HEAD } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: unknown) => ({ ok: true as const, value });
const REQUEST = '99999999-9999-4999-8999-999999999999';

function report(month: string, complete = true): MonthlyReportView {
  const zero = { password_changed: 0, two_step_changed: 0, role_added: 0, role_removed: 0, recovery_contact_changed: 0, profile_changed: 0, other: 0 };
  return {
    format: MONTHLY_REPORT_FORMAT,
    institution: { name: 'Oficina de Comunicaciones Zafiroquinta', acronym: 'OCZQX' },
    month,
    period: { from: '2026-10-01T05:00:00.000Z', to: '2026-11-01T05:00:00.000Z', timeZone: 'America/Lima' },
    complete,
    generatedAt: '2026-11-02T15:00:00.000Z',
    figures: {
      changes: { passwords: 3, twoStep: 0, authorized: 3, outside: 1, outsideByKind: { ...zero, password_changed: 1 }, total: 4, sharePercent: 75 },
      rotations: {
        applied: 2,
        onTime: 1,
        late: 1,
        byReason: { creation: 0, scheduled: 2, handover: 0, incident: 0, exposure: 0, decommission: 0 },
        overdueAtMonthEnd: 2,
        accountsAtMonthEnd: 3,
      },
      exposures: { revealed: 1, copied: 0, institutional_email: 0, in_person: 0, exported: 0, seedsShown: 0, recoveryCodes: 0, total: 1 },
      requests: {
        roleGrants: 0,
        roleRevocations: 0,
        altas: 1,
        modificaciones: 0,
        bajas: 0,
        peopleRegistered: 0,
        peopleUpdated: 0,
        departures: 0,
        inventoryImports: 0,
        vaultExports: 0,
        rejected: 0,
      },
      incidents: { recorded: 1, closed: 0, openAtMonthEnd: 1 },
      handovers: { started: 0, completed: 0 },
    },
    compliance: { at: '2026-11-02T15:00:00.000Z', red: 4, amber: 2, accountsRed: 2, peopleRed: 0, byRule: [] },
    audit: { seq: 41, head: 'ab'.repeat(32) },
    signer: null,
  };
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Informe mensual» (SUP-3)', () => {
  const previous = recentMonths(new Date(), 'America/Lima')[1]!;

  it('shows the last complete month’s indicator and figures; the head signs with their passphrase', async () => {
    const main = fakeMain({
      'reports.monthly': (p) => ok(report((p as { month: string }).month)),
      'reports.signMonthly': ok({ saved: true, digest: 'cd'.repeat(32), fingerprint: '492D-B3CD-7E20-7DB8-336C' }),
    });
    openAs('head', '/reports');
    expect((await screen.findByTestId('report-share')).textContent).toContain('3 de 4 (75 %)');
    expect(main.of('reports.monthly')).toEqual([{ month: previous }]);
    const table = screen.getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Cambios hechos fuera de Custodia (SUP-2)' }).nextSibling?.textContent).toContain('1');
    expect(within(table).getByRole('rowheader', { name: 'Tarde' }).nextSibling?.textContent).toContain('1');

    fireEvent.click(screen.getByRole('button', { name: 'Firmar e imprimir' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Frase de acceso del Jefe de la Oficina'), { target: { value: 'murciélago sereno' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Firmar e imprimir' }));
    expect((await screen.findByTestId('report-signed')).textContent).toContain('Huella de la clave: 492D-B3CD-7E20-7DB8-336C');
    expect(main.of('reports.signMonthly')).toEqual([{ month: previous, signerId: HEAD, passphrase: 'murciélago sereno' }]);
  });

  it('a refused signature is shown, translated, with its rule; a month in course cannot be signed', async () => {
    fakeMain({
      'reports.monthly': (p) => ok(report((p as { month: string }).month, (p as { month: string }).month !== recentMonths(new Date(), 'America/Lima')[0])),
      'reports.signMonthly': { ok: false, error: { code: 'UNLOCK_FAILED', details: { fingerprint: '492D' } } },
    });
    openAs('head', '/reports');
    await screen.findByTestId('report-share');
    fireEvent.click(screen.getByRole('button', { name: 'Firmar e imprimir' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Frase de acceso del Jefe de la Oficina'), { target: { value: 'otra' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Firmar e imprimir' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Frase de acceso incorrecta');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancelar' }));

    fireEvent.change(screen.getByLabelText('Mes'), { target: { value: recentMonths(new Date(), 'America/Lima')[0] } });
    expect(await screen.findByText(/Mes en curso: cifras parciales/)).not.toBeNull();
    expect((screen.getByRole('button', { name: 'Firmar e imprimir' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('the administrator reads the figures but is told the head signs', async () => {
    fakeMain({ 'reports.monthly': (p) => ok(report((p as { month: string }).month)) });
    openAs('administrator', '/reports');
    await screen.findByTestId('report-share');
    expect(screen.queryByRole('button', { name: 'Firmar e imprimir' })).toBeNull();
    expect(document.querySelector('.role-note')?.textContent).toContain('Jefe de la Oficina');
  });
});

describe('«Imprimir Formulario A/B» (LIFE-4)', () => {
  it('prints a pending alta as a draft through main; nothing is offered for a password change', async () => {
    const main = fakeMain({ 'reports.formulario': ok({ form: 'A', draft: true, saved: true }) });
    openAs(
      'administrator',
      '/',
      <>
        <FormularioButton request={{ id: REQUEST, kind: 'account.create', state: 'pending' }} />
        <FormularioButton request={{ id: REQUEST, kind: 'credential.rotate', state: 'pending' }} />
      </>,
    );
    const buttons = await screen.findAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Imprimir Formulario A']);
    fireEvent.click(buttons[0]!);
    expect((await screen.findByRole('status')).textContent).toContain('Formulario A guardado como BORRADOR');
    expect(main.of('reports.formulario')).toEqual([{ requestId: REQUEST }]);
  });

  it('a person’s request prints Formulario B; a cancelled dialog says nothing was saved', async () => {
    fakeMain({ 'reports.formulario': ok({ form: 'B', draft: false, saved: false }) });
    openAs('head', '/', <FormularioButton request={{ id: REQUEST, kind: 'person.register', state: 'applied' }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimir Formulario B' }));
    expect((await screen.findByRole('status')).textContent).toContain('No se guardó ningún archivo.');
  });
});
