import { useCallback, useEffect } from 'react';
import type { RequestView } from '../../../../shared/requests';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';

/**
 * Co-signed requests by state (one account's, or all), newest first, with the moment they were
 * read (to say "quedan 3 horas" without reading the clock while rendering). Read again after any
 * change anywhere: a proposal, a decision, a confirmation.
 */
export function useRequests(accountId?: string) {
  const loaded = useLoad(
    useCallback(async (): Promise<{ requests: RequestView[]; now: number }> => {
      const requests = await call(api().cosign.requests(accountId ? { accountId } : {}));
      return { requests, now: Date.now() };
    }, [accountId]),
  );
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}
