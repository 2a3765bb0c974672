import type { PlatformId } from '../../../shared/platforms';
import type { DashboardRow, DashboardSummary, NextDue, PlatformDeadlines } from '../../../shared/rotation';
import { CustodiaError } from '../../domain/errors';
import { effectiveDue, rotationStatus } from '../../domain/rotation';
import type { DeadlineRow } from '../../vault/repositories/deadlines';
import type { Institution } from '../../vault/repositories/institution';
import type { AccountService } from '../accounts/accounts';
import { sortByName } from '../accounts/name-order';
import { compareText } from './due-order';

/** One active account's place on the board, known without its name. */
export interface Slot {
  row: DeadlineRow;
  /** The effective due date ('' for none): the board's order, and its status, follow from it. */
  due: string;
  platform: PlatformId;
  /** Opened when its tie group was put in name order. */
  name?: string;
}

type PlatformOf = (accountId: string) => PlatformId | undefined;

/** The board's rows before the institution's settings are known, with what its counts need. */
export interface Prepared {
  slots: Slot[];
  platformDues: Map<PlatformId, string[]>;
  waiting: { applyBy: string }[];
}

function indexes(slots: readonly Slot[]): Omit<Prepared, 'slots'> {
  const platformDues = new Map<PlatformId, string[]>();
  const waiting: { applyBy: string }[] = [];
  for (const slot of slots) {
    let dues = platformDues.get(slot.platform);
    if (!dues) platformDues.set(slot.platform, (dues = []));
    dues.push(slot.due);
    if (slot.row.unapplied) waiting.push(slot.row.unapplied);
  }
  return { platformDues, waiting };
}

/** The first of `length` values in ascending order that is above `bound` (length if none). */
function above(length: number, at: (i: number) => string, bound: string): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (at(mid) > bound) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Same effective and same scheduled due date: only the name orders them. */
const tied = (a: Slot, b: Slot) => a.due === b.due && a.row.dueAt === b.row.dueAt;

/**
 * POL-4's board for one state of the file: every active account most urgent first (missing,
 * overdue, due soon, then by due date; urgency follows from the effective due date), then by
 * scheduled due date, then by name in the register's order (the index's, ./accounts/name-order.ts).
 * Counts and order need no name: a run of tied accounts (a tie group) is put in name order only
 * when a page or «next» needs one of them, so that a page opens the names of its groups alone.
 */
export class Board {
  /** Where the tie groups already in name order start. */
  private readonly named = new Set<number>();

  private constructor(
    readonly stamp: string,
    readonly slots: Slot[],
    /** Each platform's effective due dates, in the board's order: its counts are found by bisection. */
    private readonly platformDues: Map<PlatformId, string[]>,
    /** The authorized versions waiting to be applied (a few). */
    private readonly waiting: { applyBy: string }[],
  ) {}

  /**
   * The rows by scheduled due date (the order read during the KDF) with their platforms, as if
   * rotate-after-use were off: needs no key, so an unlock makes it while its KDF runs. Undefined
   * when a platform is unknown (the lookup is behind the file).
   */
  static prepare(byScheduled: readonly DeadlineRow[], platformOf: PlatformOf): Prepared | undefined {
    const slots: Slot[] = [];
    for (const row of byScheduled) {
      const platform = platformOf(row.accountId);
      if (platform === undefined) return undefined;
      slots.push({ row, due: row.dueAt ?? '', platform });
    }
    return { slots, ...indexes(slots) };
  }

  /** From a prepared board (Board.prepare, used once), the institution's rotate-after-use applied. */
  static build(stamp: string, prepared: Prepared, institution: Institution): Board {
    const { slots } = prepared;
    if (!institution.rotateAfterUse) return new Board(stamp, slots, prepared.platformDues, prepared.waiting);
    for (const slot of slots)
      if (slot.row.dueAt !== null && slot.row.firstUse !== null) slot.due = effectiveDue(slot.row.dueAt, slot.row.firstUse, institution);
    // A first use can only bring a date forward: a stable sort of rows already nearly in order.
    slots.sort((a, b) => compareText(a.due, b.due));
    const { platformDues, waiting } = indexes(slots);
    return new Board(stamp, slots, platformDues, waiting);
  }

  get total(): number {
    return this.slots.length;
  }

