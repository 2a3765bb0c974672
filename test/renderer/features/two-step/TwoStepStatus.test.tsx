import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { TwoStepStatus } from '../../../../renderer/src/features/two-step/TwoStepStatus';
import { ACCOUNT, home, unlockedAs } from '../../fixtures';
import { fakeMain } from '../staff/bridge';

const PHONE = '99999999-9999-4999-8999-999999999999';
const ok = (value: unknown) => ({ ok: true as const, value });
const phone = { id: PHONE, label: 'Celular de prensa', number: '+51 987 100 200', institutionOwned: true, notes: null, holder: null };

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the two-step record on the account page (SEC-1, SEC-3)', () => {
  it('shows the recorded recovery phone and keeps it when only the method changes; says a recorded phone changes by request (LIFE-4)', async () => {
    const main = fakeMain({
      'devices.list': ok([phone]),
      'twoStep.get': ok({ method: 'sms', recoveryDevice: phone, recoveryEmail: null, findings: [] }),
      'twoStep.update': ok(null),
    });
    render(unlockedAs('administrator', <TwoStepStatus accountId={ACCOUNT} keyholders={home.keyholders} />));
    const select = (await screen.findByLabelText('Teléfono de recuperación')) as HTMLSelectElement;
    expect(select.value).toBe(PHONE);
    expect((screen.getByLabelText('Segundo paso') as HTMLSelectElement).value).toBe('sms');
    expect(screen.getByText(/se cambia con una solicitud de modificación de la cuenta/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Segundo paso'), { target: { value: 'totp_vault' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(main.of('twoStep.update')).toHaveLength(1));
    expect(main.of('twoStep.update')[0]).toEqual({ accountId: ACCOUNT, twoStep: { method: 'totp_vault', recoveryDeviceId: PHONE } });
  });
});
