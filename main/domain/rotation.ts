import { TZDate } from '@date-fns/tz';
import { addDays, addHours, isBefore } from 'date-fns';
import type { AccountKind, RotationStatus } from '../../shared/domain';

/**
 * POL-4 (Congreso 6.2.5): a password rotates every N days (15 by default, per institution, with a
 * per-kind override). Day arithmetic happens in the institution's time zone, so a password applied
 * at 09:00 in Asunción falls due at 09:00 there fifteen days later, across a DST change or a month end.
 */
export interface RotationSettings {
  intervalDays: number;
  /** Per account kind; a kind without an entry uses the institution's interval. */
  kindIntervals: Partial<Record<AccountKind, number>>;
  warningDays: number;
  rotateAfterUse: boolean;
  rotateAfterUseHours: number;
  applyWindowHours: number;
}

export const intervalFor = (settings: Pick<RotationSettings, 'intervalDays' | 'kindIntervals'>, kind: AccountKind): number =>
  settings.kindIntervals[kind] ?? settings.intervalDays;

/** The instant a version applied at `appliedAt` falls due, as an ISO UTC string. */
export function scheduledDue(appliedAt: string, intervalDays: number, timeZone: string): string {
  return new Date(addDays(new TZDate(appliedAt, timeZone), intervalDays).getTime()).toISOString();
}

/**
 * Rotate after use (CyberArk's one-time-password idea): once the applied version has been revealed
 * or copied (or exported to a KeePass file, issue 18), it falls due at the earlier of its schedule and the configured
 * hours after that first use.
 */
export function effectiveDue(scheduled: string, firstUseAt: string | null, settings: Pick<RotationSettings, 'rotateAfterUse' | 'rotateAfterUseHours'>): string {
  if (!settings.rotateAfterUse || firstUseAt === null) return scheduled;
  const afterUse = addHours(new Date(firstUseAt), settings.rotateAfterUseHours);
  return isBefore(afterUse, new Date(scheduled)) ? afterUse.toISOString() : scheduled;
}

/** The bound below which a due date counts as "due soon": now + the warning window, in the zone. */
export function dueSoonBound(now: Date, warningDays: number, timeZone: string): string {
  return new Date(addDays(new TZDate(now.getTime(), timeZone), warningDays).getTime()).toISOString();
}

/** Classifies one due date; ISO UTC strings of the same shape compare as instants. */
export function rotationStatus(due: string | null, nowIso: string, soonBound: string): RotationStatus {
  if (due === null) return 'missing';
  if (due <= nowIso) return 'overdue';
  if (due <= soonBound) return 'due_soon';
  return 'ok';
}

/** The instant after which an authorized version that was not applied on the platform is flagged. */
export function applyDeadline(authorizedAt: string, applyWindowHours: number): string {
  return addHours(new Date(authorizedAt), applyWindowHours).toISOString();
}
