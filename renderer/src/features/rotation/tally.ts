import type { RotationStatus } from '../../../../shared/domain';
import type { PlatformId } from '../../../../shared/platforms';
import type { DashboardRow } from '../../../../shared/rotation';

export interface PlatformTally {
  platform: PlatformId;
  total: number;
  missing: number;
  overdue: number;
  dueSoon: number;
}

export interface Tally {
  counts: Record<RotationStatus, number> & { awaitingApply: number; lateApply: number };
  byPlatform: PlatformTally[];
}

/**
 * The board's totals and its per-platform table, counted from the one list of rows the board
 * shows, by the same status: "Vencidas" is never 0 beside a platform with one overdue (a missing
 * password is its own column, not an overdue one).
 */
export function tally(rows: readonly DashboardRow[]): Tally {
  const counts = { missing: 0, overdue: 0, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 };
  const platforms = new Map<PlatformId, PlatformTally>();
  for (const row of rows) {
    counts[row.status] += 1;
    if (row.awaitingApply) counts.awaitingApply += 1;
    if (row.awaitingApply?.late) counts.lateApply += 1;
    const p = platforms.get(row.platform) ?? { platform: row.platform, total: 0, missing: 0, overdue: 0, dueSoon: 0 };
    p.total += 1;
    if (row.status === 'missing') p.missing += 1;
    if (row.status === 'overdue') p.overdue += 1;
    if (row.status === 'due_soon') p.dueSoon += 1;
    platforms.set(row.platform, p);
  }
  const byPlatform = [...platforms.values()].sort(
    (a, b) => b.missing + b.overdue - (a.missing + a.overdue) || b.dueSoon - a.dueSoon || a.platform.localeCompare(b.platform),
  );
  return { counts, byPlatform };
}
