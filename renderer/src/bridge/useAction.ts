import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/result';
import { asAppError } from './api';
import { announceVaultChanged } from './changes';

export interface Action<A extends unknown[], T> {
  /** Runs the calls to main; a refusal lands in `refusal` (shown by <ErrorNotice>) and comes back as `{ ok: false }`. */
  run: (...args: A) => Promise<Result<T>>;
  refusal: AppError | null;
  busy: boolean;
  /** Shows a refusal decided here (a file over the bound) exactly as main's are shown, or clears it. */
  setRefusal: (error: AppError | null) => void;
}

/**
 * The one way a screen asks main to do something: clears the last refusal, marks the action
 * busy, and turns whatever main refused (or anything thrown on the way) into a typed AppError
 * that <ErrorNotice> translates. `send` may make several calls through `call()`. A success is
 * announced (./changes.ts): the log grew, and the home screen's count and head follow. An action
 * that only reads (a verification, a page of the log, an export) says so with `{ reads: true }`.
 */
export function useAction<A extends unknown[], T>(send: (...args: A) => Promise<T>, options: { reads?: boolean } = {}): Action<A, T> {
  const announces = !options.reads;
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // `run` keeps one identity across renders and always calls the latest `send`.
  const latest = useRef(send);
  useLayoutEffect(() => {
    latest.current = send;
  });

  const run = useCallback(
    async (...args: A): Promise<Result<T>> => {
      setRefusal(null);
      setBusy(true);
      try {
        const value = await latest.current(...args);
        if (announces) announceVaultChanged();
        return { ok: true, value };
      } catch (e) {
        const error = asAppError(e);
        setRefusal(error);
        return { ok: false, error };
      } finally {
        setBusy(false);
      }
    },
    [announces],
  );

  return { run, refusal, busy, setRefusal };
}
