import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../shared/bridge';
import type { Channel } from '../../../shared/channels';
import type { VaultStatus } from '../../../shared/contract';
import { routes } from '../../../renderer/src/app/routes';
import { ACCOUNT, answers, home } from '../fixtures';

let state: VaultStatus['state'];
let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  state = 'unlocked';
  invoke = vi.fn<Invoke>(async (channel: Channel) => {
    if (channel === 'vault.status') return { ok: true, value: { state, keyholders: home.keyholders, retryAt: null } };
    if (channel === 'vault.lock') {
      state = 'locked';
      return { ok: true, value: { reason: 'manual' } };
    }
    const value = answers[channel];
    return value === undefined ? { ok: false, error: { code: 'INTERNAL' } } : { ok: true, value };
  });
  window.custodia = buildBridge(invoke, () => () => {});
});

// happy-dom lays nothing out: give every element a box so the register's virtual list shows its rows.
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight'));

const open = (path: string) => {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
};

describe('the kept router', () => {
  it('gives an account page its own address, and back returns to it from the register', async () => {
    const router = open(`/accounts/${ACCOUNT}`);
    await screen.findByRole('heading', { level: 1, name: /Página Oficial Zafiroquinta/ });
    expect(invoke).toHaveBeenCalledWith('accounts.get', { accountId: ACCOUNT });

    fireEvent.click(screen.getByRole('button', { name: /Volver al registro/ }));
    await screen.findByRole('heading', { level: 1, name: 'Registro de cuentas oficiales' });
    expect(router.state.location.pathname).toBe('/accounts');
    expect(screen.getByRole('button', { name: 'Cuentas' }).getAttribute('aria-current')).toBe('page');

    await act(() => router.navigate(-1));
    await screen.findByRole('heading', { level: 1, name: /Página Oficial Zafiroquinta/ });
    expect(router.state.location.pathname).toBe(`/accounts/${ACCOUNT}`);
  });

  it('opens an account from the register at its address', async () => {
    const router = open('/accounts');
    fireEvent.click(await screen.findByRole('button', { name: /Página Oficial Zafiroquinta/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/accounts/${ACCOUNT}`));
    await screen.findByRole('heading', { level: 1, name: /Página Oficial Zafiroquinta/ });
  });

  it('sends an unknown address home, and a lock back to the home address with the lock screen', async () => {
    const router = open('/no-such-screen');
    await screen.findByRole('heading', { level: 1, name: /Congreso de Zafiroquinta/ });
    expect(router.state.location.pathname).toBe('/');

    await act(() => router.navigate('/history'));
    await screen.findByRole('heading', { level: 1, name: 'Historial de cambios de contraseña' });
    fireEvent.click(screen.getByRole('button', { name: 'Inicio' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Bloquear' }));
    await screen.findByRole('heading', { name: 'Desbloquear la bóveda' });
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByText(/Congreso de Zafiroquinta/)).toBeNull();
  });
});
