import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  INCIDENT_ACTIONS,
  INCIDENT_KINDS,
  INCIDENT_MISSING,
  OUTSIDE_CHANGE_KINDS,
  REPORT_RECIPIENTS,
  type IncidentSummary,
  type IncidentView,
} from '../../../../shared/incidents';
import { ACCOUNT, ADMIN } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const INCIDENT = '77777777-7777-4777-8777-777777777777';
const ok = (value: unknown) => ({ ok: true as const, value });
const admin = { keyholderId: ADMIN, name: 'Rosalinda Quispecahua' };

const summary: IncidentSummary = {
  incidentId: INCIDENT,
  kind: 'device_lost',
  status: 'open',
  occurredAt: '2026-12-01T15:00:00.000Z',
  recordedAt: '2026-12-01T15:05:00.000Z',
  closedAt: null,
  accountCount: 1,
  left: 4,
  reported: false,
};

function incident(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    ...summary,
    description: 'Se perdió el celular de prensa.',
    recordedBy: admin,
    closedBy: null,
    accounts: [
      {
        accountId: ACCOUNT,
        accountName: 'Página Oficial Zafiroquinta',
        platform: 'facebook',
        actions: [
          { action: 'rotate_password', state: 'open', missing: 'awaiting_apply', by: null, at: null, confirmable: false, byBaja: false },
          { action: 'close_sessions', state: 'open', missing: 'confirmation_missing', by: null, at: null, confirmable: true, byBaja: false },
          { action: 'review_roles', state: 'done', missing: null, by: admin, at: '2026-12-01T16:00:00.000Z', confirmable: false, byBaja: false },
          { action: 'replace_seed', state: 'open', missing: 'seed_not_replaced', by: null, at: null, confirmable: false, byBaja: false },
        ],
      },
    ],
    reports: [],
    outsideChanges: [],
    complete: false,
    ...overrides,
  };
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Incidentes de seguridad» (SUP-2)', () => {
  it('shows each action of each account, what is missing and where it is done, never a checkbox for a rotation', async () => {
    fakeMain({ 'incidents.get': ok(incident()) });
    openAs('administrator', `/incidents/${INCIDENT}`);
    const account = await screen.findByRole('region', { name: 'Página Oficial Zafiroquinta' });
    const rows = within(account).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['open', 'open', 'done', 'open']);
    expect(rows[0]!.textContent).toContain('Autorizado: falta confirmarlo aplicado en la plataforma.');
    expect(rows[2]!.textContent).toMatch(/^Roles revisadosHecho por Rosalinda Quispecahua, 1\/12\/26/);
    expect(within(rows[0]!).getByRole('link', { name: 'Ir a la contraseña de la cuenta' }).getAttribute('href')).toBe(`/accounts/${ACCOUNT}/password`);
    expect(within(rows[3]!).getByRole('link', { name: 'Ir al segundo paso de la cuenta' }).getAttribute('href')).toBe(`/accounts/${ACCOUNT}/two-step`);
    // Only the sessions are confirmed by hand.
    expect(
      within(account)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Confirmar «Sesiones abiertas cerradas» en Página Oficial Zafiroquinta']);
    expect(screen.getByText('Aún no se registró a quién se reportó el incidente.')).toBeTruthy();
  });

  it('confirms the sessions through incidents.confirm, and shows the closing’s refusal with its rule', async () => {
    const main = fakeMain({
      'incidents.get': ok(incident()),
      'incidents.confirm': ok(null),
      'incidents.close': { ok: false, error: { code: 'INCIDENT_INCOMPLETE', rule: 'SUP-2', details: { reason: 'unreported', actions: 3 } } },
    });
    openAs('administrator', `/incidents/${INCIDENT}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirmar «Sesiones abiertas cerradas» en Página Oficial Zafiroquinta' }));
    await waitFor(() => expect(main.of('incidents.confirm')).toEqual([{ incidentId: INCIDENT, accountId: ACCOUNT, action: 'close_sessions' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Cerrar el incidente' }));
    const alert = await screen.findByText(/El incidente no puede cerrarse: faltan 3 acciones/);
    expect(alert.textContent).toContain('CERT nacional');
    expect(alert.textContent).toContain('SUP-2');
  });

  it('records the report through incidents.report', async () => {
    const main = fakeMain({ 'incidents.get': ok(incident()), 'incidents.report': ok(null) });
    openAs('administrator', `/incidents/${INCIDENT}`);
    fireEvent.change(await screen.findByLabelText('Reportado a'), { target: { value: 'national_cert' } });
    fireEvent.change(screen.getByLabelText('Referencia o número de caso'), { target: { value: 'CERT-2026-77' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registrar el reporte' }));
    await waitFor(() => expect(main.of('incidents.report')).toHaveLength(1));
    expect(main.of('incidents.report')[0]).toMatchObject({ incidentId: INCIDENT, recipient: 'national_cert', reference: 'CERT-2026-77' });
  });

  it('the head reads the incident but is offered no confirmation, form or closing', async () => {
    fakeMain({ 'incidents.get': ok(incident()) });
    openAs('head', `/incidents/${INCIDENT}`);
    await screen.findByRole('region', { name: 'Página Oficial Zafiroquinta' });
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByLabelText('Reportado a')).toBeNull();
  });

  it('records a new incident with its accounts through incidents.record and opens it', async () => {
    const main = fakeMain({ 'incidents.list': ok([]), 'incidents.record': ok({ incidentId: INCIDENT }), 'incidents.get': ok(incident()) });
    const router = openAs('administrator', '/incidents');
    fireEvent.click(await screen.findByRole('button', { name: 'Registrar un incidente…' }));
    fireEvent.change(screen.getByLabelText('Tipo de incidente'), { target: { value: 'phishing' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Página Oficial Zafiroquinta' }));
    fireEvent.change(screen.getByLabelText('Qué pasó'), { target: { value: 'Correo de suplantación' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registrar el incidente' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/incidents/${INCIDENT}`));
    expect(main.of('incidents.record')).toEqual([
      expect.objectContaining({
        kind: 'phishing',
        accountIds: [ACCOUNT],
        description: 'Correo de suplantación',
        occurredTime: expect.stringMatching(/^\d\d:\d\d$/),
      }),
    ]);
  });

  it('lists incidents with what is left of each', async () => {
    fakeMain({ 'incidents.list': ok([summary, { ...summary, incidentId: ACCOUNT, status: 'closed', left: 0, closedAt: '2026-12-02T00:00:00Z' }]) });
    openAs('head', '/incidents');
    const rows = await screen.findAllByTestId('incident-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Equipo perdido o robado1Abierto · Quedan 4 pendientes'),
      expect.stringContaining('Cerrado'),
    ]);
    expect(screen.queryByRole('button', { name: 'Registrar un incidente…' })).toBeNull();
  });

  it('words every kind, action, missing reason, recipient and outside change in both languages, never a key', () => {
    const groups: [string, readonly string[]][] = [
      ['kinds', INCIDENT_KINDS],
      ['actions', INCIDENT_ACTIONS],
      ['missing', INCIDENT_MISSING],
      ['recipients', REPORT_RECIPIENTS],
      ['outsideKinds', OUTSIDE_CHANGE_KINDS],
    ];
    for (const lng of ['es', 'en'] as const)
      for (const [group, ids] of groups)
        for (const id of ids) {
          const text: string = String(i18n.t(`incidents.${group}.${id}` as never, { lng }));
          expect(text, `${lng} ${group}.${id}`).not.toContain('incidents.');
          expect(text.length).toBeGreaterThan(3);
        }
  });
});
