import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../shared/result';
import { asAppError } from './api';

export interface Loaded<T> {
  data: T | null;
  refusal: AppError | null;
  /** Asks main again (after a change); an answer to an older request is dropped. */
  reload: () => void;
}

/**
 * What a screen reads from main: `load` (a useCallback, so that its inputs are its dependencies)
 * runs on mount and whenever it changes; a refusal is kept as a typed AppError for <ErrorNotice>.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setRefusal(null);
      },
      (e: unknown) => current && setRefusal(asAppError(e)),
    );
    return () => {
      current = false;
    };
  }, [load, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, refusal, reload };
}
