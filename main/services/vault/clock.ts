import { CustodiaError } from '../../domain/errors';
import type { Clock } from './session';

/** The years a vault's records may carry: the calendar of shared/input.ts (2000-01-01 … 2100-12-31). */
const EARLIEST = Date.UTC(2000, 0, 1);
const AFTER_LATEST = Date.UTC(2101, 0, 1);

/**
 * The workstation's clock as the services read it. A reading Custodia cannot record — not a date,
 * before 2000 or after 2100 — is refused as CLOCK_INVALID before anything uses it: a clock set to
 * the far future can neither sign an event that would then lock every later write out as
 * CLOCK_BEHIND, nor reach date arithmetic that throws (a year past 9999 does not even compare as text).
 */
export function checkedClock(read: Clock): Clock {
  return () => {
    const now = read();
    const time = now.getTime();
    if (!(time >= EARLIEST && time < AFTER_LATEST)) throw new CustodiaError('CLOCK_INVALID', { reading: Number.isNaN(time) ? 'invalid' : now.toISOString() });
    return now;
  };
}
