import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KeyholderDetail } from '../../../../shared/keyholders';
import { ADMIN, CONTACT, HEAD, PERSON, answers } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const INCOMING = '99999999-9999-4999-8999-999999999999';
const keyholders: KeyholderDetail[] = [
  {
    id: ADMIN,
    name: 'Rosalinda Quispecahua',
    role: 'administrator',
    status: 'active',
    fingerprint: 'AAAA-BBBB',
    personId: CONTACT,
    awaitingFirstUnlock: false,
    createdAt: '2026-11-01T00:00:00Z',
    retiredAt: null,
  },
  {
    id: HEAD,
    name: 'Teodomiro Huamanchumo',
    role: 'head',
    status: 'active',
    fingerprint: 'CCCC-DDDD',
    personId: null,
    awaitingFirstUnlock: false,
    createdAt: '2026-11-01T00:00:00Z',
    retiredAt: null,
  },
  {
    id: INCOMING,
    name: 'Wilfredo Condori',
    role: 'administrator',
    status: 'active',
    fingerprint: 'EEEE-FFFF',
    personId: PERSON,
    awaitingFirstUnlock: true,
    createdAt: '2026-11-20T00:00:00Z',
    retiredAt: null,
  },
];
const STRONG = 'colibrí dorado sobre el lago Titicaca 58';
const ok = (value: unknown) => ({ ok: true as const, value });

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

function open(replies: Parameters<typeof fakeMain>[0] = {}) {
  const main = fakeMain({ 'keyholders.list': ok(keyholders), 'handover.list': ok([]), ...replies });
  openAs('administrator', '/keyholders');
  return main;
}

