import type { CustodiaApi } from '../../../shared/bridge';
import type { AppError, Result } from '../../../shared/result';

declare global {
  interface Window {
    custodia: CustodiaApi;
  }
}

/** The bridge the preload exposes; the renderer has no other way to reach the main process. */
export const api = (): CustodiaApi => window.custodia;

/** Unwraps a Result, throwing its AppError so that a caller's several calls fail in one place (useAction, useLoad). */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new RefusedError(result.error);
  return result.value;
}

export class RefusedError extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/** Main's refusal as it came; anything else thrown on the way is an internal error, never a raw message. */
export const asAppError = (e: unknown): AppError => (e instanceof RefusedError ? e.error : { code: 'INTERNAL' });
