import { useCallback, useEffect, useRef, useState } from 'react';
import { ACCOUNT_PAGE_SIZE, type AccountPage, type AccountSummary, type ACCOUNT_SORTS } from '../../../../shared/accounts';
import type { AppError } from '../../../../shared/result';
import { api, asAppError, call } from '../../bridge/api';

type Sort = (typeof ACCOUNT_SORTS)[number];
interface Search {
  query: string;
  sort: Sort;
}
const same = (a: Search, b: Search) => a.query === b.query && a.sort === b.sort;

/** What the list shows: one search's total and the pages of it fetched so far (by page number). */
interface Shown {
  search: Search;
  total: number;
  pages: ReadonlyMap<number, readonly AccountSummary[]>;
  /** Changes with the search shown, so that the list starts again from its top. */
  generation: number;
}

interface Ask {
  search: Search;
  page: number;
}

/** Rows fetched beyond those in view (which already include the list's overscan), on either side. */
const MARGIN = 10;

/** The one request to make next: the first page of a newer search, or else a page in view not fetched yet. */
function nextAsk(wanted: Search, shown: Shown | null, range: { first: number; last: number }): Ask | null {
  if (!shown || !same(shown.search, wanted)) return { search: wanted, page: 0 };
  const from = Math.floor(Math.max(0, range.first - MARGIN) / ACCOUNT_PAGE_SIZE);
  const to = Math.floor(Math.min(range.last + MARGIN, shown.total - 1) / ACCOUNT_PAGE_SIZE);
  for (let page = from; page <= to; page++) if (!shown.pages.has(page)) return { search: wanted, page };
  return null;
}

/** An answer is shown only if its search is still the one wanted; a first page (or a total that moved) starts the pages afresh. */
function accept(shown: Shown | null, ask: Ask, answer: AccountPage, wanted: Search): Shown | null {
  if (!same(ask.search, wanted)) return shown;
  const sameSearch = shown !== null && same(shown.search, ask.search);
  if (!sameSearch || shown.total !== answer.total) {
    return { search: ask.search, total: answer.total, pages: new Map([[ask.page, answer.items]]), generation: (shown?.generation ?? 0) + (sameSearch ? 0 : 1) };
  }
  return { ...shown, pages: new Map(shown.pages).set(ask.page, answer.items) };
}

/**
 * The register's search, answered by main one page at a time: the list knows the total, shows the
 * rows in view, and asks for the pages it scrolls to. No timer holds typing back (the list follows
 * a key within a frame: `list_keystroke` in the bench), but main is never asked twice at once:
 * keys typed while a request runs collapse into one follow-up for the latest text, and an answer
 * for a search no longer wanted is never shown. A page is a few dozen rows, so an answer renders
 * at once: the query is not deferred.
 */
export function useAccountSearch(query: string, sort: Sort) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const latest = useRef<Search>({ query, sort });
  const current = useRef<Shown | null>(null);
  const range = useRef({ first: 0, last: 0 });
  const running = useRef(false);
  const mounted = useRef(false);

  const pump = useCallback(function pump(): void {
    if (running.current || !mounted.current) return;
    const ask = nextAsk(latest.current, current.current, range.current);
    if (!ask) return;
    running.current = true;
    void (async () => {
      let failed = false;
      try {
        const { query, sort } = ask.search;
        const answer = await call(api().accounts.page({ query, sort, offset: ask.page * ACCOUNT_PAGE_SIZE, limit: ACCOUNT_PAGE_SIZE }));
        if (mounted.current) {
          const before = current.current;
          current.current = accept(before, ask, answer, latest.current);
          // A new search's list starts at its top, whatever the last one had scrolled to.
          if (current.current?.generation !== before?.generation) range.current = { first: 0, last: 0 };
          setShown(current.current);
          setRefusal(null);
        }
      } catch (e) {
        failed = true;
        if (mounted.current) setRefusal(asAppError(e));
      }
      running.current = false;
      // After a refusal, the next key or scroll asks again: no loop of refused requests.
      if (!failed) pump();
    })();
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    latest.current = { query, sort };
    pump(); // a request in flight asks for the latest search when it ends
  }, [query, sort, pump]);

  const onRange = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      pump();
    },
    [pump],
  );

  const rowAt = useCallback((index: number) => shown?.pages.get(Math.floor(index / ACCOUNT_PAGE_SIZE))?.[index % ACCOUNT_PAGE_SIZE], [shown]);

  return { total: shown?.total ?? 0, loaded: shown !== null, generation: shown?.generation ?? 0, rowAt, onRange, refusal };
}
