import { z } from 'zod';
import { institutionSettings } from '../../../../shared/rotation';
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
const settingsPayload = z.object({ settings: institutionSettings, note: z.string().nullable(), from: institutionSettings.optional() });
export type SettingsPayload = z.infer<typeof settingsPayload>;

export const currentSettings = ({ db, s, keys }: VaultContext) => settingsOf(readInstitution(db, s, keys.records)!);

export const settingsUpdate: InstitutionChangeKind<'settings.update', SettingsPayload> = {
  id: 'settings.update',
  scope: 'institution',
  payload: settingsPayload,
  digestFields: (p) => ({ settings: p.settings, note: p.note, ...(p.from ? { from: p.from } : {}) }),
  checks: {
    // Whoever asks: every value within its bounds (naming the rule), and something actually changes.
    request(ctx, p) {
      const refusal = checkSettings(p.settings);
      if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
      if (settingsDiff(currentSettings(ctx), p.settings).length === 0) throw new CustodiaError('SETTINGS_UNCHANGED');
    },
  },
  // Only one settings change is open at a time, so while pending `from` is what is in force.
  describe: (p, ctx) => ({ kind: 'settings.update', changes: settingsDiff(p.from ?? currentSettings(ctx), p.settings) }),
  /** Writes the settings and moves every current due date to the new intervals (POL-4). */
  apply({ db, s, keys, now }, p) {
    const before = readInstitution(db, s, keys.records)!;
    updateSettings(db, p.settings, now);
    const moved = rescheduleCurrentVersions(db, { ...before, ...p.settings });
    return { institution: '1', rescheduled: String(moved) };
  },
};
