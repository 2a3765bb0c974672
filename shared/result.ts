import type { ErrorCode } from './error-codes';
import type { RuleId } from './rules';

/** Results across IPC. The catalogues they cite stay importable from here, where callers have always found them. */
export { ERROR_CODES, type ErrorCode } from './error-codes';
export type { RuleId } from './rules';

export type DetailValue = string | number | boolean | null | DetailValue[] | { [key: string]: DetailValue };

export interface AppError {
  code: ErrorCode;
  rule?: RuleId;
  details?: Record<string, DetailValue>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });
