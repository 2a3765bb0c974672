import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { AccountSummary, ACCOUNT_SORTS } from '../../../../shared/accounts';
import type { AppError } from '../../../../shared/result';
import { api, asAppError, call } from '../../bridge/api';

type Sort = (typeof ACCOUNT_SORTS)[number];
interface Search {
  query: string;
  sort: Sort;
}
const same = (a: Search, b: Search) => a.query === b.query && a.sort === b.sort;

/**
 * The register's search, answered by main. No timer holds typing back (the list follows a key
 * within a frame: `list_keystroke` in the bench), but main is never asked twice at once: keys
 * typed while a search runs collapse into one follow-up search for the latest text. The deferred
 * query keeps the box responsive while React renders a long list.
 */
export function useAccountSearch(query: string, sort: Sort) {
  const wanted = useDeferredValue(query);
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const latest = useRef<Search>({ query: wanted, sort });
  const running = useRef(false);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    latest.current = { query: wanted, sort };
    if (running.current) return; // the search in flight asks again for the latest text when it ends
    running.current = true;
    const ask = async (search: Search): Promise<void> => {
      try {
        const found = await call(api().accounts.list(search));
        if (mounted.current) setAccounts(found);
      } catch (e) {
        if (mounted.current) setRefusal(asAppError(e));
      }
      if (mounted.current && !same(latest.current, search)) return ask(latest.current);
      running.current = false;
    };
    void ask(latest.current);
  }, [wanted, sort]);

  return { accounts, refusal };
}
