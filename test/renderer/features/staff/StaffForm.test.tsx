import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { today } from '@internationalized/date';
import { CONTACT, PERSON } from '../../fixtures';
import { fakeMain, openAs } from './bridge';

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

const REQUEST = '99999999-9999-4999-8999-999999999999';
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const choose = (label: string, option: string) =>
  fireEvent.change(screen.getByLabelText(label), {
    target: { value: within(screen.getByLabelText(label)).getByRole<HTMLOptionElement>('option', { name: option }).value },
  });

async function fillIdentity() {
  await screen.findByRole('heading', { level: 1, name: 'Alta de personal (Formulario B)' });
  type('Nombres', 'Maricielo');
  type('Apellidos', 'Ccahuana Poma');
  type('Cédula / DNI', '47125836');
  type('Celular', '+51 987 654 321');
  type('Correo institucional', 'mccahuana@zafiroquinta.gob.pe');
  type('Dependencia', 'Prensa');
  choose('Función', 'Community manager');
}

describe('Formulario B (alta / completar / modificación)', () => {
  it('shows the company and the agreement only for a link that needs them, and sends only what the link keeps', async () => {
    const main = fakeMain({ 'staff.register': { ok: true, value: { requestId: REQUEST } } });
    openAs('administrator', '/staff/new');
    await fillIdentity();
    expect(screen.queryByLabelText('Empresa')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Acuerdo de confidencialidad y contacto interno' })).toBeNull();

    choose('Tipo de vínculo', 'Tercerizado');
    type('Empresa', 'Agencia Wayra Digital');
    const agreement = screen.getByRole('group', { name: 'Acuerdo de confidencialidad y contacto interno' });
    expect(within(agreement).getByText(/antes de recibir cualquier rol \(ROLE-4\)/)).toBeTruthy();
    // The internal contact is someone else directly employed and active: the administrator, never the person themselves.
    const contact = within(agreement).getByLabelText('Contacto interno');
    expect(
      within(contact)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', CONTACT]);

    choose('Tipo de vínculo', 'Comisionado');
    expect(screen.getByLabelText('Institución de origen')).toBeTruthy();
    choose('Tipo de vínculo', 'Contratado');
    expect(screen.queryByLabelText('Institución de origen')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Acuerdo de confidencialidad y contacto interno' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    await screen.findByText(/Solicitud enviada: Maricielo Ccahuana Poma queda registrado/);
    expect(main.of('staff.register')).toEqual([
      {
        profile: {
          names: 'Maricielo',
          surnames: 'Ccahuana Poma',
          documentId: '47125836',
          dependency: 'Prensa',
          link: 'contracted',
          email: 'mccahuana@zafiroquinta.gob.pe',
          mobile: '+51 987 654 321',
          function: 'community_manager',
          agreement: null,
          internalContactId: null,
          startDate: today('America/Lima').toString(),
        },
      },
    ]);
    expect(screen.getByRole('link', { name: 'Ver la solicitud' }).getAttribute('href')).toBe(`/requests/${REQUEST}`);
  });

  it('says which fields are missing, and sends nothing', async () => {
    const main = fakeMain();
    openAs('administrator', '/staff/new');
    await screen.findByRole('heading', { level: 1, name: 'Alta de personal (Formulario B)' });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    await waitFor(() => expect(screen.getAllByText('Obligatorio.').length).toBeGreaterThanOrEqual(6));
    expect(screen.getByRole('alert').textContent).toBe('Complete el campo «nombres».');
    expect(main.of('staff.register')).toEqual([]);
  });

  it('shows main’s typed refusal with its rule (SEC-2: not an institutional address)', async () => {
    fakeMain({
      'staff.register': {
        ok: false,
        error: { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field: 'email', domain: 'gmail.com', reason: 'free_provider' } },
      },
    });
    openAs('administrator', '/staff/new');
    await fillIdentity();
    type('Correo institucional', 'maricielo@gmail.com');
    choose('Tipo de vínculo', 'Nombrado o permanente');
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/gmail\.com/);
    expect(alert.textContent).toMatch(/Regla SEC-2$/);
  });

  it('modifies a record: prefilled, and the agreement’s reference without its date is refused here', async () => {
    const main = fakeMain();
    openAs('administrator', `/staff/${PERSON}/record`);
    await screen.findByRole('heading', { level: 1, name: 'Modificar la ficha de Maricielo Ccahuana Poma (Formulario B)' });
    expect((screen.getByLabelText('Empresa') as HTMLInputElement).value).toBe('Agencia Wayra Digital');
    // happy-dom starts a <select> at selectedIndex -1, which react-hook-form reads as already edited: chosen again, as Chromium shows them.
    choose('Tipo de vínculo', 'Tercerizado');
    choose('Función', 'Community manager');
    type('Referencia del acuerdo', 'AC-2026-014');
    choose('Contacto interno', 'Rosalinda Quispecahua');
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    expect((await screen.findByRole('alert')).textContent).toBe('El campo «fecha» no es una fecha real entre el 01/01/2000 y el 31/12/2100.');
    expect(main.of('staff.update')).toEqual([]);
  });

  it('is not offered to the head, who is told who proposes it and who authorizes it', async () => {
    fakeMain();
    openAs('head', '/staff/new');
    await screen.findByRole('heading', { level: 1, name: 'Alta de personal (Formulario B)' });
    expect(screen.queryByLabelText('Nombres')).toBeNull();
    expect(screen.getByTestId('role-note').textContent).toBe(
      'Registrar, modificar o dar de baja a una persona: la solicitud la presenta el Administrador de Cuentas o el Administrador de respaldo. La autoriza el Jefe de la Oficina.',
    );
  });
});
