import type { DeadlineRow } from '../../vault/repositories/deadlines';

/** ISO instants sort as text. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deadline rows by account, each with the place of its scheduled due date among all of them (none first; equal dates share it). */
export interface DueOrder {
  byAccount: Map<string, { row: DeadlineRow; rank: number }>;
  ranks: number;
}

/** Needs neither names nor key, so an unlock makes it while its KDF runs. */
export function dueOrder(rows: readonly DeadlineRow[]): DueOrder {
  const sorted = [...rows].sort((a, b) => compareText(a.dueAt ?? '', b.dueAt ?? ''));
  const byAccount = new Map<string, { row: DeadlineRow; rank: number }>();
  let rank = -1;
  let previous: string | undefined;
  for (const row of sorted) {
    const due = row.dueAt ?? '';
    if (due !== previous) {
      rank += 1;
      previous = due;
    }
    byAccount.set(row.accountId, { row, rank });
  }
  return { byAccount, ranks: rank + 1 };
}

/**
 * The accounts that have a deadline row, by scheduled due date (none first), and in the order given
 * (by name) among equal dates. A counting sort over the ranks: linear, so that the dashboard's
 * first computation after unlock costs little beyond opening the names.
 */
export function orderByDue<T extends { id: string }>(inOrder: readonly T[], order: DueOrder): { summary: T; row: DeadlineRow }[] {
  const picked: { summary: T; row: DeadlineRow }[] = [];
  const ranks: number[] = [];
  const starts = new Uint32Array(order.ranks + 1);
  for (const summary of inOrder) {
    const entry = order.byAccount.get(summary.id);
    if (!entry) continue; // archived: no deadline row
    picked.push({ summary, row: entry.row });
    ranks.push(entry.rank);
    starts[entry.rank + 1]! += 1;
  }
  for (let r = 1; r <= order.ranks; r++) starts[r]! += starts[r - 1]!;
  const out = new Array<{ summary: T; row: DeadlineRow }>(picked.length);
  for (let i = 0; i < picked.length; i++) out[starts[ranks[i]!]!++] = picked[i]!;
  return out;
}
