import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
import { settingsDiff } from '../../domain/settings';
import type { InstitutionSettings } from '../../../shared/rotation';
import { readInstitution, updateSettings } from '../../vault/repositories/institution';
import { rescheduleCurrentVersions, settingsOf } from '../rotation/schedule';
import type { ChangeKind } from './change-kind';

/** New institution settings: proposed by an administrator, authorized by the head (POL-5), like a password. */
export interface SettingsPayload {
  settings: InstitutionSettings;
  note: string | null;
}

export const settingsChange: ChangeKind<SettingsPayload> = {
  id: 'settings.update',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'institution',
  digestFields: (p) => ({ settings: p.settings, note: p.note }),
  describe: (p, { db, s, keys }) => ({ reason: null, note: p.note, changes: settingsDiff(settingsOf(readInstitution(db, s, keys.records)!), p.settings) }),
  /** Writes the settings and moves every current due date to the new intervals (POL-4). */
  apply({ db, s, keys, now }, p) {
    const before = readInstitution(db, s, keys.records)!;
    updateSettings(db, p.settings, now);
    const moved = rescheduleCurrentVersions(db, { ...before, ...p.settings });
    return { institution: '1', rescheduled: String(moved) };
  },
};
