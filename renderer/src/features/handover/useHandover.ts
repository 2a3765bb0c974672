import { useCallback, useEffect } from 'react';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';

/** One handover's checklist, read again after any change anywhere (a rotation applied, a role confirmed, a request decided). */
export function useHandoverPlan(handoverId: string) {
  const loaded = useLoad(useCallback(() => call(api().handover.plan({ handoverId })), [handoverId]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}

/** Every handover (`all`) or those in progress, with their progress, read again after any change. */
export function useHandovers(which: 'all' | 'current') {
  const loaded = useLoad(useCallback(() => call(which === 'all' ? api().handover.list({}) : api().handover.current({})), [which]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}
