import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlerTable, dispatch } from '../../../../main/ipc/handlers';
import { AccountService } from '../../../../main/services/accounts/accounts';
import { nameCollator } from '../../../../main/services/accounts/name-order';
import { RotationService } from '../../../../main/services/rotation';
import { DASHBOARD_PAGE_MAX, type DashboardBoard, type DashboardRow, type DashboardView } from '../../../../shared/rotation';
import { insertSyntheticAccounts } from '../../../fixtures/generate';
import { ACCOUNTS, KNOWN, freshSecret, keyholderId, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * Issue 12: `rotation.dashboard` answers one page at a time, opening only the names of the page's
 * tie groups (same effective and scheduled due date) and of «next»'s. Pages of any size, put end to
 * end, are the whole board main's own readers get; counts, the per-platform table and «next» are
 * the whole board's on every page.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The synthetic accounts' audit events are stamped with the real time: the test's clock starts from it.
let now = Date.now();
const clock = () => new Date(now);
let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
const rotated: Record<'a' | 'b' | 'c' | 'd', string[]> = { a: [], b: [], c: [], d: [] };

/** A board of its own (its AccountService without an index): nothing cached from another call. */
function fresh(buildIndex = false) {
  const { sodium, vault, sessions } = ctx.services;
  const accounts = new AccountService(sodium, vault, sessions, clock);
  if (buildIndex) accounts.list('');
  return { accounts, rotation: new RotationService(sodium, vault, sessions, accounts, clock) };
}

function pages(rotation: RotationService, size: number): { rows: DashboardRow[]; views: DashboardView[] } {
  const rows: DashboardRow[] = [];
  const views: DashboardView[] = [];
  for (let offset = 0; ; offset += size) {
    const view = rotation.dashboardPage({ offset, limit: size });
    views.push(view);
    rows.push(...view.rows);
    if (offset + size >= view.total) return { rows, views };
  }
}

const nextOf = (rows: readonly DashboardRow[]) => {
  const ok = rows.find((r) => r.status === 'ok');
  return ok ? { accountId: ok.accountId, displayName: ok.displayName, platform: ok.platform, dueAt: ok.dueAt } : null;
};

/** The board's figures counted from its rows, as the renderer once counted them (an oracle apart from main's bisections). */
function tallyOf(rows: readonly DashboardRow[]): Pick<DashboardBoard, 'counts' | 'byPlatform'> {
  const counts = { missing: 0, overdue: 0, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 };
  const platforms = new Map<string, DashboardBoard['byPlatform'][number]>();
  for (const row of rows) {
    counts[row.status] += 1;
    if (row.awaitingApply) counts.awaitingApply += 1;
    if (row.awaitingApply?.late) counts.lateApply += 1;
    const p = platforms.get(row.platform) ?? { platform: row.platform, total: 0, missing: 0, overdue: 0, dueSoon: 0 };
    p.total += 1;
    if (row.status === 'missing') p.missing += 1;
    if (row.status === 'overdue') p.overdue += 1;
    if (row.status === 'due_soon') p.dueSoon += 1;
    platforms.set(row.platform, p);
  }
  const byPlatform = [...platforms.values()].sort(
    (a, b) => b.missing + b.overdue - (a.missing + a.overdue) || b.dueSoon - a.dueSoon || a.platform.localeCompare(b.platform),
  );
  return { counts, byPlatform };
}

function expectPagesMatch(full: DashboardBoard, rotation: () => RotationService, sizes: readonly number[]): void {
  expect({ counts: full.counts, byPlatform: full.byPlatform }).toEqual(tallyOf(full.rows));
  for (const size of sizes) {
    const { rows, views } = pages(rotation(), size);
    expect(rows, `pages of ${size}`).toEqual(full.rows);
    views.forEach((view, i) => {
      expect(view.rows.length).toBe(Math.min(size, full.rows.length - i * size));
      expect(view).toMatchObject({
        total: full.rows.length,
        offset: i * size,
        timeZone: full.timeZone,
        warningDays: full.warningDays,
        counts: full.counts,
        byPlatform: full.byPlatform,
        next: nextOf(full.rows),
      });
    });
  }
}

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock });
  insertSyntheticAccounts(ctx.services, ctx.head, 200, 1); // applied in January 2026: overdue, 25 dates of 8 accounts each
  insertSyntheticAccounts(ctx.services, ctx.head, 15, 0); // none applied: missing
  now = Date.now() + HOUR; // after their events: the vault's time only moves on
  const synthetic = ctx.services.accounts
    .list('Cuenta institucional')
    .filter((a) => a.currentVersion !== null)
    .map((a) => a.id);
  // Three names the register's collator holds equal, rotated at the same instant: ordered as the file holds them.
  for (const displayName of ['Álamo Prensa', 'alamo prensa', 'ALAMO PRENSA'])
    rotateApplied(ctx, registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName }));
  const rotate = (group: keyof typeof rotated, ids: string[]) => {
    for (const id of ids) rotateApplied(ctx, id);
    rotated[group] = ids;
  };
  rotate('a', synthetic.slice(0, 10));
  now += 2 * DAY;
  rotate('b', synthetic.slice(10, 20));
  now += 3 * DAY;
  rotate('c', synthetic.slice(20, 30));
  now += DAY;
  // First uses at one instant, of accounts due on different dates: with rotate-after-use on, one effective date.
  for (const id of [...rotated.a.slice(0, 3), ...rotated.b.slice(0, 3)]) ctx.services.credentials.reveal(ctx.admin, id);
  now += DAY;
  rotate('d', synthetic.slice(30, 40));
  now += 7 * DAY; // a and the Álamos due soon, b due soon, c and d up to date
  for (const id of synthetic.slice(40, 43)) {
    const { requestId } = ctx.services.cosign.propose(ctx.admin, { accountId: id, secret: freshSecret(), reason: 'scheduled' });
    ctx.services.cosign.approve(requestId, ctx.head); // authorized, waiting to be applied (within its window until later)
  }
  for (const id of synthetic.slice(43, 45)) ctx.services.cosign.propose(ctx.admin, { accountId: id, secret: freshSecret(), reason: 'scheduled' });
});
afterAll(() => ctx.services.close());

