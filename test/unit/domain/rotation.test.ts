import { TZDate } from '@date-fns/tz';
import { addDays, addHours, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { applyDeadline, dueSoonBound, effectiveDue, intervalFor, rotationStatus, scheduledDue } from '../../../main/domain/rotation';

/** The expectation, computed independently with date-fns: the wall-clock time in the zone, N days later. */
const expected = (appliedAt: string, days: number, zone: string) => new Date(addDays(new TZDate(appliedAt, zone), days).getTime()).toISOString();
const local = (iso: string, zone: string) => format(new TZDate(iso, zone), 'yyyy-MM-dd HH:mm xxx');

describe('POL-4 due dates in the institution’s time zone', () => {
  it.each([
    // Lima: no DST; month ends, February of a leap year, year end
    ['America/Lima', '2026-01-20T14:00:00.000Z', 15, '2026-02-04 09:00 -05:00'],
    ['America/Lima', '2028-02-20T15:30:00.000Z', 15, '2028-03-06 10:30 -05:00'],
    ['America/Lima', '2026-12-25T04:59:00.000Z', 15, '2027-01-08 23:59 -05:00'],
    ['America/Lima', '2026-01-31T12:00:00.000Z', 15, '2026-02-15 07:00 -05:00'],
    // Asunción: the end of summer time on 2024-03-24 (-03 → -04) falls inside the interval
    ['America/Asuncion', '2024-03-15T10:00:00.000Z', 15, '2024-03-30 07:00 -04:00'],
    // and its start on 2023-10-01 (-04 → -03), across the September month end
    ['America/Asuncion', '2023-09-25T12:00:00.000Z', 15, '2023-10-10 08:00 -03:00'],
    // a shorter per-kind interval across the April month end
    ['America/Asuncion', '2024-03-28T03:30:00.000Z', 7, '2024-04-03 23:30 -04:00'],
  ])('%s: applied %s + %i days falls due at %s local', (zone, appliedAt, days, local_) => {
    const due = scheduledDue(appliedAt, days, zone);
    expect(due).toBe(expected(appliedAt, days, zone));
    expect(local(due, zone)).toBe(local_);
  });

  it('keeps the local time across the DST change, so the interval is 15 days ± the hour the clocks moved', () => {
    const due = scheduledDue('2024-03-15T10:00:00.000Z', 15, 'America/Asuncion');
    expect(Date.parse(due) - Date.parse('2024-03-15T10:00:00.000Z')).toBe(15 * 86_400_000 + 3_600_000);
    const lima = scheduledDue('2024-03-15T10:00:00.000Z', 15, 'America/Lima');
    expect(Date.parse(lima) - Date.parse('2024-03-15T10:00:00.000Z')).toBe(15 * 86_400_000);
  });

  it('uses the per-kind interval when one is set, the institution’s otherwise', () => {
    const settings = { intervalDays: 15, kindIntervals: { linked_email: 30 } };
    expect(intervalFor(settings, 'linked_email')).toBe(30);
    expect(intervalFor(settings, 'principal')).toBe(15);
  });
});

describe('status against the warning window', () => {
  const zone = 'America/Asuncion';
  const now = new Date('2024-03-22T12:00:00.000Z');
  const soon = dueSoonBound(now, 3, zone);

  it('the bound is now + 3 days in the zone (across the DST change: 3 days and an hour)', () => {
    expect(soon).toBe(expected(now.toISOString(), 3, zone));
    expect(Date.parse(soon) - now.getTime()).toBe(3 * 86_400_000 + 3_600_000);
  });

  it.each([
    [null, 'missing'],
    ['2024-03-22T12:00:00.000Z', 'overdue'],
    ['2024-03-01T00:00:00.000Z', 'overdue'],
    ['2024-03-22T12:00:00.001Z', 'due_soon'],
    [soon, 'due_soon'],
    ['2024-03-25T14:00:00.000Z', 'ok'],
  ] as const)('due %s → %s', (due, status) => {
    expect(rotationStatus(due, now.toISOString(), soon)).toBe(status);
  });
});

describe('rotate after use', () => {
  const scheduled = '2026-12-01T14:00:00.000Z';
  it('brings the due date forward to the configured hours after the first reveal or copy', () => {
    const used = '2026-11-22T15:00:00.000Z';
    expect(effectiveDue(scheduled, used, { rotateAfterUse: true, rotateAfterUseHours: 24 })).toBe(addHours(new Date(used), 24).toISOString());
  });
  it('keeps the schedule when it comes first, when nothing was used, or when the setting is off', () => {
    expect(effectiveDue(scheduled, '2026-11-30T20:00:00.000Z', { rotateAfterUse: true, rotateAfterUseHours: 48 })).toBe(scheduled);
    expect(effectiveDue(scheduled, null, { rotateAfterUse: true, rotateAfterUseHours: 24 })).toBe(scheduled);
    expect(effectiveDue(scheduled, '2026-11-22T15:00:00.000Z', { rotateAfterUse: false, rotateAfterUseHours: 24 })).toBe(scheduled);
  });
});

it('flags an authorized version not applied within its window', () => {
  expect(applyDeadline('2026-11-22T15:00:00.000Z', 24)).toBe('2026-11-23T15:00:00.000Z');
});
