import { z } from 'zod';

/**
 * The backup reminder on the home screen (issue 18, scope 1): after `reminderDays` (a co-signed
 * institution setting, 1–90, default 7) without a backup, the home screen says so.
 */
export const backupReminderRequest = z.object({}).strict();

/**
 * `last`: the newest «backup.created» event whose hash, place in the chain and signature hold (the
 * date comes from the signed log, never from a column anyone could edit); null when there is none.
 * `unverified`: the newest such event did not hold (an edited log: the integrity panel names it);
 * it is not trusted, so the reminder shows as if there were no backup.
 */
export interface BackupReminder {
  reminderDays: number;
  last: { at: string; seq: number; ageDays: number } | null;
  unverified: boolean;
  /** A new backup is due: none yet (a new vault is told at once), or the last is `reminderDays` old or older. */
  due: boolean;
}
