import { z } from 'zod';
import { institutionSettings } from '../../../../shared/rotation';
import { CustodiaError } from '../../../domain/errors';
import { checkSettings, settingsDiff } from '../../../domain/settings';
import { readInstitution, updateSettings } from '../../../vault/repositories/institution';
import { rescheduleCurrentVersions, settingsOf } from '../../rotation/schedule';
import type { InstitutionChangeKind, VaultContext } from '../change-kind';

/** New institution settings (POL-1, POL-4, …): proposed by an administrator, authorized by the head (POL-5), like a password. */
const settingsPayload = z.object({ settings: institutionSettings, note: z.string().nullable() });
export type SettingsPayload = z.infer<typeof settingsPayload>;

const currentSettings = ({ db, s, keys }: VaultContext) => settingsOf(readInstitution(db, s, keys.records)!);

export const settingsUpdate: InstitutionChangeKind<'settings.update', SettingsPayload> = {
  id: 'settings.update',
  scope: 'institution',
  payload: settingsPayload,
  digestFields: (p) => ({ settings: p.settings, note: p.note }),
  checks: {
    // Whoever asks: every value within its bounds (naming the rule), and something actually changes.
    request(ctx, p) {
      const refusal = checkSettings(p.settings);
      if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
      if (settingsDiff(currentSettings(ctx), p.settings).length === 0) throw new CustodiaError('SETTINGS_UNCHANGED');
    },
  },
  describe: (p, ctx) => ({ kind: 'settings.update', changes: settingsDiff(currentSettings(ctx), p.settings) }),
  /** Writes the settings and moves every current due date to the new intervals (POL-4). */
  apply({ db, s, keys, now }, p) {
    const before = readInstitution(db, s, keys.records)!;
    updateSettings(db, p.settings, now);
    const moved = rescheduleCurrentVersions(db, { ...before, ...p.settings });
    return { institution: '1', rescheduled: String(moved) };
  },
};
