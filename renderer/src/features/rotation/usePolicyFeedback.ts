import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { api, call } from '../../bridge/api';

/**
 * Immediate, specific feedback while a password is typed (POL-1..3), checked by main against the
 * vault a quarter second after the last key: undefined while there is nothing to say, null when it
 * passes, the rule it breaks otherwise. A check that fails says nothing; the proposal will.
 */
export function usePolicyFeedback(accountId: string, secret: string): AppError | null | undefined {
  const [checked, setChecked] = useState<{ secret: string; violation: AppError | null } | null>(null);

  useEffect(() => {
    if (!secret) return;
    let current = true;
    const timer = window.setTimeout(() => {
      call(api().credentials.checkPolicy({ accountId, secret }))
        .then((r) => current && setChecked({ secret, violation: r.violation }))
        .catch(() => current && setChecked(null));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [accountId, secret]);

  // An answer about other text (an earlier key, a cleared field) says nothing about this one.
  return secret && checked?.secret === secret ? checked.violation : undefined;
}
