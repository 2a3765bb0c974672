import { z } from 'zod';
import { DEFAULT_BACKUP_REMINDER_DAYS } from '../../../../shared/domain';
import { institutionSettings, type InstitutionSettings } from '../../../../shared/rotation';
import { CustodiaError } from '../../../domain/errors';
import { checkSettings, settingsDiff } from '../../../domain/settings';
import { readInstitution, updateSettings } from '../../../vault/repositories/institution';
import { rescheduleCurrentVersions, settingsOf } from '../../rotation/schedule';
import type { InstitutionChangeKind, VaultContext } from '../change-kind';

/** New institution settings (POL-1, POL-4, …): proposed by an administrator, authorized by the head (POL-5), like a password. */
/**
 * `from`: the settings in force when the change was proposed, so that a decided request still
 * reads from → to once the new values are the current ones (requests made before it was kept have none).
 */
/** A request made before the backup reminder (issue 18) has no `backupReminderDays`: read back as it was signed. */
const storedSettings = institutionSettings.extend({ backupReminderDays: institutionSettings.shape.backupReminderDays.optional() });
const settingsPayload = z.object({ settings: storedSettings, note: z.string().nullable(), from: storedSettings.optional() });
export type SettingsPayload = z.infer<typeof settingsPayload>;

/** Settings as signed, with what an older request did not name taken from `base` (it did not change it). */
const complete = (stored: SettingsPayload['settings'], base: Pick<InstitutionSettings, 'backupReminderDays'>): InstitutionSettings => ({
  ...stored,
  backupReminderDays: stored.backupReminderDays ?? base.backupReminderDays,
});

export const currentSettings = ({ db, s, keys }: VaultContext) => settingsOf(readInstitution(db, s, keys.records)!);

export const settingsUpdate: InstitutionChangeKind<'settings.update', SettingsPayload> = {
  id: 'settings.update',
  scope: 'institution',
  payload: settingsPayload,
  digestFields: (p) => ({ settings: p.settings, note: p.note, ...(p.from ? { from: p.from } : {}) }),
  checks: {
    // Whoever asks: every value within its bounds (naming the rule), and something actually changes.
    request(ctx, p) {
      const refusal = checkSettings(complete(p.settings, currentSettings(ctx)));
      if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
      if (settingsDiff(currentSettings(ctx), complete(p.settings, currentSettings(ctx))).length === 0) throw new CustodiaError('SETTINGS_UNCHANGED');
    },
  },
  // Only one settings change is open at a time, so while pending `from` is what is in force.
  describe: (p, ctx) => {
    const from = p.from ? complete(p.from, { backupReminderDays: DEFAULT_BACKUP_REMINDER_DAYS }) : currentSettings(ctx);
    return { kind: 'settings.update', changes: settingsDiff(from, complete(p.settings, from)) };
  },
  /** Writes the settings and moves every current due date to the new intervals (POL-4). */
  apply({ db, s, keys, now }, p) {
    const before = readInstitution(db, s, keys.records)!;
    updateSettings(db, p.settings, now);
    const moved = rescheduleCurrentVersions(db, { ...before, ...p.settings });
    return { institution: '1', rescheduled: String(moved) };
  },
};
