import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffDetail } from '../../../../shared/staff';
import { ACCOUNT, PERSON, person } from '../../fixtures';
import { fakeMain, openAs } from './bridge';

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

const GRANT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const DEVICE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const REQUEST = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const on = { accountId: ACCOUNT, accountName: 'Página Oficial Zafiroquinta', platform: 'facebook' } as const;

/** The same community manager, leaving: a role being revoked, a password to change, a list to leave, a phone to return. */
const leaving: StaffDetail = {
  ...person,
  status: 'leaving',
  openItems: 3,
  leavingAt: '2026-11-28T15:00:00Z',
  grants: [
    {
      id: GRANT,
      ...on,
      personId: PERSON,
      personName: person.name,
      role: 'partial_content',
      admin: false,
      state: 'active',
      grantedAt: '2026-11-02T15:00:00Z',
      revokedAt: null,
    },
  ],
  exposures: [{ item: 'password', ...on, version: 1, how: 'in_person', at: '2026-11-03T15:00:00Z', current: true }],
  sharedAccountFlags: [on],
  devices: [{ id: DEVICE, label: 'Celular de prensa 1' }],
  departure: {
    personId: PERSON,
    leavingAt: '2026-11-28T15:00:00Z',
    items: [
      { kind: 'revoke_role', ...on, grantId: GRANT, role: 'partial_content', requestId: null, state: 'active', done: false },
      { kind: 'rotate_password', ...on, version: 1, requestId: REQUEST, done: false },
      { kind: 'remove_recipient', ...on, done: true },
      { kind: 'return_device', deviceId: DEVICE, label: 'Celular de prensa 1', done: false },
    ],
  },
};

const section = (name: string) => screen.getByRole('region', { name });
const choose = (select: HTMLElement, option: string) =>
  fireEvent.change(select, { target: { value: within(select).getByRole<HTMLOptionElement>('option', { name: option }).value } });

