import type { RULE_IDS } from './rules';

/** Every refusal crosses IPC as a typed code; the renderer translates it. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_CORRUPT',
  'VAULT_LOCKED',
  'RECORD_TAMPERED',
  'UNLOCK_FAILED',
  'UNLOCK_THROTTLED',
  'KEYHOLDER_UNKNOWN',
  'KEYHOLDER_ROLES',
  'PASSPHRASE_WEAK',
  'PASSPHRASE_SHARED',
  'KDF_PARAMS_TOO_WEAK',
  'EMAIL_DOMAIN_INVALID',
  'ACCOUNT_UNKNOWN',
  'ACCOUNT_INVALID',
  'ACCOUNT_ARCHIVED',
  'CREDENTIAL_NONE',
  'COSIGN_UNKNOWN',
  'COSIGN_SELF_APPROVAL',
  'COSIGN_ROLE',
  'COSIGN_EXPIRED',
  'COSIGN_DECIDED',
  'COSIGN_INTEGRITY',
  'POLICY_VIOLATION',
  'CREDENTIAL_AWAITING_APPLY',
  'CREDENTIAL_NOT_AUTHORIZED',
  'ACTION_ROLE',
  'SETTINGS_INVALID',
  'SETTINGS_UNCHANGED',
  'PERSON_UNKNOWN',
  'PERSON_EXISTS',
  'DELIVERY_CHANNEL',
  'DELIVERY_NOT_RECIPIENT',
  'TOTP_INVALID',
  'TOTP_NONE',
  'QR_NOT_FOUND',
  'TOTP_EXPORT_NONE',
  'RECOVERY_CODES_INVALID',
  'RECOVERY_CODES_EXIST',
  'RECOVERY_CODE_UNKNOWN',
  'RECOVERY_CODE_USED',
  'DEVICE_UNKNOWN',
  'VAULT_TAMPERED',
  'AUDIT_CUT',
  'CLOCK_BEHIND',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
  'STORAGE_UNREADABLE',
  'STORAGE_IO',
  'VAULT_IN_USE',
  'VAULT_NEWER_FORMAT',
  'IMAGE_TOO_LARGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Rule ids from docs/rules.md that an error may cite: only those of the catalogue (shared/rules.ts). */
export type RuleId = (typeof RULE_IDS)[number];

export type DetailValue = string | number | boolean | null | DetailValue[] | { [key: string]: DetailValue };

export interface AppError {
  code: ErrorCode;
  rule?: RuleId;
  details?: Record<string, DetailValue>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error });
