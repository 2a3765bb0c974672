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