describe('the deadline board, one page at a time', () => {
  it('is the whole board in pages of any size, with its counts, table and next on every page', async () => {
    const full = fresh().rotation.dashboard();
    expect(full.rows).toHaveLength(218);
    expect(full.counts).toMatchObject({ missing: 15, overdue: 160, due_soon: 23, ok: 20, awaitingApply: 3, lateApply: 0 });
    // The board's order, checked apart from the code that makes it: urgency, due date, then the register's name order.
    const urgency = { missing: 0, overdue: 1, due_soon: 2, ok: 3 };
    for (let i = 1; i < full.rows.length; i++) {
      const [a, b] = [full.rows[i - 1]!, full.rows[i]!];
      expect(urgency[a.status] <= urgency[b.status]).toBe(true);
      if (a.status === b.status) expect((a.dueAt ?? '') <= (b.dueAt ?? '')).toBe(true);
      if (a.dueAt === b.dueAt) expect(nameCollator.compare(a.displayName, b.displayName)).toBeLessThanOrEqual(0);
    }
    expect(full.rows.filter((r) => nameCollator.compare(r.displayName, 'alamo prensa') === 0).map((r) => r.displayName)).toEqual([
      'Álamo Prensa',
      'alamo prensa',
      'ALAMO PRENSA',
    ]);
    expect(full.byPlatform.reduce((sum, p) => sum + p.total, 0)).toBe(218);
    expect(full.byPlatform.reduce((sum, p) => sum + p.missing, 0)).toBe(15);

    // Names opened from their rows by id, from the index, and from the rows read during the unlock.
    expectPagesMatch(full, () => fresh().rotation, [1, 3, 7, 50, DASHBOARD_PAGE_MAX]);
    expectPagesMatch(full, () => fresh(true).rotation, [4, 50]);
    ctx.services.sessions.lock('manual');
    await ctx.services.sessions.unlock(ctx.admin.keyholderId, KNOWN.adminPass);
    ctx.admin = ctx.services.sessions.require();
    expectPagesMatch(full, () => ctx.services.rotation, [6, 50]);
    expect(ctx.services.rotation.dashboardPage({ offset: 10_000, limit: 5 })).toMatchObject({ total: 218, offset: 218, rows: [] });
    ctx.head = await ctx.services.sessions.authenticate(keyholderId(ctx.services, 'head'), KNOWN.headPass);
  });

  it('opens only the names of the page’s tie groups and of next’s', () => {
    const full = fresh().rotation.dashboard();
    const { accounts, rotation } = fresh();
    const namesOf = vi.spyOn(accounts, 'namesOf');
    const groupOf = (row: DashboardRow) => full.rows.filter((r) => r.dueAt === row.dueAt).map((r) => r.accountId);
    const offset = full.rows.findIndex((r) => r.status === 'overdue') + 5;
    const page = rotation.dashboardPage({ offset, limit: 3 });
    expect(page.rows).toEqual(full.rows.slice(offset, offset + 3));
    const next = full.rows.find((r) => r.status === 'ok')!;
    const expected = new Set([...page.rows.flatMap(groupOf), ...groupOf(next)]);
    expect(namesOf).toHaveBeenCalledTimes(1);
    expect(namesOf.mock.calls[0]![1]).toBeFalsy();
    expect(new Set(namesOf.mock.calls[0]![0])).toEqual(expected);
    expect(expected.size).toBeLessThan(40);
    // The same page again opens nothing: its groups stay named while the file is unchanged.
    rotation.dashboardPage({ offset, limit: 3 });
    expect(namesOf).toHaveBeenCalledTimes(1);
  });

  it('keeps pages and the whole board equal with rotate-after-use on, and as time passes', () => {
    const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, {
      settings: { ...ctx.services.rotation.settings(), rotateAfterUse: true, rotateAfterUseHours: 8 },
    });
    ctx.services.cosign.approve(requestId, ctx.head);
    const full = fresh().rotation.dashboard();
    const used = full.rows.filter((r) => r.dueAfterUse);
    expect(used).toHaveLength(6);
    expect(new Set(used.map((r) => r.dueAt)).size).toBe(1); // one effective date, two scheduled ones
    expect(used.every((r) => r.status === 'overdue')).toBe(true);
    expectPagesMatch(full, () => fresh().rotation, [1, 4, 50, DASHBOARD_PAGE_MAX]);
    expectPagesMatch(full, () => ctx.services.rotation, [5]);

    now += 2 * DAY; // the authorized versions' window passes; a and the Álamos fall overdue
    const later = fresh().rotation.dashboard();
    expect(later.counts).toMatchObject({ missing: 15, overdue: 176, due_soon: 7, ok: 20, lateApply: 3 });
    expectPagesMatch(later, () => fresh().rotation, [3, 50]);
    expectPagesMatch(later, () => ctx.services.rotation, [7]); // a board kept from before, classified by the clock now
  });

  it('refuses a page holding an edited name (RECORD_TAMPERED), and not a page whose groups do not hold it', () => {
    const full = fresh().rotation.dashboard();
    const last = full.rows[full.rows.length - 1]!;
    expect(rotated.d).toContain(last.accountId); // the last tie group, not next's
    expect(nextOf(full.rows)!.dueAt).not.toBe(last.dueAt);
    const editor = new Database(ctx.services.vault.path);
    editor.prepare('UPDATE accounts SET display_name = randomblob(60) WHERE id = ?').run(last.accountId);
    editor.close();
    const { rotation } = fresh();
    expect(rotation.dashboardPage({ offset: 0, limit: 50 }).rows).toEqual(full.rows.slice(0, 50));
    expect(() => rotation.dashboardPage({ offset: full.rows.length - 1, limit: 1 })).toThrow(
      expect.objectContaining({ code: 'RECORD_TAMPERED', details: expect.objectContaining({ rowId: last.accountId }) }),
    );
    expect(() => fresh().rotation.dashboard()).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
  });
});

describe('the rotation.dashboard contract', () => {
  it('refuses hostile pages: negative, fractional, huge or missing bounds, and extra keys', async () => {
    const table = createHandlerTable(ctx.services, () => {});
    for (const payload of [
      {},
      { offset: 0 },
      { limit: 10 },
      { offset: -1, limit: 10 },
      { offset: 0.5, limit: 10 },
      { offset: Number.MAX_SAFE_INTEGER + 2, limit: 10 },
      { offset: '0', limit: 10 },
      { offset: 0, limit: 0 },
      { offset: 0, limit: DASHBOARD_PAGE_MAX + 1 },
      { offset: 0, limit: 2.5 },
      { offset: 0, limit: 10, rows: 'all' },
      null,
      [0, 10],
    ])
      expect(await dispatch(table, 'rotation.dashboard', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const answer = await dispatch(table, 'rotation.dashboard', { offset: 0, limit: 10 });
    expect(answer).toMatchObject({ ok: true, value: { offset: 0, total: 218 } });
  });
});
