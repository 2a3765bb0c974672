import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { DashboardRow, DashboardView } from '../../../../shared/rotation';
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

function view(rows: DashboardRow[]): DashboardView {
  return {
    timeZone: 'America/Lima',
    now: '2026-11-22T15:00:00.000Z',
    warningDays: 3,
    counts: { missing: 0, overdue: rows.filter((r) => r.status === 'overdue').length, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 },
    byPlatform: [{ platform: 'facebook', total: rows.length, overdue: 1, dueSoon: 0 }],
    rows,
  };
}

// happy-dom lays nothing out: give every element a 600×1000 box so the virtualizer has a window.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  invoke = vi.fn<Invoke>();
  window.custodia = buildBridge(invoke, () => () => {});
});

describe('Dashboard', () => {
  it('offers "Rotar" on an overdue account and "Abrir" on one already waiting to be applied', async () => {
    invoke.mockResolvedValue({
      ok: true,
      value: view([
        row(1, { status: 'overdue', dueAt: '2026-11-16T15:00:00.000Z' }),
        row(2, { status: 'overdue', awaitingApply: { versionN: 2, applyBy: '2026-11-23T15:00:00.000Z', late: false } }),
      ]),
    });
    const onRotate = vi.fn();
    render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={onRotate} />));
    await screen.findByText('Cuentas por urgencia');
    fireEvent.click(await screen.findByRole('button', { name: 'Rotar: Cuenta 1' }));
    expect(onRotate).toHaveBeenCalledWith(id(1));
    expect(screen.getByRole('button', { name: 'Abrir: Cuenta 2' })).toBeTruthy();
    expect(screen.getByText(/versión 2 autorizada, por aplicar/)).toBeTruthy();
    expect(screen.getByText('Cada contraseña se cambia cada 15 días (regla POL-4). Fechas en America/Lima.')).toBeTruthy();
  });

  it('renders only a window of a 10,000-account list', async () => {
    invoke.mockResolvedValue({ ok: true, value: view(Array.from({ length: 10_000 }, (_, i) => row(i))) });
    render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={() => {}} />));
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(screen.getAllByRole('listitem').length).toBeLessThan(60);
  });

  it('shows a refusal instead of the board', async () => {
    invoke.mockResolvedValue({ ok: false, error: { code: 'VAULT_LOCKED' } });
    render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={() => {}} />));
    expect((await screen.findByRole('alert')).textContent).toMatch(/\S/);
  });
});
