import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CredentialVersionView } from '../../../shared/accounts';
import { buildBridge, type Invoke } from '../../../shared/bridge';
import type { RequestView } from '../../../shared/requests';
import type { DashboardRow, DashboardView } from '../../../shared/rotation';
import { RequestCard } from '../../../renderer/src/features/cosign/RequestCard';
import { AwaitingApply } from '../../../renderer/src/features/rotation/AwaitingApply';
import { Dashboard } from '../../../renderer/src/features/rotation/Dashboard';
import { es } from '../../../renderer/src/i18n/resources';
import { formatDateTime } from '../../../renderer/src/ui/format';
import { ADMIN, HEAD, unlockedAs } from '../fixtures';

/**
 * Issue 13's wording: a count is always worded by i18next's plural forms (never «solicitud(es)»),
 * a deadline already behind is worded apart from one ahead («venció el» / «vence el»), and a
 * sentence ending with a time has one period («p. m.», not «p. m..»); in Spanish and in English.
 */
const ZONE = 'America/Lima';
const NOW = Date.parse('2026-11-22T15:00:00.000Z');
const PAST = '2026-11-20T22:30:00.000Z'; // 20/11, 5:30 p. m. in Lima
const FUTURE = '2026-11-25T20:00:00.000Z'; // 25/11, 3:00 p. m. in Lima

function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const row = (i: number, patch: Partial<DashboardRow>): DashboardRow => ({
  accountId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  displayName: `Cuenta ${i}`,
  platform: 'facebook',
  kind: 'principal',
  status: 'ok',
  dueAt: FUTURE,
  dueAfterUse: false,
  awaitingApply: null,
  pendingRequest: false,
  ...patch,
});
const board = (rows: DashboardRow[]): DashboardView => ({
  timeZone: ZONE,
  now: new Date(NOW).toISOString(),
  warningDays: 3,
  // Main counts over every row (the page carries only some): the board shows main's figures.
  counts: { missing: 0, overdue: rows.filter((r) => r.status === 'overdue').length, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 },
  byPlatform: [],
  next: null,
  total: rows.length,
  offset: 0,
  rows,
});
const request = (patch: Partial<RequestView>): RequestView => ({
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'credential.rotate',
  accountId: '44444444-4444-4444-8444-444444444444',
  accountName: 'Página Oficial',
  platform: 'facebook',
  state: 'pending',
  proposedBy: { keyholderId: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator' },
  proposedAt: PAST,
  expiresAt: FUTURE,
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  reason: null,
  description: { kind: 'credential.rotate', reason: 'scheduled', from: { version: 1 }, to: { version: 2 } },
  ...patch,
});

let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(() => {
  invoke = vi.fn<Invoke>();
  window.custodia = buildBridge(invoke, () => () => {});
});
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(async () => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  await i18n.changeLanguage('es');
});

describe('counts are worded with plural forms', () => {
  it('every message that interpolates a count is a plural form', () => {
    const counting = leaves(es).filter(([, text]) => /\{\{\s*count\s*\}\}/.test(text));
    expect(counting.length).toBeGreaterThan(20);
    expect(counting.filter(([key]) => !/_(one|other)$/.test(key)).map(([key]) => key)).toEqual([]);
    expect(
      leaves(es)
        .filter(([, text]) => /\(e?s\)/.test(text))
        .map(([key]) => key),
    ).toEqual([]);
  });

  const cases: [string, Record<string, unknown>, string, string, string, string][] = [
    [
      'account.pending',
      {},
      '1 solicitud pendiente de autorización.',
      '3 solicitudes pendientes de autorización.',
      '1 request awaiting authorization.',
      '3 requests awaiting authorization.',
    ],
    [
      'pending.waiting',
      {},
      '1 solicitud espera su decisión.',
      '3 solicitudes esperan su decisión.',
      '1 request awaits your decision.',
      '3 requests await your decision.',
    ],
    ['requests.left.hours', {}, 'queda 1 hora', 'quedan 3 horas', '1 hour left', '3 hours left'],
    ['requests.left.days', {}, 'queda 1 día', 'quedan 3 días', '1 day left', '3 days left'],
    ['audit.homeSummary', {}, '1 evento firmado', '3 eventos firmados', '1 signed event', '3 signed events'],
    [
      'audit.matched',
      { total: 40 },
      '1 evento coincide de 40 en el registro.',
      '3 eventos coinciden de 40 en el registro.',
      '1 event matches, of 40 in the log.',
      '3 events match, of 40 in the log.',
    ],
    ['home.minutes', {}, '1 minuto', '3 minutos', '1 minute', '3 minutes'],
    [
      'dashboard.intro',
      { zone: ZONE },
      `Cada contraseña se cambia cada día (regla POL-4). Fechas en ${ZONE}.`,
      `Cada contraseña se cambia cada 3 días (regla POL-4). Fechas en ${ZONE}.`,
      `Every password changes every day (rule POL-4). Dates in ${ZONE}.`,
      `Every password changes every 3 days (rule POL-4). Dates in ${ZONE}.`,
    ],
    ['change.codesTo', {}, '1 código nuevo', '3 códigos nuevos', '1 new code', '3 new codes'],
    ['integrity.more', {}, 'y 1 hallazgo más', 'y 3 hallazgos más', 'and 1 more finding', 'and 3 more findings'],
  ];
  it.each(cases)('%s: one and many, in es and en', async (key, values, esOne, esMany, enOne, enMany) => {
    const say = (count: number) => i18n.t(key as 'account.pending', { ...values, count });
    await i18n.changeLanguage('es');
    expect([say(1), say(3)]).toEqual([esOne, esMany]);
    await i18n.changeLanguage('en');
    expect([say(1), say(3)]).toEqual([enOne, enMany]);
  });
});

