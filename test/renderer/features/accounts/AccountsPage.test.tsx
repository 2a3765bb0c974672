import { act, fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../../shared/accounts';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import { AccountsPage } from '../../../../renderer/src/features/accounts/AccountsPage';
import { ACCOUNT, summary, unlockedAs } from '../../fixtures';

/** Each search main receives waits here until the test answers it. */
let searches: { query: unknown; answer: (accounts: AccountSummary[]) => void }[];
let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  searches = [];
  invoke = vi.fn<Invoke>(
    (_channel, payload) =>
      new Promise((resolve) => searches.push({ query: (payload as { query?: string }).query, answer: (value) => resolve({ ok: true, value }) })),
  );
  window.custodia = buildBridge(invoke, () => () => {});
});

describe('the register’s search', () => {
  it('keeps one search in flight: keys typed meanwhile become one search for the latest text', async () => {
    render(
      unlockedAs(
        'administrator',
        <RouterProvider router={createMemoryRouter([{ path: '/accounts', element: <AccountsPage /> }], { initialEntries: ['/accounts'] })} />,
      ),
    );
    const box = await screen.findByLabelText('Buscar por nombre, usuario o plataforma');
    expect(document.activeElement).toBe(box);
    for (const text of ['p', 'pa', 'pag', 'pagi']) fireEvent.change(box, { target: { value: text } });
    expect(searches.map((s) => s.query)).toEqual(['']);

    await act(async () => searches[0]!.answer([summary(ACCOUNT, 'Página Oficial'), summary('55555555-5555-4555-8555-555555555555', 'Correo de prensa')]));
    expect(searches.map((s) => s.query)).toEqual(['', 'pagi']);
    await act(async () => searches[1]!.answer([summary(ACCOUNT, 'Página Oficial')]));
    expect(searches).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toBe('1 cuenta');
    expect(invoke).toHaveBeenLastCalledWith('accounts.list', { query: 'pagi', sort: 'name' });
  });

  it('asks again as soon as the text changes once the last search is answered', async () => {
    render(
      unlockedAs(
        'administrator',
        <RouterProvider router={createMemoryRouter([{ path: '/accounts', element: <AccountsPage /> }], { initialEntries: ['/accounts'] })} />,
      ),
    );
    const box = await screen.findByLabelText('Buscar por nombre, usuario o plataforma');
    await act(async () => searches[0]!.answer([]));
    fireEvent.change(box, { target: { value: 'x' } });
    expect(searches.map((s) => s.query)).toEqual(['', 'x']);
  });
});
