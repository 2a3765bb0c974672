import { act, fireEvent, render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_PAGE_SIZE } from '../../../../shared/accounts';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { DashboardRow, DashboardView } from '../../../../shared/rotation';
import { announceVaultChanged } from '../../../../renderer/src/bridge/changes';
import { Dashboard } from '../../../../renderer/src/features/rotation/Dashboard';
import { unlockedAs } from '../../fixtures';

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const row = (i: number, patch: Partial<DashboardRow> = {}): DashboardRow => ({
  accountId: id(i),
  displayName: `Cuenta ${i}`,
  platform: 'facebook',
  kind: 'principal',
  status: 'ok',
  dueAt: '2026-12-01T15:00:00.000Z',
  dueAfterUse: false,
  awaitingApply: null,
  pendingRequest: false,
  ...patch,
});

/** What main answers for a page of `rows`: its figures are main's own (not counted from the page). */
function pageOf(rows: readonly DashboardRow[], offset: number, patch: Partial<DashboardView> = {}): DashboardView {
  return {
    timeZone: 'America/Lima',
    now: '2026-11-22T15:00:00.000Z',
    warningDays: 3,
    counts: { missing: 0, overdue: rows.filter((r) => r.status === 'overdue').length, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 },
    byPlatform: [{ platform: 'facebook', total: rows.length, missing: 0, overdue: 1, dueSoon: 0 }],
    next: null,
    total: rows.length,
    offset,
    rows: rows.slice(offset, offset + DASHBOARD_PAGE_SIZE),
    ...patch,
  };
}

interface Asked {
  offset: number;
  limit: number;
  answer: (value: DashboardView) => void;
}
/** Each request main receives waits here until the test answers it. */
let asked: Asked[];
let invoke: ReturnType<typeof vi.fn<Invoke>>;

// happy-dom lays nothing out: give every element a 600×1000 box so the virtualizer has a window.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

beforeEach(async () => {
  await i18n.changeLanguage('es');
  asked = [];
  invoke = vi.fn<Invoke>((channel, payload) => {
    expect(channel).toBe('rotation.dashboard');
    const { offset, limit } = payload as { offset: number; limit: number };
    return new Promise((resolve) => asked.push({ offset, limit, answer: (value) => resolve({ ok: true, value }) }));
  });
  window.custodia = buildBridge(invoke, () => () => {});
});

async function showBoard() {
  const onRotate = vi.fn();
  render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={onRotate} />));
  await act(async () => {});
  return onRotate;
}

