import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, answers, detail } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: unknown) => ({ ok: true as const, value });
const life = answers['lifecycle.get']!;

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the account lifecycle on screen (issue 17)', () => {
  it('the alta form sends the account with its Formulario A, and the refusal of main is shown translated with its rule', async () => {
    const main = fakeMain({
      'accounts.register': {
        ok: false,
        error: { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field: 'loginIdentifier', domain: 'gmail.com', reason: 'free_provider' } },
      },
    });
    openAs('administrator', '/accounts/new');
    await screen.findByRole('heading', { name: 'Solicitar el alta de una cuenta' });
    fireEvent.change(screen.getByLabelText('Nombre de la cuenta'), { target: { value: 'Campaña Ñandutí' } });
    fireEvent.change(screen.getByLabelText('Descripción de la cuenta'), { target: { value: 'Campaña de vacunación' } });
    fireEvent.change(screen.getByLabelText('Objetivo'), { target: { value: 'Informar' } });
    fireEvent.change(screen.getByLabelText('Plan de publicaciones (resumen)'), { target: { value: 'Semanal' } });
    fireEvent.change(screen.getByLabelText('Indicadores'), { target: { value: 'Alcance' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar el alta' }));
    await waitFor(() => expect(main.of('accounts.register')).toHaveLength(1));
    expect(main.of('accounts.register')[0]).toMatchObject({
      account: { platform: 'facebook', kind: 'principal', displayName: 'Campaña Ñandutí' },
      form: { description: 'Campaña de vacunación', objective: 'Informar', postingPlan: 'Semanal', indicators: 'Alcance', authorizedUsers: [] },
    });
    expect(await screen.findByText(/SEC-2/)).toBeTruthy();
  });

  it('the head is not offered the alta: it says who requests it and who authorizes it', async () => {
    fakeMain();
    openAs('head', '/accounts/new');
    expect(await screen.findByText(/Administrador/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Solicitar el alta' })).toBeNull();
  });

  it('an active account shows its Formulario A, «Modificar» and «Solicitar baja»', async () => {
    fakeMain();
    openAs('administrator', `/accounts/${ACCOUNT}`);
    expect(await screen.findByText(life.form!.objective)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Modificar' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Solicitar baja' })).toBeTruthy();
  });

  it('an archived account is read-only: a banner, no action offered', async () => {
    fakeMain({
      'accounts.get': ok({ ...answers['accounts.get'], status: 'archived' }),
      'lifecycle.get': ok({ ...life, archivedAt: '2026-04-02T15:00:00.000Z' }),
    });
    openAs('administrator', `/accounts/${ACCOUNT}`);
    expect(await screen.findByText('Cuenta archivada tras su baja: no admite cambios.')).toBeTruthy();
    await screen.findByText(/Archivada el/);
    expect(screen.queryByRole('link', { name: 'Modificar' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Solicitar baja' })).toBeNull();
  });

  it('an account registered before the alta says so (LIFE-1)', async () => {
    fakeMain({ 'lifecycle.get': ok({ ...life, form: null, registeredWithoutForm: true }) });
    openAs('administrator', `/accounts/${ACCOUNT}`);
    expect(await screen.findByText(/Registrada sin Formulario A/)).toBeTruthy();
  });

  it('the home screen flags a support account past its end with «Solicitar baja» (LIFE-2)', async () => {
    fakeMain({
      'lifecycle.pastEnd': ok([
        { accountId: ACCOUNT, displayName: detail.displayName, platform: 'facebook', supportEnd: '2026-03-31', decommissionOpen: false },
      ]),
    });
    openAs('administrator', '/');
    expect(await screen.findByRole('heading', { name: '1 cuenta de apoyo vencida' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Solicitar baja' }).getAttribute('href')).toContain(`/accounts/${ACCOUNT}/decommission`);
  });

  it('the modificación sends the recovery phone only when it changes (LIFE-4, SEC-3)', async () => {
    const PHONE = '99999999-9999-4999-8999-999999999999';
    const NEW = '98989898-9898-4898-8898-989898989898';
    const device = (id: string, label: string, number: string) => ({ id, label, number, institutionOwned: true, notes: null, holder: null });
    const main = fakeMain({
      'devices.list': ok([device(PHONE, 'Celular de prensa', '+51 987 100 200'), device(NEW, 'Celular nuevo', '+51 987 300 400')]),
      'twoStep.get': ok({ method: 'sms', recoveryDevice: device(PHONE, 'Celular de prensa', '+51 987 100 200'), recoveryEmail: null, findings: [] }),
      'lifecycle.requestModify': ok({ requestId: ACCOUNT }),
    });
    openAs('administrator', `/accounts/${ACCOUNT}/modify`);
    const phone = (await screen.findByLabelText('Teléfono de recuperación')) as HTMLSelectElement;
    expect(phone.value).toBe(PHONE);
    fireEvent.change(screen.getByLabelText('Nombre del perfil'), { target: { value: '@prensa.zq' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la modificación' }));
    await screen.findByText(/Modificación solicitada/);
    expect(main.of('lifecycle.requestModify')[0]).not.toHaveProperty('recoveryDeviceId');
    fireEvent.change(phone, { target: { value: NEW } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la modificación' }));
    await waitFor(() => expect(main.of('lifecycle.requestModify')).toHaveLength(2));
    expect(main.of('lifecycle.requestModify')[1]).toMatchObject({ accountId: ACCOUNT, recoveryDeviceId: NEW, account: { handle: '@prensa.zq' } });
  });

  it('the baja sends the new password and says what follows', async () => {
    const main = fakeMain({ 'credentials.checkPolicy': ok({ violation: null }), 'lifecycle.requestDecommission': ok({ requestId: ACCOUNT }) });
    openAs('administrator', `/accounts/${ACCOUNT}/decommission`);
    fireEvent.change(await screen.findByLabelText('Contraseña nueva'), { target: { value: 'Vq7#kP2!xL9@mZ4$wR8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar la baja' }));
    expect(await screen.findByText(/Baja solicitada/)).toBeTruthy();
    expect(main.of('lifecycle.requestDecommission')).toEqual([{ accountId: ACCOUNT, secret: 'Vq7#kP2!xL9@mZ4$wR8' }]);
  });
});
