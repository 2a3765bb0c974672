import type { DeadlineRow } from '../../vault/repositories/deadlines';

/** ISO instants sort as text. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deadline rows by scheduled due date (none first), stably. Needs neither names nor key, so an unlock makes it while its KDF runs. */
export function byScheduledDue(rows: readonly DeadlineRow[]): DeadlineRow[] {
  return [...rows].sort((a, b) => compareText(a.dueAt ?? '', b.dueAt ?? ''));
}
