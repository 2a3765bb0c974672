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

/** LIFE-1, LIFE-3: «en trámite» until the head authorizes its alta; rejected alta kept as evidence (never official, SUP-4); archived after its baja. */
export const ACCOUNT_STATUSES = ['active', 'archived', 'pending', 'rejected'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CHANGE_REASONS = ['creation', 'scheduled', 'handover', 'incident', 'exposure', 'decommission'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const EXPOSURE_KINDS = ['revealed', 'copied', 'institutional_email', 'in_person'] as const;
export type ExposureKind = (typeof EXPOSURE_KINDS)[number];

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const DEFAULT_COSIGN_EXPIRY_HOURS = 24;
export const DEFAULT_REVEAL_SECONDS = 30;

/** POL-4: where an account stands against its rotation deadline. */
export const ROTATION_STATUSES = ['missing', 'overdue', 'due_soon', 'ok'] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];

/** POL-6 (Congreso 6.2.7): the only channels a password may be delivered through. */
export const DELIVERY_CHANNELS = ['institutional_email', 'in_person'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Institution settings that change only through a co-signed request, with their bounds. */
export const SETTING_BOUNDS = {
  policyMinLength: { min: 12, max: 128 },
  rotationIntervalDays: { min: 1, max: 90 },
  rotationWarningDays: { min: 0, max: 30 },
  rotateAfterUseHours: { min: 1, max: 720 },
  applyWindowHours: { min: 1, max: 168 },
  clipboardSeconds: { min: 5, max: 300 },
  revealSeconds: { min: 5, max: 120 },
  idleLockMinutes: { min: 1, max: 60 },
  cosignExpiryHours: { min: 1, max: 168 },
  /** Issue 18: the home screen reminds after this many days without a backup. */
  backupReminderDays: { min: 1, max: 90 },
} as const;
/** A vault without a co-signed value (every vault made before issue 18's reminder) reminds after a week. */
export const DEFAULT_BACKUP_REMINDER_DAYS = 7;
export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/** The kinds of co-signed change (POL-5). */
export const CHANGE_KIND_IDS = [
  'credential.rotate',
  'settings.update',
  'totp.set',
  'totp.remove',
  'totp.export',
  'recovery.replace',
  'person.register',
  'person.update',
  'person.depart',
  'role.grant',
  'role.revoke',
  'keyholder.enrol',
  'keyholder.revoke',
  'account.create',
  'account.modify',
  'account.decommission',
  'inventory.import',
  'vault.export',
  'kit.issue',
  'vault.restore',
] as const;
export type ChangeKindId = (typeof CHANGE_KIND_IDS)[number];
