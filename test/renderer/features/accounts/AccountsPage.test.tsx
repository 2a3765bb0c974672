import { act, fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PAGE_SIZE, type AccountPage, type AccountSummary } from '../../../../shared/accounts';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import { AccountsPage } from '../../../../renderer/src/features/accounts/AccountsPage';
import { ACCOUNT, summary, unlockedAs } from '../../fixtures';

interface Asked {
  query: string | undefined;
  offset: number;
  answer: (page: AccountPage) => void;
}
/** Each request main receives waits here until the test answers it. */
let asked: Asked[];
let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  asked = [];
  invoke = vi.fn<Invoke>((_channel, payload) => {
    const { query, offset } = payload as { query?: string; offset: number };
    return new Promise((resolve) => asked.push({ query, offset, answer: (value) => resolve({ ok: true, value }) }));
  });
  window.custodia = buildBridge(invoke, () => () => {});
});

// happy-dom lays nothing out: give every element a box so that the virtual list has rows in view.
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight'));

const OTHER = '55555555-5555-4555-8555-555555555555';
const accountAt = (i: number): AccountSummary => summary(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `Cuenta ${i}`);
/** The page of a search of `total` accounts named by their place, as main would slice it. */
const pageOf = (total: number, offset: number): AccountPage => ({
  total,
  offset,
  items: Array.from({ length: Math.max(0, Math.min(ACCOUNT_PAGE_SIZE, total - offset)) }, (_, i) => accountAt(offset + i)),
});
const found = (...items: AccountSummary[]): AccountPage => ({ total: items.length, offset: 0, items });
const status = () => screen.getByRole('status').textContent;

async function openRegister() {
  render(
    unlockedAs(
      'administrator',
      <RouterProvider router={createMemoryRouter([{ path: '/accounts', element: <AccountsPage /> }], { initialEntries: ['/accounts'] })} />,
    ),
  );
  return screen.findByLabelText('Buscar por nombre, usuario o plataforma');
}

describe('the register’s search', () => {
  it('keeps one request in flight: keys typed meanwhile become one search for the latest text', async () => {
    const box = await openRegister();
    expect(document.activeElement).toBe(box);
    for (const text of ['p', 'pa', 'pag', 'pagi']) fireEvent.change(box, { target: { value: text } });
    expect(asked.map((a) => a.query)).toEqual(['']);

    await act(async () => asked[0]!.answer(found(summary(ACCOUNT, 'Página Oficial'), summary(OTHER, 'Correo de prensa'))));
    expect(asked.map((a) => a.query)).toEqual(['', 'pagi']);
    await act(async () => asked[1]!.answer(found(summary(ACCOUNT, 'Página Oficial'))));
    expect(asked).toHaveLength(2);
    expect(status()).toBe('1 cuenta');
    expect(invoke).toHaveBeenLastCalledWith('accounts.page', { query: 'pagi', sort: 'name', offset: 0, limit: ACCOUNT_PAGE_SIZE });
  });

  it('asks again as soon as the text changes once the last search is answered', async () => {
    const box = await openRegister();
    await act(async () => asked[0]!.answer(found()));
    expect(screen.getByText('No hay cuentas que coincidan.')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'x' } });
    expect(asked.map((a) => a.query)).toEqual(['', 'x']);
  });

  it('counts every match of a query, while only its first page crosses the bridge', async () => {
    const box = await openRegister();
    await act(async () => asked[0]!.answer(pageOf(10_000, 0)));
    fireEvent.change(box, { target: { value: 'prensa' } });
    await act(async () => asked[1]!.answer(pageOf(1_234, 0)));
    expect(status()).toBe('1234 cuentas');
    expect(screen.getByRole('button', { name: /Cuenta 0\b/ })).toBeTruthy();
    expect(asked.map((a) => [a.query, a.offset])).toEqual([
      ['', 0],
      ['prensa', 0],
    ]);
  });

  it('fetches the pages it scrolls to, one request at a time, showing placeholders until they come', async () => {
    await openRegister();
    await act(async () => asked[0]!.answer(pageOf(10_000, 0)));
    expect(asked).toHaveLength(1);
    const list = screen.getByRole('list', { name: 'Registro de cuentas oficiales' });
    await act(async () => {
      list.scrollTop = 5_000 * 52;
      fireEvent.scroll(list);
    });
    // Rows 5,000… are in view, the list's overscan and a margin reach back into the page before.
    expect(asked.map((a) => a.offset)).toEqual([0, 4_950]);
    expect(screen.getAllByText('Cargando…').length).toBeGreaterThan(5);
    expect(screen.queryByRole('button', { name: /Cuenta 5000\b/ })).toBeNull();

    await act(async () => asked[1]!.answer(pageOf(10_000, 4_950)));
    expect(asked.map((a) => a.offset)).toEqual([0, 4_950, 5_000]);
    await act(async () => asked[2]!.answer(pageOf(10_000, 5_000)));
    expect(screen.getByRole('button', { name: /Cuenta 5000\b/ })).toBeTruthy();
    expect(screen.queryByText('Cargando…')).toBeNull();
    expect(asked).toHaveLength(3);
    expect(status()).toBe('10000 cuentas');
  });

  it('never shows the answer to a search no longer wanted', async () => {
    const box = await openRegister();
    await act(async () => asked[0]!.answer(found(summary(ACCOUNT, 'Página Oficial'), summary(OTHER, 'Correo de prensa'))));
    fireEvent.change(box, { target: { value: 'corr' } });
    fireEvent.change(box, { target: { value: 'pág' } });
    expect(asked.map((a) => a.query)).toEqual(['', 'corr']);

    // What main found for «corr» arrives after «pág» was typed: the list keeps what it showed.
    await act(async () => asked[1]!.answer(found(summary(OTHER, 'Correo de prensa'))));
    expect(status()).toBe('2 cuentas');
    expect(screen.getByRole('button', { name: /Página Oficial/ })).toBeTruthy();

    expect(asked.map((a) => a.query)).toEqual(['', 'corr', 'pág']);
    await act(async () => asked[2]!.answer(found(summary(ACCOUNT, 'Página Oficial'))));
    expect(status()).toBe('1 cuenta');
    expect(screen.queryByRole('button', { name: /Correo de prensa/ })).toBeNull();
  });
});