  /**
   * Counts, the per-platform table and the place of the first account up to date, over every row.
   * The rows are in effective due date order (none first) and a status follows from that date
   * alone (missing, overdue up to now, due soon up to `soon`), so each count is a bisection.
   */
  summarize(nowIso: string, soon: string): { counts: DashboardSummary['counts']; byPlatform: PlatformDeadlines[]; nextAt: number } {
    const bounds = (length: number, at: (i: number) => string) => {
      const dated = above(length, at, '');
      const overdue = above(length, at, nowIso);
      const dueSoon = above(length, at, soon);
      return { missing: dated, overdue: overdue - dated, dueSoon: dueSoon - overdue, ok: length - dueSoon, dueSoonEnd: dueSoon };
    };
    const all = bounds(this.slots.length, (i) => this.slots[i]!.due);
    const lateApply = this.waiting.filter((w) => w.applyBy <= nowIso).length;
    const counts = { missing: all.missing, overdue: all.overdue, due_soon: all.dueSoon, ok: all.ok, awaitingApply: this.waiting.length, lateApply };
    const byPlatform = [...this.platformDues].map(([platform, dues]): PlatformDeadlines => {
      const b = bounds(dues.length, (i) => dues[i]!);
      return { platform, total: dues.length, missing: b.missing, overdue: b.overdue, dueSoon: b.dueSoon };
    });
    // As the renderer's table always sorted them: most missing + overdue, then most due soon, then by platform id.
    byPlatform.sort((a, b) => b.missing + b.overdue - (a.missing + a.overdue) || b.dueSoon - a.dueSoon || a.platform.localeCompare(b.platform));
    return { counts, byPlatform, nextAt: all.dueSoonEnd < this.slots.length ? all.dueSoonEnd : -1 };
  }

  /**
   * Puts in name order the tie groups that meet these ranges of rows ([from, to)), opening their
   * names in one call; `whole`: from the register's index, built if need be (the whole board).
   * A name that does not open refuses the call (RECORD_TAMPERED) and leaves its group unnamed.
   */
  name(ranges: readonly (readonly [number, number])[], accounts: AccountService, whole = false): void {
    const groups = new Map<number, number>();
    for (const [from, to] of ranges) {
      if (from < 0 || from >= to) continue;
      let start = from;
      while (start > 0 && tied(this.slots[start - 1]!, this.slots[from]!)) start--;
      while (start < to) {
        let end = start + 1;
        while (end < this.slots.length && tied(this.slots[end]!, this.slots[start]!)) end++;
        if (!this.named.has(start)) groups.set(start, end);
        start = end;
      }
    }
    if (groups.size === 0) return;
    const ids: string[] = [];
    for (const [start, end] of groups) for (let i = start; i < end; i++) ids.push(this.slots[i]!.row.accountId);
    const { names, inNameOrder } = accounts.namesOf(ids, whole);
    for (const [start, end] of groups) {
      const members = this.slots.slice(start, end).map((slot) => {
        const name = names.get(slot.row.accountId);
        if (!name) throw new CustodiaError('VAULT_CORRUPT', { part: 'accounts' });
        return { slot, name };
      });
      // By place first: the index's name order itself, or the file's order that the index keeps among equal names.
      members.sort((a, b) => a.name.position - b.name.position);
      const ordered = inNameOrder ? members : sortByName(members, (m) => m.name.displayName);
      ordered.forEach((m, k) => {
        m.slot.name = m.name.displayName;
        this.slots[start + k] = m.slot;
      });
      this.named.add(start);
    }
  }

  /** The rows [from, to), their groups named (name() first). */
  rows(from: number, to: number, nowIso: string, soon: string): DashboardRow[] {
    return this.slots.slice(from, to).map((slot) => rowOf(slot, nowIso, soon));
  }

  next(at: number): NextDue | null {
    const slot = this.slots[at];
    return slot ? { accountId: slot.row.accountId, displayName: slot.name!, platform: slot.platform, dueAt: slot.due || null } : null;
  }
}

function rowOf(slot: Slot, nowIso: string, soon: string): DashboardRow {
  const r = slot.row;
  const dueAt = slot.due || null;
  return {
    accountId: r.accountId,
    displayName: slot.name!,
    platform: slot.platform,
    kind: r.kind,
    status: rotationStatus(dueAt, nowIso, soon),
    dueAt,
    dueAfterUse: dueAt !== null && dueAt !== r.dueAt,
    awaitingApply: r.unapplied && { versionN: r.unapplied.n, applyBy: r.unapplied.applyBy, late: r.unapplied.applyBy <= nowIso },
    pendingRequest: r.pending,
  };
}
