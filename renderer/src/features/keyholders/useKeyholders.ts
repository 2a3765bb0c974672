import { useCallback, useEffect } from 'react';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';

/** Every keyholder, active and revoked, read again after any change (an enrolment authorized, a first unlock, a re-key). */
export function useKeyholders() {
  const loaded = useLoad(useCallback(() => call(api().keyholders.list({})), []));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}
