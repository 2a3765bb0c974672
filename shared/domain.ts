/** Domain vocabulary shared by main and renderer. Spanish lives in the renderer's i18n, not here. */
export const KEYHOLDER_ROLES = ['administrator', 'head', 'backup_administrator'] as const;
export type KeyholderRole = (typeof KEYHOLDER_ROLES)[number];

export const KEYHOLDER_STATUSES = ['active', 'retired'] as const;
export type KeyholderStatus = (typeof KEYHOLDER_STATUSES)[number];

export const DEFAULT_TIME_ZONE = 'America/Lima';
export const DEFAULT_IDLE_LOCK_MINUTES = 5;
export const DEFAULT_CLIPBOARD_SECONDS = 30;
export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MIN_SCORE = 3;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ACCOUNT_KINDS = ['principal', 'support', 'authority', 'linked_email'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const ACCOUNT_STATUSES = ['active', 'archived'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CHANGE_REASONS = ['creation', 'scheduled', 'handover', 'incident', 'exposure', 'decommission'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const EXPOSURE_KINDS = ['revealed', 'copied', 'institutional_email', 'in_person'] as const;
export type ExposureKind = (typeof EXPOSURE_KINDS)[number];

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const DEFAULT_COSIGN_EXPIRY_HOURS = 24;
export const DEFAULT_REVEAL_SECONDS = 30;