describe('deadlines behind and ahead are worded apart', () => {
  it.each([
    ['es', `venció el ${'20/11/26, 5:30 p. m.'}`, `vence el ${'25/11/26, 3:00 p. m.'}`],
    ['en', 'was due 20/11/2026, 17:30', 'due 25/11/2026, 15:00'],
  ])('the board (%s) says a past due date is past, and counts what main counted', async (language, past, future) => {
    await i18n.changeLanguage(language);
    invoke.mockResolvedValue({ ok: true, value: board([row(1, { status: 'overdue', dueAt: PAST }), row(2, { status: 'ok', dueAt: FUTURE })]) });
    render(unlockedAs('administrator', <Dashboard intervalDays={15} onRotate={() => {}} />));
    await screen.findByText(new RegExp(`^${past.replace(/[.()]/g, '\\$&')}$`));
    expect(screen.getByText(new RegExp(`^${future.replace(/[.()]/g, '\\$&')}$`))).toBeTruthy();
    // One overdue row, one overdue on the board.
    expect(document.querySelector('.stat-bad dd')?.textContent).toBe('1');
  });

  it.each([
    ['es', 'Vence el 25/11/26, 3:00 p. m.; quedan 3 días. La decide el Jefe de la Oficina.', 'Venció el 20/11/26, 5:30 p. m. sin decisión'],
    ['en', 'Expires on 25/11/2026, 15:00; 3 days left. Decided by the office head.', 'Expired on 20/11/2026, 17:30 without a decision'],
  ])('a request (%s) says how long it has left, or that it expired', async (language, ahead, behind) => {
    await i18n.changeLanguage(language);
    const { rerender } = render(
      <ul>
        <RequestCard request={request({})} now={NOW} zone={ZONE} />
      </ul>,
    );
    expect(screen.getByTestId('request-status').textContent).toBe(ahead);
    rerender(
      <ul>
        <RequestCard request={request({ state: 'expired', expiresAt: PAST })} now={NOW} zone={ZONE} />
      </ul>,
    );
    expect(screen.getByTestId('request-status').textContent).toMatch(new RegExp(`^${behind}`));
  });

  it.each([
    ['es', 'Debe aplicarse antes del 25/11/26, 3:00 p. m.', 'Debía aplicarse antes del 20/11/26, 5:30 p. m. No se aplicó dentro del plazo.'],
    ['en', 'To be applied before 25/11/2026, 15:00.', 'It was to be applied before 20/11/2026, 17:30. It was not applied in time.'],
  ])('a version waiting to be applied (%s) is worded by whether its window has passed', async (language, ahead, behind) => {
    await i18n.changeLanguage(language);
    const version = (applyBy: string): CredentialVersionView => ({
      id: '55555555-5555-4555-8555-555555555555',
      n: 2,
      reason: 'scheduled',
      proposedBy: { keyholderId: ADMIN, name: 'Rosalinda', role: 'administrator' },
      proposedAt: PAST,
      authorizedBy: { keyholderId: HEAD, name: 'Teodomiro', role: 'head' },
      authorizedAt: PAST,
      applyBy,
      appliedBy: null,
      appliedAt: null,
      dueAt: null,
    });
    const { rerender } = render(
      unlockedAs('administrator', <AwaitingApply accountId="a" version={version(FUTURE)} timeZone={ZONE} now={NOW} onApplied={() => {}} />),
    );
    expect(screen.getByText(ahead)).toBeTruthy();
    rerender(unlockedAs('administrator', <AwaitingApply accountId="a" version={version(PAST)} timeZone={ZONE} now={NOW} onApplied={() => {}} />));
    expect(screen.getByText(behind)).toBeTruthy();
  });
});

describe('a sentence that ends with a time has one period', () => {
  it('«p. m.» closes the sentence, and an ellipsis stays', async () => {
    await i18n.changeLanguage('es');
    const when = formatDateTime(FUTURE, ZONE);
    expect(when).toBe('25/11/26, 3:00 p. m.');
    expect(i18n.t('requests.authorized', { name: 'Teodomiro', when })).toBe('Autorizada por Teodomiro el 25/11/26, 3:00 p. m.');
    expect(i18n.t('cosign.working')).toBe('Verificando…');
    expect(i18n.t('app.loading')).toBe('Cargando…');
  });
});