describe('a person’s page, as each keyholder sees it', () => {
  it('the administrator proposes a role from the platform’s own vocabulary, admin-level roles marked; a refusal names its rule', async () => {
    const main = fakeMain({ 'roles.grant': { ok: false, error: { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4', details: { link: 'outsourced' } } } });
    openAs('administrator', `/staff/${PERSON}`);
    await screen.findByRole('heading', { level: 1, name: person.name });
    expect(within(section('Datos (Formulario B)')).getAllByText('No registrado: no puede recibir roles (ROLE-4).')).toHaveLength(2);
    const form = screen.getByRole('form', { name: 'Asignar un rol' });
    const role = within(form).getByLabelText('Rol en la plataforma');
    expect((role as HTMLSelectElement).disabled).toBe(true);
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Página Oficial Zafiroquinta (Facebook)' })).toBeTruthy());
    choose(within(form).getByLabelText('Cuenta'), 'Página Oficial Zafiroquinta (Facebook)');
    expect(
      within(role)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Elija el rol',
      'Control total — nivel de administración',
      'Editor (acceso parcial: contenido)',
      'Moderador de mensajes (acceso parcial: mensajes)',
      'Moderador de comunidad (acceso parcial: actividad de la comunidad)',
      'Anunciante (acceso parcial: anuncios)',
      'Analista (acceso parcial: estadísticas)',
    ]);
    choose(role, 'Editor (acceso parcial: contenido)');
    fireEvent.click(within(form).getByRole('button', { name: 'Enviar para autorización' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(
      'Quien no es personal directo de la institución necesita un acuerdo de confidencialidad y un contacto interno registrados antes de recibir un rol. · Regla ROLE-4',
    );
    expect(main.of('roles.grant')).toEqual([{ accountId: ACCOUNT, role: 'partial_content', personId: PERSON }]);
    expect(screen.getByRole('link', { name: 'Modificar la ficha' }).getAttribute('href')).toBe(`/staff/${PERSON}/record`);
    expect(screen.getByRole('button', { name: 'Marcar salida…' })).toBeTruthy();
  });

  it('the head is offered no proposal: no grant, no change of the record, no departure; the screen says who proposes and who authorizes', async () => {
    fakeMain();
    openAs('head', `/staff/${PERSON}`);
    await screen.findByRole('heading', { level: 1, name: person.name });
    expect(screen.queryByRole('form', { name: 'Asignar un rol' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Modificar la ficha' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Marcar salida…' })).toBeNull();
    expect(screen.getAllByTestId('role-note').map((n) => n.textContent)).toEqual([
      'Registrar, modificar o dar de baja a una persona: la solicitud la presenta el Administrador de Cuentas o el Administrador de respaldo. La autoriza el Jefe de la Oficina.',
      'Asignar o retirar un rol en una plataforma: la solicitud la presenta el Administrador de Cuentas o el Administrador de respaldo. La autoriza el Jefe de la Oficina.',
    ]);
  });

  it('a departure’s checklist: progress, each item linked to what settles it, the tasks proposed, a phone returned', async () => {
    const main = fakeMain({
      'staff.get': { ok: true, value: leaving },
      'departures.proposeTasks': { ok: true, value: { requestIds: [REQUEST], refused: [] } },
      'devices.return': { ok: true, value: null },
    });
    openAs('administrator', `/staff/${PERSON}`);
    const checklist = await screen.findByRole('region', { name: 'Lista de salida' });
    expect(screen.getByTestId('person-status').textContent).toBe('Saliente 3 tareas pendientes');
    expect(within(checklist).getByTestId('departure-progress').textContent).toBe('1 de 4 tareas hechas');
    expect(
      within(checklist)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.split('Ir a')[0]?.split('Ver la')[0]),
    ).toEqual([
      'Pendiente Retirar el rol Editor (acceso parcial: contenido) en Página Oficial Zafiroquinta (Facebook)',
      'Pendiente Cambiar la contraseña de Página Oficial Zafiroquinta (Facebook): vio la versión 1',
      'Hecho Quitarla de la lista de distribución de Página Oficial Zafiroquinta (Facebook)',
      'Pendiente Recibir el teléfono Celular de prensa 1Devuelto',
    ]);
    expect(within(checklist).getByRole('link', { name: 'Ver la solicitud pendiente' }).getAttribute('href')).toBe(`/requests/${REQUEST}`);
    expect(within(checklist).getByRole('link', { name: 'Ir a la contraseña de Página Oficial Zafiroquinta' }).getAttribute('href')).toBe(
      `/accounts/${ACCOUNT}/password`,
    );
    // The exposure still in force is marked, and ROLE-5 flags the shared password.
    expect(within(section('Credenciales que vio o recibió')).getByText('vigente')).toBeTruthy();
    expect(within(section('Credenciales que vio o recibió')).getByText(/debería tener su propio usuario y rol/)).toBeTruthy();

    fireEvent.click(within(checklist).getByRole('button', { name: 'Proponer revocaciones y rotaciones' }));
    await within(checklist).findByText('Se envió 1 solicitud al Jefe de la Oficina.');
    fireEvent.click(within(checklist).getByRole('button', { name: 'Devuelto: Celular de prensa 1' }));
    await waitFor(() => expect(main.of('devices.return')).toEqual([{ deviceId: DEVICE, personId: PERSON }]));
    expect(main.of('departures.proposeTasks')).toEqual([{ personId: PERSON }]);
  });

  it('an account’s page lists who holds which role on it and who saw its current password', async () => {
    fakeMain({
      'accounts.exposure': {
        ok: true,
        value: { people: [{ id: PERSON, name: person.name }], keyholders: [], grants: leaving.grants.map((g) => ({ ...g, state: 'granting' as const })) },
      },
    });
    openAs('administrator', `/accounts/${ACCOUNT}`);
    const roles = await screen.findByRole('region', { name: 'Roles en esta cuenta' });
    expect(within(roles).getAllByRole('row')[1]!.textContent).toBe(
      `${person.name}Editor (acceso parcial: contenido)Autorizado: falta asignarlo en la plataforma`,
    );
    const exposed = section('Quiénes vieron o recibieron la contraseña vigente');
    expect(within(exposed).getByRole('link', { name: person.name }).getAttribute('href')).toBe(`/staff/${PERSON}`);
  });

  it('the head reads the checklist, and is told who proposes the tasks and who takes back a phone', async () => {
    fakeMain({ 'staff.get': { ok: true, value: leaving } });
    openAs('head', `/staff/${PERSON}`);
    const checklist = await screen.findByRole('region', { name: 'Lista de salida' });
    expect(within(checklist).queryAllByRole('button')).toEqual([]);
    expect(
      within(checklist)
        .getAllByTestId('role-note')
        .map((n) => n.textContent),
    ).toEqual([
      'Registrar la devolución de un teléfono: lo hace el Administrador de Cuentas o el Administrador de respaldo.',
      'Proponer las revocaciones y rotaciones de una salida: lo hace el Administrador de Cuentas o el Administrador de respaldo.',
    ]);
  });
});
