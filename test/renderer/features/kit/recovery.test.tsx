import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../../shared/contract';
import type { RecoveryState } from '../../../../shared/kit';
import { LockedScreen } from '../../../../renderer/src/features/kit/LockedScreen';
import { ADMIN, HEAD } from '../../fixtures';
import { fakeMain } from '../staff/bridge';

const KIT = '99999999-9999-4999-8999-999999999999';
const PERSON = '77777777-7777-4777-8777-777777777777';
const NEW_HEAD = '55555555-5555-4555-8555-555555555555';
const NEW_ADMIN = '66666666-6666-4666-8666-666666666666';
const KEY = 'K7QM-2XWD-9HRT-4BNC-P6ZE-8VJA-3FYG-5SUL-MD2Q';
const ok = (value: unknown) => ({ ok: true as const, value });
const locked: VaultStatus = {
  state: 'locked',
  keyholders: [
    { id: ADMIN, role: 'administrator', fingerprint: 'AAAA-BBBB', revoked: false },
    { id: HEAD, role: 'head', fingerprint: 'CCCC-DDDD', revoked: false },
  ],
  retryAt: null,
};
const opened: RecoveryState = {
  kitId: KIT,
  institution: { name: 'Congreso de Zafiroquinta', acronym: 'CZ' },
  keyholders: [
    { id: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator', fingerprint: 'AAAA-BBBB' },
    { id: HEAD, name: 'Teodomiro Huamanchumo', role: 'head', fingerprint: 'CCCC-DDDD' },
  ],
  candidates: [{ personId: PERSON, name: 'Wilfredo Condori Mamani' }],
  enrolled: [],
  missingRoles: ['head', 'administrator'],
};
const withHead: RecoveryState = {
  ...opened,
  candidates: [],
  enrolled: [{ id: NEW_HEAD, name: 'Wilfredo Condori Mamani', role: 'head', personId: PERSON, fingerprint: 'EEEE-FFFF' }],
  missingRoles: ['administrator'],
};
const complete: RecoveryState = {
  ...withHead,
  enrolled: [...withHead.enrolled, { id: NEW_ADMIN, name: 'Yessenia Llerena Apaza', role: 'administrator', personId: null, fingerprint: '1111-2222' }],
  missingRoles: [],
};

const lockScreen = () => render(<LockedScreen status={locked} notice={null} onUnlocked={() => {}} />);

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the emergency kit from the lock screen (issue 18, scope 6)', () => {
  it('offers the kit under the lock screen; a mistyped key and a wrong one are each told in Spanish, the wrong one with its wait', async () => {
    let answer: unknown = { ok: false, error: { code: 'KIT_MALFORMED' } };
    const main = fakeMain({ 'kit.recover': () => answer as ReturnType<typeof ok> });
    lockScreen();
    await screen.findByRole('heading', { name: 'Desbloquear la bóveda' });
    fireEvent.click(screen.getByRole('button', { name: '¿Se perdieron todas las frases? Usar el kit de emergencia' }));
    await screen.findByRole('heading', { name: 'Usar el kit de emergencia' });
    const submit = screen.getByRole('button', { name: 'Abrir con el kit' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Clave de recuperación'), { target: { value: 'K7QM-2XWD' } });
    fireEvent.click(submit);
    expect((await screen.findByRole('alert')).textContent).toContain('La clave de recuperación no está bien escrita');
    answer = { ok: false, error: { code: 'KIT_WRONG', details: { failures: 1, retryAt: Date.now() + 30_000 } } };
    fireEvent.change(screen.getByLabelText('Clave de recuperación'), { target: { value: KEY } });
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('no es la del kit de emergencia vigente'));
    expect((await screen.findByTestId('kit-wait')).textContent).toMatch(/^Podrá reintentar en \d+ s\.$/);
    expect(submit.disabled).toBe(true);
    expect(main.of('kit.recover')).toEqual([{ key: 'K7QM-2XWD' }, { key: KEY }]);
    // Nothing of the vault was shown.
    expect(screen.queryByTestId('recovery-mode')).toBeNull();
  });

  it('takes k shares, one field each, and opens recovery mode: the institution and the keyholders whose passphrases are lost', async () => {
    const main = fakeMain({ 'kit.recover': ok(opened) });
    lockScreen();
    fireEvent.click(await screen.findByRole('button', { name: /Usar el kit de emergencia/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Partes de la clave' }));
    fireEvent.change(screen.getByLabelText('Partes que tiene'), { target: { value: '3' } });
    for (const n of [1, 2, 3]) fireEvent.change(screen.getByLabelText(`Parte ${n}`), { target: { value: `PARTE-${n}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Abrir con el kit' }));
    const mode = await screen.findByTestId('recovery-mode');
    expect(main.of('kit.recover')).toEqual([{ shares: ['PARTE-1', 'PARTE-2', 'PARTE-3'] }]);
    expect(within(mode).getByRole('heading', { level: 1 }).textContent).toBe('Modo de recuperación');
    expect(mode.textContent).toContain('La bóveda de Congreso de Zafiroquinta (CZ) está abierta con el kit de emergencia');
    const lost = screen.getByRole('table', { name: 'Custodios cuyas frases se perdieron (todos quedan revocados al terminar)' });
    expect(lost.textContent).toContain('Rosalinda Quispecahua');
    expect(lost.textContent).toContain('Teodomiro Huamanchumo');
    expect(screen.getByTestId('recovery-missing').textContent).toBe('Falta registrar: el Jefe de la Oficina y el Administrador de Cuentas.');
    expect((screen.getByRole('button', { name: 'Terminar la recuperación' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a reload returns to the open recovery (kit.recovery on load), never to the lock screen', async () => {
    const main = fakeMain({ 'kit.recovery': ok(opened) });
    lockScreen();
    await screen.findByTestId('recovery-mode');
    expect(main.of('kit.recovery')).toEqual([{}]);
    expect(screen.queryByRole('heading', { name: 'Desbloquear la bóveda' })).toBeNull();
  });

  it('enrols a person of the registry and a typed name, each passphrase twice; a mismatch is caught here and nothing is sent', async () => {
    let state = opened;
    const main = fakeMain({
      'kit.recovery': ok(opened),
      'kit.enrol': () => {
        state = state === opened ? withHead : complete;
        return ok(state);
      },
    });
    lockScreen();
    await screen.findByTestId('recovery-mode');
    fireEvent.change(screen.getByLabelText('Persona'), { target: { value: PERSON } });
    expect(screen.queryByLabelText('Nombre completo')).toBeNull();
    fireEvent.change(screen.getByLabelText('Rol'), { target: { value: 'head' } });
    fireEvent.change(screen.getByLabelText('Frase de acceso'), { target: { value: 'cóndor pardo sobre el nevado 11' } });
    fireEvent.change(screen.getByLabelText('Repita la frase de acceso'), { target: { value: 'cóndor pardo sobre el nevado 12' } });
    expect(await screen.findByRole('meter', { name: 'Fortaleza' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Registrar al custodio' }));
    expect(await screen.findByText('Las dos frases no coinciden.')).toBeTruthy();
    expect(main.of('kit.enrol')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Repita la frase de acceso'), { target: { value: 'cóndor pardo sobre el nevado 11' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registrar al custodio' }));
    await waitFor(() => expect(screen.getByTestId('recovery-missing').textContent).toBe('Falta registrar: el Administrador de Cuentas.'));
    expect(screen.getByTestId('recovery-enrolled').textContent).toContain('Wilfredo Condori Mamani');
    // Typed once, gone from the form.
    expect((screen.getByLabelText('Frase de acceso') as HTMLInputElement).value).toBe('');
    // No candidate left: the name is typed.
    fireEvent.change(screen.getByLabelText('Nombre completo'), { target: { value: 'Yessenia Llerena Apaza' } });
    fireEvent.change(screen.getByLabelText('Rol'), { target: { value: 'administrator' } });
    fireEvent.change(screen.getByLabelText('Frase de acceso'), { target: { value: 'vicuña dorada en la puna 2026' } });
    fireEvent.change(screen.getByLabelText('Repita la frase de acceso'), { target: { value: 'vicuña dorada en la puna 2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registrar al custodio' }));
    await waitFor(() => expect(screen.getByTestId('recovery-missing').textContent).toContain('Ya están el Jefe de la Oficina y el Administrador de Cuentas'));
    expect(main.of('kit.enrol')).toEqual([
      {
        personId: PERSON,
        name: 'Wilfredo Condori Mamani',
        role: 'head',
        passphrase: 'cóndor pardo sobre el nevado 11',
        confirm: 'cóndor pardo sobre el nevado 11',
      },
      {
        personId: null,
        name: 'Yessenia Llerena Apaza',
        role: 'administrator',
        passphrase: 'vicuña dorada en la puna 2026',
        confirm: 'vicuña dorada en la puna 2026',
      },
    ]);
  });

  it('a refusal of main (ROLE-3, a weak passphrase) is shown translated and the passphrases are emptied', async () => {
    fakeMain({
      'kit.recovery': ok(opened),
      'kit.enrol': { ok: false, error: { code: 'ROLE_PERMANENT_ONLY', details: { link: 'contracted' }, rule: 'ROLE-3' } },
    });
    lockScreen();
    await screen.findByTestId('recovery-mode');
    fireEvent.change(screen.getByLabelText('Persona'), { target: { value: PERSON } });
    fireEvent.change(screen.getByLabelText('Frase de acceso'), { target: { value: 'cóndor pardo sobre el nevado 11' } });
    fireEvent.change(screen.getByLabelText('Repita la frase de acceso'), { target: { value: 'cóndor pardo sobre el nevado 11' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registrar al custodio' }));
    expect((await screen.findByRole('alert')).textContent).toContain('ROLE-3');
    expect((screen.getByLabelText('Frase de acceso') as HTMLInputElement).value).toBe('');
  });

  it('finishes once a head and an administrator are enrolled: back to the lock screen, which says so', async () => {
    const main = fakeMain({ 'kit.recovery': ok(complete), 'kit.finish': ok({ finished: true, epoch: 2, keyholders: [] }) });
    lockScreen();
    await screen.findByTestId('recovery-mode');
    fireEvent.click(screen.getByRole('button', { name: 'Terminar la recuperación' }));
    await screen.findByRole('heading', { name: 'Desbloquear la bóveda' });
    expect(screen.getByRole('status').textContent).toContain('Recuperación terminada: los nuevos custodios ya pueden desbloquear la bóveda');
    expect(main.of('kit.finish')).toEqual([{}]);
  });

  it('«Cancelar» leaves recovery mode; the lock screen says the kit’s use was recorded', async () => {
    const main = fakeMain({ 'kit.recovery': ok(withHead), 'kit.cancel': ok(null) });
    lockScreen();
    await screen.findByTestId('recovery-mode');
    fireEvent.click(screen.getByRole('button', { name: 'Cancelar' }));
    await screen.findByRole('heading', { name: 'Desbloquear la bóveda' });
    expect(screen.getByRole('status').textContent).toContain('su uso quedó registrado');
    expect(main.of('kit.cancel')).toEqual([{}]);
  });
});