describe('Dashboard', () => {
  it('offers "Rotar" on an overdue account and "Abrir" on one already waiting to be applied', async () => {
    const onRotate = await showBoard();
    const rows = [
      row(1, { status: 'overdue', dueAt: '2026-11-16T15:00:00.000Z' }),
      row(2, { status: 'overdue', awaitingApply: { versionN: 2, applyBy: '2026-11-23T15:00:00.000Z', late: false } }),
    ];
    await act(async () => asked[0]!.answer(pageOf(rows, 0)));
    await screen.findByText('Cuentas por urgencia');
    fireEvent.click(await screen.findByRole('button', { name: 'Rotar: Cuenta 1' }));
    expect(onRotate).toHaveBeenCalledWith(id(1));
    expect(screen.getByRole('button', { name: 'Abrir: Cuenta 2' })).toBeTruthy();
    expect(screen.getByText(/versión 2 autorizada, por aplicar/)).toBeTruthy();
    expect(screen.getByText('Cada contraseña se cambia cada 15 días (regla POL-4). Fechas en America/Lima.')).toBeTruthy();
    expect(asked.map((a) => [a.offset, a.limit])).toEqual([[0, DASHBOARD_PAGE_SIZE]]);
  });

  it('shows main’s counts, per-platform table and next due, whatever the page holds', async () => {
    await showBoard();
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i, { status: 'overdue' }));
    await act(async () =>
      asked[0]!.answer(
        pageOf(rows, 0, {
          counts: { missing: 12, overdue: 9_000, due_soon: 700, ok: 288, awaitingApply: 4, lateApply: 1 },
          byPlatform: [
            { platform: 'facebook', total: 6_000, missing: 12, overdue: 5_000, dueSoon: 500 },
            { platform: 'youtube', total: 4_000, missing: 0, overdue: 4_000, dueSoon: 200 },
          ],
          next: { accountId: id(9_999), displayName: 'Cuenta al día', platform: 'youtube', dueAt: '2026-12-24T15:00:00.000Z' },
        }),
      ),
    );
    const stats = [...document.querySelectorAll('.stats dd')].map((dd) => dd.textContent);
    expect(stats.slice(0, 4)).toEqual(['9000', '700', '12', '4']);
    expect(stats[4]).toMatch(/^Cuenta al día · 24\/12\/26/);
    expect(screen.getByText(/1 contraseña autorizada/)).toBeTruthy();
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(expect.arrayContaining([expect.stringContaining('6000'), expect.stringContaining('4000')]));
  });

  it('renders only a window of a 10,000-account board and fetches the pages it scrolls to, one request at a time', async () => {
    await showBoard();
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i));
    await act(async () => asked[0]!.answer(pageOf(rows, 0)));
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(screen.getAllByRole('listitem').length).toBeLessThan(60);
    expect(asked).toHaveLength(1);
    const list = screen.getByRole('list', { name: 'Cuentas por urgencia' });
    await act(async () => {
      list.scrollTop = 5_000 * 48;
      fireEvent.scroll(list);
    });
    expect(asked.map((a) => a.offset)).toEqual([0, 4_950]);
    expect(screen.getAllByText('Cargando…').length).toBeGreaterThan(5);
    await act(async () => asked[1]!.answer(pageOf(rows, 4_950)));
    expect(asked.map((a) => a.offset)).toEqual([0, 4_950, 5_000]);
    await act(async () => asked[2]!.answer(pageOf(rows, 5_000)));
    expect(screen.getByRole('button', { name: 'Abrir: Cuenta 5000' })).toBeTruthy();
    expect(screen.queryByText('Cargando…')).toBeNull();
    expect(asked).toHaveLength(3);
  });

  it('reads the board again from its first page after a change to the vault, and starts afresh when the total moved', async () => {
    await showBoard();
    const rows = Array.from({ length: 120 }, (_, i) => row(i, { status: 'overdue' }));
    await act(async () => asked[0]!.answer(pageOf(rows, 0)));
    act(() => announceVaultChanged());
    expect(asked.map((a) => a.offset)).toEqual([0, 0]);
    const after = [row(500, { status: 'overdue', displayName: 'Cuenta nueva' }), ...rows];
    await act(async () => asked[1]!.answer(pageOf(after, 0)));
    expect(screen.getByRole('button', { name: 'Rotar: Cuenta nueva' })).toBeTruthy();
    expect(document.querySelector('.stat-bad dd')?.textContent).toBe('121');
  });

  it('never shows a page of a reading no longer wanted', async () => {
    await showBoard();
    act(() => announceVaultChanged()); // while the first page is on its way
    await act(async () => asked[0]!.answer(pageOf([row(1, { displayName: 'Cuenta antigua' })], 0)));
    expect(screen.queryByRole('button', { name: 'Abrir: Cuenta antigua' })).toBeNull();
    expect(asked.map((a) => a.offset)).toEqual([0, 0]);
    await act(async () => asked[1]!.answer(pageOf([row(2, { displayName: 'Cuenta vigente' })], 0)));
    expect(screen.getByRole('button', { name: 'Abrir: Cuenta vigente' })).toBeTruthy();
  });

  it('shows a refusal instead of the board', async () => {
    invoke.mockResolvedValue({ ok: false, error: { code: 'VAULT_LOCKED' } });
    render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={() => {}} />));
    expect((await screen.findByRole('alert')).textContent).toMatch(/\S/);
  });
});
