import type { AccountKind } from '../../../shared/domain';
import type { InstitutionSettings } from '../../../shared/rotation';
import { intervalFor, scheduledDue, type RotationSettings } from '../../domain/rotation';
import type { Db } from '../../vault/db';
import type { Institution } from '../../vault/repositories/institution';
import { setDueAt } from '../../vault/repositories/credential-versions';

export function settingsOf(i: Institution): InstitutionSettings {
  const { name: _n, acronym: _a, emailDomains: _e, timeZone: _t, ...settings } = i;
  return settings;
}

export const rotationSettingsOf = (i: Institution): RotationSettings => ({
  intervalDays: i.rotationIntervalDays,
  kindIntervals: i.kindIntervals,
  warningDays: i.rotationWarningDays,
  rotateAfterUse: i.rotateAfterUse,
  rotateAfterUseHours: i.rotateAfterUseHours,
  applyWindowHours: i.applyWindowHours,
});

/** The due date of a version applied at `appliedAt` on an account of `kind`, under the institution's settings. */
export const dueFor = (i: Institution, kind: AccountKind, appliedAt: string): string =>
  scheduledDue(appliedAt, intervalFor(rotationSettingsOf(i), kind), i.timeZone);

/**
 * Recomputes the due date of every current version (after a settings change, or for versions
 * applied before due dates were stored). `onlyMissing` limits it to the latter. Returns how many moved.
 */
export function rescheduleCurrentVersions(db: Db, i: Institution, onlyMissing = false): number {
  const rows = db
    .prepare(
      `SELECT v.id, v.applied_at AS appliedAt, a.due_at AS dueAt, a.kind FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id
       WHERE (@onlyMissing = 0 OR a.due_at IS NULL)`,
    )
    .all({ onlyMissing: onlyMissing ? 1 : 0 }) as { id: string; appliedAt: string; dueAt: string | null; kind: AccountKind }[];
  let moved = 0;
  for (const r of rows) {
    const due = dueFor(i, r.kind, r.appliedAt);
    if (due === r.dueAt) continue;
    setDueAt(db, r.id, due);
    moved += 1;
  }
  return moved;
}
