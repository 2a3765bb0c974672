import { useCallback, useEffect } from 'react';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';

/** Everyone on record and the keyholders with none, read again after any change anywhere. */
export function useStaffList() {
  const loaded = useLoad(useCallback(() => call(api().staff.list({})), []));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}

/**
 * One person's page: data, roles, exposures, devices and checklist, read again after any change
 * (a grant confirmed, a phone returned, a request decided elsewhere).
 */
export function usePerson(personId: string) {
  const loaded = useLoad(useCallback(() => call(api().staff.get({ personId })), [personId]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  return loaded;
}
