import { useCallback, useEffect } from 'react';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';

/** Every incident (`all`) or those still open, read again after any change (an action may tick from a rotation, a seed, a role). */
export function useIncidents(which: 'all' | 'current') {
  const loaded = useLoad(useCallback(() => call(which === 'all' ? api().incidents.list({}) : api().incidents.current({})), [which]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}

/** One incident with its actions per account, read again after any change anywhere. */
export function useIncident(incidentId: string) {
  const loaded = useLoad(useCallback(() => call(api().incidents.get({ incidentId })), [incidentId]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}
