import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { DistributionView, PersonView } from '../../../../shared/rotation';
import { Distribution } from '../../../../renderer/src/features/distribution/Distribution';
import { ACCOUNT, unlockedAs } from '../../fixtures';

const EMPTY: DistributionView = { current: { versionN: 2, appliedAt: '2026-11-20T15:00:00Z' }, recipients: [] };
const ROSA: PersonView = { id: '55555555-5555-4555-8555-555555555555', name: 'Rosa Quispe Mamani', email: 'rquispe@zafiroquinta.gob.pe' };
const NEW = { name: 'Wilmer Ancasi Turpo', email: 'wilmer.ancasi@zafiroquinta.gob.pe' };

let invoke: ReturnType<typeof vi.fn<Invoke>>;
let peopleAdd: () => unknown;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  peopleAdd = () => ({ ok: true, value: { personId: '66666666-6666-4666-8666-666666666666', requestId: '99999999-9999-4999-8999-999999999999' } });
  invoke = vi.fn<Invoke>(async (channel) => {
    if (channel === 'distribution.get') return { ok: true, value: EMPTY };
    // Only people on record are listed: the one proposed here is not, until the head authorizes it.
    if (channel === 'people.list') return { ok: true, value: [ROSA] };
    if (channel === 'people.add') return peopleAdd();
    return { ok: true, value: null };
  });
  window.custodia = buildBridge(invoke, () => () => {});
});

const newPersonForm = async () => screen.findByRole('form', { name: 'Proponer el registro de una persona nueva' });
async function propose() {
  const form = await newPersonForm();
  fireEvent.change(within(form).getByLabelText('Nombre completo'), { target: { value: NEW.name } });
  fireEvent.change(within(form).getByLabelText('Correo institucional'), { target: { value: NEW.email } });
  fireEvent.click(within(form).getByRole('button', { name: 'Enviar para autorización' }));
  return form;
}

describe('the distribution record’s new recipient (LIFE-4)', () => {
  it('says the person is on record only once the head authorizes the request', async () => {
    render(unlockedAs('administrator', <Distribution accountId={ACCOUNT} timeZone="America/Lima" />));
    const form = await newPersonForm();
    expect(form.textContent).toContain('el Jefe de la Oficina autoriza la solicitud en Inicio y recién entonces la persona queda registrada');
    expect(form.textContent).toContain('regla LIFE-4');
  });

  it('sends a request and selects nobody: the person is not on record yet, so only the people who are can be chosen', async () => {
    render(unlockedAs('administrator', <Distribution accountId={ACCOUNT} timeZone="America/Lima" />));
    const form = await propose();
    const status = await within(form).findByRole('status');
    expect(status.textContent).toBe(
      `Solicitud enviada. El registro de ${NEW.name} queda pendiente: estará en la lista cuando el Jefe de la Oficina lo autorice en Inicio; después podrá autorizar a esa persona para esta cuenta.`,
    );
    expect(invoke).toHaveBeenCalledWith('people.add', NEW);
    expect(invoke.mock.calls.map(([channel]) => channel)).not.toContain('distribution.addRecipient');
    expect(within(form).getByLabelText<HTMLInputElement>('Nombre completo').value).toBe('');
    const choice = screen.getByLabelText<HTMLSelectElement>('Autorizar a una persona');
    expect([...choice.options].map((o) => o.textContent)).toEqual(['— Elija una persona —', `${ROSA.name} <${ROSA.email}>`]);
    expect(choice.value).toBe('');
  });

  it('shows main’s refusal at proposal (SEC-2), and no request sent', async () => {
    peopleAdd = () => ({
      ok: false,
      error: { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field: 'email', domain: 'gmail.com', reason: 'free_provider' } },
    });
    render(unlockedAs('administrator', <Distribution accountId={ACCOUNT} timeZone="America/Lima" />));
    const form = await propose();
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('proveedor gratuito'));
    expect(within(form).queryByRole('status')).toBeNull();
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    render(unlockedAs('administrator', <Distribution accountId={ACCOUNT} timeZone="America/Lima" />));
    const form = await screen.findByRole('form', { name: 'Propose registering a new person' });
    expect(form.textContent).toContain('the office head authorizes the request on the home screen, and only then is the person on record');
    expect(within(form).getByRole('button', { name: 'Send for authorization' })).toBeTruthy();
  });
});
