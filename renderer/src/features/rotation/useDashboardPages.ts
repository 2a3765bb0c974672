import { useCallback, useEffect, useRef, useState } from 'react';
import { DASHBOARD_PAGE_SIZE } from '../../../../shared/accounts';
import type { AppError } from '../../../../shared/result';
import type { DashboardRow, DashboardView } from '../../../../shared/rotation';
import { api, asAppError, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';

/** The board's figures over every row (main's), from the latest answer. */
export type BoardSummary = Omit<DashboardView, 'rows' | 'offset'>;

/** What the board shows: one reading of the vault (`reading`), its total, and the pages of it fetched so far (by number). */
interface Shown {
  reading: number;
  summary: BoardSummary;
  pages: ReadonlyMap<number, readonly DashboardRow[]>;
}

interface Ask {
  reading: number;
  page: number;
}

/** Rows fetched beyond those in view (which already include the list's overscan), on either side. */
const MARGIN = 10;

/** The one request to make next: the first page of a newer reading, or else a page in view not fetched yet. */
function nextAsk(wanted: number, shown: Shown | null, range: { first: number; last: number }): Ask | null {
  if (!shown || shown.reading !== wanted) return { reading: wanted, page: 0 };
  const from = Math.floor(Math.max(0, range.first - MARGIN) / DASHBOARD_PAGE_SIZE);
  const to = Math.floor(Math.min(range.last + MARGIN, shown.summary.total - 1) / DASHBOARD_PAGE_SIZE);
  for (let page = from; page <= to; page++) if (!shown.pages.has(page)) return { reading: wanted, page };
  return null;
}

/** An answer is shown only if its reading is still the one wanted; a new reading (or a total that moved) starts the pages afresh. */
function accept(shown: Shown | null, ask: Ask, answer: DashboardView, wanted: number): Shown | null {
  if (ask.reading !== wanted) return shown;
  const { rows, timeZone, now, warningDays, counts, byPlatform, next, total } = answer;
  const summary = { timeZone, now, warningDays, counts, byPlatform, next, total };
  if (!shown || shown.reading !== ask.reading || shown.summary.total !== answer.total) {
    return { reading: ask.reading, summary, pages: new Map([[ask.page, rows]]) };
  }
  return { reading: ask.reading, summary, pages: new Map(shown.pages).set(ask.page, rows) };
}

/**
 * The deadline board, answered by main one page at a time (as the register's list is,
 * ../accounts/useAccountSearch.ts): the counts, the per-platform table and the next account due
 * come with every page, over every row; the list shows the rows in view and asks for the pages it
 * scrolls to, one request at a time. After any change to the vault the board is read again from
 * its first page, the list staying where it was.
 */
export function useDashboardPages() {
  const [shown, setShown] = useState<Shown | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const wanted = useRef(0);
  const current = useRef<Shown | null>(null);
  const range = useRef({ first: 0, last: 0 });
  const running = useRef(false);
  const mounted = useRef(false);

  const pump = useCallback(function pump(): void {
    if (running.current || !mounted.current) return;
    const ask = nextAsk(wanted.current, current.current, range.current);
    if (!ask) return;
    running.current = true;
    void (async () => {
      let failed = false;
      try {
        const answer = await call(api().rotation.dashboard({ offset: ask.page * DASHBOARD_PAGE_SIZE, limit: DASHBOARD_PAGE_SIZE }));
        if (mounted.current) {
          current.current = accept(current.current, ask, answer, wanted.current);
          setShown(current.current);
          setRefusal(null);
        }
      } catch (e) {
        failed = true;
        if (mounted.current) setRefusal(asAppError(e));
      }
      running.current = false;
      // After a refusal, the next scroll or change asks again: no loop of refused requests.
      if (!failed) pump();
    })();
  }, []);

  useEffect(() => {
    mounted.current = true;
    pump();
    // A decision, an applied password, a new account: the board is read again after any change.
    const stop = onVaultChanged(() => {
      wanted.current += 1;
      pump(); // a request in flight asks for the new reading when it ends
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, [pump]);

  const onRange = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      pump();
    },
    [pump],
  );

  const rowAt = useCallback((index: number) => shown?.pages.get(Math.floor(index / DASHBOARD_PAGE_SIZE))?.[index % DASHBOARD_PAGE_SIZE], [shown]);

  return { summary: shown?.summary ?? null, rowAt, onRange, refusal };
}