describe('«Custodios»', () => {
  it('lists every keyholder with role, fingerprint and where their key stands', async () => {
    open();
    const rows = await screen.findAllByTestId('keyholder-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Rosalinda Quispecahuasesión actualAdministrador de CuentasAAAA-BBBBActivo'),
      expect.stringContaining('Teodomiro HuamanchumoJefe de la OficinaCCCC-DDDDActivo'),
      expect.stringContaining('Wilfredo CondoriAdministrador de CuentasEEEE-FFFFActivo recibe su llave en su primer desbloqueo'),
    ]);
    expect(screen.getByText('No hay entregas de cargo registradas.')).toBeTruthy();
  });

  it('starts a handover: the outgoing keyholder’s role, the incoming person, their passphrase twice, `replaces` set', async () => {
    const main = open({ 'keyholders.proposeEnrol': ok({ requestId: '55555555-5555-4555-8555-555555555555' }) });
    const form = await screen.findByRole('form', { name: 'Iniciar entrega de cargo' });
    fireEvent.change(within(form).getByLabelText('Custodio saliente'), { target: { value: ADMIN } });
    fireEvent.change(within(form).getByLabelText('Persona entrante (registro de personal)'), { target: { value: PERSON } });
    fireEvent.change(within(form).getByLabelText('Frase de acceso de la persona entrante'), { target: { value: STRONG } });
    fireEvent.change(within(form).getByLabelText('Repita la frase de acceso de la persona entrante'), { target: { value: STRONG } });
    fireEvent.click(within(form).getByRole('button', { name: 'Iniciar la entrega de cargo' }));
    await within(form).findByText(/^Solicitud enviada: cuando el Jefe de la Oficina la autorice/);
    expect(main.of('keyholders.proposeEnrol')).toEqual([{ personId: PERSON, role: 'administrator', passphrase: STRONG, confirm: STRONG, replaces: ADMIN }]);
  });

  it('two different passphrases are refused before anything is sent', async () => {
    const main = open();
    const form = await screen.findByRole('form', { name: 'Iniciar entrega de cargo' });
    fireEvent.change(within(form).getByLabelText('Custodio saliente'), { target: { value: ADMIN } });
    fireEvent.change(within(form).getByLabelText('Persona entrante (registro de personal)'), { target: { value: PERSON } });
    fireEvent.change(within(form).getByLabelText('Frase de acceso de la persona entrante'), { target: { value: STRONG } });
    fireEvent.change(within(form).getByLabelText('Repita la frase de acceso de la persona entrante'), { target: { value: `${STRONG}!` } });
    fireEvent.click(within(form).getByRole('button', { name: 'Iniciar la entrega de cargo' }));
    await within(form).findByText('Las dos frases no coinciden.');
    expect(main.of('keyholders.proposeEnrol')).toEqual([]);
  });

  it('main’s refusal is shown translated, naming the rule (ROLE-3), and the passphrases are emptied', async () => {
    open({ 'keyholders.proposeEnrol': { ok: false, error: { code: 'ROLE_PERMANENT_ONLY', rule: 'ROLE-3', details: { link: 'outsourced' } } } });
    const form = await screen.findByRole('form', { name: 'Iniciar entrega de cargo' });
    fireEvent.change(within(form).getByLabelText('Custodio saliente'), { target: { value: ADMIN } });
    fireEvent.change(within(form).getByLabelText('Persona entrante (registro de personal)'), { target: { value: PERSON } });
    const pass = within(form).getByLabelText('Frase de acceso de la persona entrante');
    fireEvent.change(pass, { target: { value: STRONG } });
    fireEvent.change(within(form).getByLabelText('Repita la frase de acceso de la persona entrante'), { target: { value: STRONG } });
    fireEvent.click(within(form).getByRole('button', { name: 'Iniciar la entrega de cargo' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/^Solo el personal permanente .+ · Regla ROLE-3$/);
    expect((pass as HTMLInputElement).value).toBe('');
  });

  it('the people offered say their link; keyholders and departed people are not offered', async () => {
    open();
    const form = await screen.findByRole('form', { name: 'Iniciar entrega de cargo' });
    const options = within(within(form).getByLabelText('Persona entrante (registro de personal)')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Elija…', 'Maricielo Ccahuana Poma — Tercerizado']);
    expect(answers['staff.list']!.people.some((p) => p.keyholderId === ADMIN)).toBe(true);
  });

  it('changes one’s own passphrase: current, the new one twice, with the ceremony’s strength meter', async () => {
    const main = open({ 'keyholders.changePassphrase': ok(null) });
    const form = await screen.findByRole('form', { name: 'Cambiar mi frase de acceso' });
    fireEvent.change(within(form).getByLabelText('Frase de acceso actual'), { target: { value: 'tordo-violeta-acantilado-9' } });
    fireEvent.change(within(form).getByLabelText('Frase de acceso nueva'), { target: { value: STRONG } });
    await waitFor(() => expect(within(form).getByRole('meter', { name: 'Fortaleza' })).toBeTruthy());
    fireEvent.change(within(form).getByLabelText('Repita la frase nueva'), { target: { value: STRONG } });
    fireEvent.click(within(form).getByRole('button', { name: 'Cambiar mi frase de acceso' }));
    await within(form).findByText('Su frase de acceso cambió. Desde ahora desbloquea con la nueva.');
    expect(main.of('keyholders.changePassphrase')).toEqual([{ current: 'tordo-violeta-acantilado-9', next: STRONG, confirm: STRONG }]);
    expect((within(form).getByLabelText('Frase de acceso nueva') as HTMLInputElement).value).toBe('');
  });

  it('a revocation that would leave the vault without its last administrator is refused by main, citing HAND-1', async () => {
    const main = open({ 'keyholders.proposeRevoke': { ok: false, error: { code: 'KEYHOLDER_LAST', rule: 'HAND-1', details: { role: 'head' } } } });
    const form = await screen.findByRole('form', { name: 'Revocar a un custodio' });
    const options = within(within(form).getByLabelText('Custodio a revocar')).getAllByRole('option');
    // Never oneself.
    expect(options.map((o) => o.textContent)).toEqual([
      'Elija…',
      'Teodomiro Huamanchumo — Jefe de la Oficina (CCCC-DDDD)',
      'Wilfredo Condori — Administrador de Cuentas (EEEE-FFFF)',
    ]);
    fireEvent.change(within(form).getByLabelText('Custodio a revocar'), { target: { value: HEAD } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enviar la revocación para autorización' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/· Regla HAND-1$/);
    expect(main.of('keyholders.proposeRevoke')).toEqual([{ keyholderId: HEAD, handoverId: null }]);
  });

  it('offers an enrolment only into a vacant role', async () => {
    open();
    const section = await screen.findByRole('region', { name: 'Alta de un custodio en un rol vacante' });
    const roles = within(within(section).getByLabelText('Rol vacante')).getAllByRole('option');
    expect(roles.map((o) => o.textContent)).toEqual(['Elija…', 'Administrador de respaldo']);
  });
});
