import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { AccountKind, AccountStatus } from '../../shared/domain';

/** The calendar date `now` falls on in the institution's time zone (YYYY-MM-DD). */
export const localDate = (now: Date, timeZone: string): string => format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');

/**
 * LIFE-2 (MITIC 4, 6.1.2): a support account in force past its end date (the whole end day counts,
 * in the institution's time zone) is to be decommissioned. Flags; the baja itself is co-signed.
 */
export function isPastEnd(a: { kind: AccountKind; status: AccountStatus; supportEnd: string | null }, now: Date, timeZone: string): boolean {
  return a.kind === 'support' && a.status === 'active' && a.supportEnd !== null && a.supportEnd < localDate(now, timeZone);
}
