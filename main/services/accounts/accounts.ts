import type { ACCOUNT_SORTS, AccountDetail, AccountSummary } from '../../../shared/accounts';
import { platformById, type PlatformId } from '../../../shared/platforms';
import { CustodiaError } from '../../domain/errors';
import { countPending } from '../../vault/repositories/change-requests';
import { currentVersion, versionsOf } from '../../vault/repositories/credential-versions';
import {
  findAccount,
  openListHandles,
  openListNames,
  packListNames,
  readAccountListRows,
  type AccountListRow,
  type AccountRecord,
} from '../../vault/repositories/accounts';
import { writeStamp, type Db } from '../../vault/db';
import type { PackedBoxes, Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import type { Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { accountPlatforms, listRowsById, type PlacedListRow } from './name-lookup';
import { nameCollator, sortByName } from './name-order';
import { toVersionView } from './views';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

type Sort = (typeof ACCOUNT_SORTS)[number];

interface Indexed {
  /** Its handle is null while `row` is still held, sealed. */
  summary: AccountSummary;
  /** The row as read (sealed), while its handles are still to open. */
  row: AccountListRow | undefined;
  altHandle: string | null;
  /** Folded text searched, made at the first search (a list without a query needs none). */
  haystack?: string;
}

interface Index {
  byName: Indexed[];
  byPlatform?: Indexed[];
  byUpdated?: Indexed[];
  /** How many rows still have their handles sealed. */
  sealed: number;
  searchable: boolean;
  /** Each account's place in byName, made when a few names are asked for (namesOf, platformOf). */
  positionOf?: Map<string, number>;
}

/** Rows read during an unlock's KDF, with each account's place among them. */
interface ReadAhead {
  rows: AccountListRow[];
  names: PackedBoxes;
  position: Map<string, number>;
  db: Db;
  stamp: string;
}

/** What the dashboard needs of each account: its name and platform, in name order. */
export type AccountName = Pick<AccountSummary, 'id' | 'displayName' | 'platform'>;

/**
 * A name opened for the dashboard's page, with the account's place: in the index's name order when
 * `inNameOrder`, else in the file's order (which the index keeps among names the collator holds equal).
 */
export type PlacedName = AccountName & { position: number };

/**
 * How long after an unlock the register's index is built in the background: after the home screen
 * has asked for its first views, so that the account list is ready when visited (it builds the index
 * itself if asked earlier).
 */
export const INDEX_AFTER_UNLOCK_MS = 300;

/**
 * The account registry (SUP-4: the one list of official profiles). Searching needs the sealed
 * names, so the first list after unlock opens them once into an in-memory index, dropped on lock
 * and rebuilt after any change. The rows themselves (still sealed, needing no key) are read and
 * laid out for opening while the unlock's KDF runs, so that after it only the display names are
 * opened (the order and the dashboard need them); handles are opened for the page shown, or all
 * at the first search or whole list; the other orders and the search text are made when first asked for.
 */
export class AccountService {
  private index: Index | undefined;
  /** The last search page() answered, valid for the index it was made from. */
  private lastSearch: { index: Index; query: string; sort: Sort; found: Indexed[] } | undefined;
  /** List rows read during an unlock's KDF (sealed: no key yet), with their names packed, for the first index after it. */
  private prefetched: ReadAhead | undefined;
  private soon: ReturnType<typeof setTimeout> | undefined;
  private background: { built: Promise<boolean>; settle: (built: boolean) => void } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {
    sessions.onLock(() => {
      this.cancelBackground();
      this.invalidate();
    });
    sessions.onUnlocking(() => this.prefetch());
    sessions.onUnlock(() => this.scheduleIndex());
  }

  /** The index, built a while after the unlock (a head start only: an error here is the list's to report when asked). */
  private scheduleIndex(): void {
    this.cancelBackground();
    let settle: (built: boolean) => void = () => {};
    const built = new Promise<boolean>((resolve) => (settle = resolve));
    this.background = { built, settle };
    this.soon = setTimeout(() => {
      this.soon = undefined;
      let done = false;
      try {
        this.buildIndex();
        done = true;
      } catch {
        // the list builds it when asked, and refuses then with the reason
      }
      settle(done);
    }, INDEX_AFTER_UNLOCK_MS);
    this.soon.unref?.();
  }

  private cancelBackground(): void {
    clearTimeout(this.soon);
    this.soon = undefined;
    this.background?.settle(false);
  }

  /** Settles once the index scheduled at the last unlock is built (true), or was cancelled by a lock or failed (false). */
  backgroundIndex(): Promise<boolean> {
    return this.background?.built ?? Promise.resolve(false);
  }

  private readonly registryListeners = new Set<() => void>();

  /** Called when accounts are added or renamed, for caches built from their names (the policy dictionary). */
  onRegistryChange(listener: () => void): void {
    this.registryListeners.add(listener);
  }

  /** Drops the search index (after any change that shows in the list, e.g. a new current version). */
  invalidate(): void {
    this.index = undefined;
    this.lastSearch = undefined;
    this.prefetched = undefined;
  }

  /** Reads the sealed list rows while the unlock's KDF runs in its worker (this thread is idle meanwhile). */
  private prefetch(): void {
    try {
      const db = this.vault.require();
      const stamp = writeStamp(db);
      const rows = readAccountListRows(db);
      this.prefetched = { rows, names: packListNames(rows), position: new Map(rows.map((r, i) => [r.id, i])), db, stamp };
    } catch {
      this.prefetched = undefined; // the index reads them itself
    }
  }

  /**
   * An account joined the register or changed its names (an alta requested, issue 17): the index is
   * rebuilt, and caches built from the names (the policy dictionary) are told.
   */
  registryChanged(): void {
    this.invalidate();
    for (const listener of this.registryListeners) listener();
  }

  /** Instant search over name, handles and platform, accent- and case-insensitive. */
  list(query = '', sort: Sort = 'name'): AccountSummary[] {
    const index = this.buildIndex();
    this.openHandles(index, index.byName);
    return this.find(index, query, sort).map((i) => i.summary);
  }

  /**
   * One page of a search (the list's window, for the paged channel: the renderer's virtualized list
   * shows ~20 rows, and carrying 10,000 summaries per keystroke is what costs, not the search).
   * The last search's result is kept (until lock or a change) so that the next pages are slices.
   */
  page(query = '', sort: Sort = 'name', offset = 0, limit = 100): { total: number; offset: number; items: AccountSummary[] } {
    const index = this.buildIndex();
    if (this.lastSearch?.index !== index || this.lastSearch.query !== query || this.lastSearch.sort !== sort) {
      this.lastSearch = { index, query, sort, found: this.find(index, query, sort) };
    }
    const found = this.lastSearch.found;
    const from = Math.min(Math.max(0, Math.trunc(offset)), found.length);
    const items = found.slice(from, from + Math.max(0, Math.trunc(limit)));
    this.openHandles(index, items);
    return { total: found.length, offset: from, items: items.map((i) => i.summary) };
  }

  /** Every account's name and platform in name order (the dashboard's tie-break), its handles left sealed. */
  names(): AccountName[] {
    return this.buildIndex().byName.map((i) => i.summary);
  }

  /**
   * The names of these accounts (the dashboard's page and its ties), with their places: from the
   * index when it is built (or `whole`: build it), else opened from their rows alone (read during the
   * unlock, or by id), refused as the index refuses them (RECORD_TAMPERED). Unknown ids are left out.
   */
  namesOf(ids: readonly string[], whole = false): { names: Map<string, PlacedName>; inNameOrder: boolean } {
    const names = new Map<string, PlacedName>();
    let wanted = ids;
    if (whole || this.index) {
      const index = this.buildIndex();
      const positionOf = this.positions(index);
      const missing: string[] = [];
      for (const id of ids) {
        const n = positionOf.get(id);
        if (n === undefined) missing.push(id);
        else names.set(id, { ...pickName(index.byName[n]!.summary), position: n });
      }
      if (missing.length === 0) return { names, inNameOrder: true };
      wanted = missing; // joined the file after the index was built (another connection): placed after it
    }
    const offset = names.size > 0 ? this.index!.byName.length : 0;
    const session = this.sessions.require();
    const db = this.vault.require();
    const ahead = this.readAheadFor(db);
    const rows: PlacedListRow[] = ahead
      ? wanted.flatMap((id) => {
          const n = ahead.position.get(id);
          return n === undefined ? [] : [{ ...ahead.rows[n]!, position: n }];
        })
      : listRowsById(db, wanted);
    const opened = openListNames(this.s, session.keys.records, rows);
    rows.forEach((r, i) => names.set(r.id, { id: r.id, displayName: opened[i]!, platform: r.platform, position: offset + r.position }));
    return { names, inNameOrder: false };
  }

  /** Every account's platform (the dashboard's counts need no name): from the index, the rows read during the unlock, or the file. */
  platformOf(fromFile = false): (accountId: string) => PlatformId | undefined {
    const index = this.index;
    if (index && !fromFile) {
      const positionOf = this.positions(index);
      return (id) => {
        const n = positionOf.get(id);
        return n === undefined ? undefined : index.byName[n]!.summary.platform;
      };
    }
    const db = this.vault.require();
    const ahead = fromFile ? undefined : this.readAheadFor(db);
    if (ahead) {
      return (id) => {
        const n = ahead.position.get(id);
        return n === undefined ? undefined : ahead.rows[n]!.platform;
      };
    }
    const platforms = accountPlatforms(db);
    return (id) => platforms.get(id);
  }

  /** The platforms of the rows read during this unlock's KDF, if read at `stamp` (the dashboard's own read ahead, which follows). */
  readAheadPlatforms(db: Db, stamp: string): ((accountId: string) => PlatformId | undefined) | undefined {
    const early = this.prefetched;
    if (!early || early.db !== db || early.stamp !== stamp) return undefined;
    return (id) => {
      const n = early.position.get(id);
      return n === undefined ? undefined : early.rows[n]!.platform;
    };
  }

  private positions(index: Index): Map<string, number> {
    return (index.positionOf ??= new Map(index.byName.map((item, n) => [item.summary.id, n])));
  }

  /** The rows read during the KDF, if still what the file holds (nothing written since but the unlock's own event). */
  private readAheadFor(db: Db): ReadAhead | undefined {
    const early = this.prefetched;
    return early && early.db === db && this.sessions.readAheadHolds(db, early.stamp) ? early : undefined;
  }

  private find(index: Index, query: string, sort: Sort): Indexed[] {
    const ordered =
      sort === 'platform'
        ? (index.byPlatform ??= [...index.byName].sort((x, y) => nameCollator.compare(x.summary.platform, y.summary.platform)))
        : sort === 'updated'
          ? (index.byUpdated ??= [...index.byName].sort((x, y) => y.summary.updatedAt.localeCompare(x.summary.updatedAt)))
          : index.byName;
    const terms = fold(query).split(/\s+/).filter(Boolean);
    if (terms.length === 0) return ordered;
    if (!index.searchable) {
      this.openHandles(index, index.byName);
      for (const item of index.byName)
        item.haystack = fold(
          [item.summary.displayName, item.summary.handle, item.altHandle, platformById(item.summary.platform)?.label ?? item.summary.platform]
            .filter(Boolean)
            .join(' '),
        );
      index.searchable = true;
    }
    return ordered.filter((item) => terms.every((t) => item.haystack!.includes(t)));
  }

  /** Opens the handles of these rows that are still sealed, in one pass. */
  private openHandles(index: Index, items: readonly Indexed[]): void {
    if (index.sealed === 0) return;
    const pending = items.filter((i) => i.row !== undefined);
    if (pending.length === 0) return;
    const opened = openListHandles(
      this.s,
      this.sessions.require().keys.records,
      pending.map((i) => i.row!),
    );
    pending.forEach((item, n) => {
      item.summary.handle = opened[n]!.handle;
      item.altHandle = opened[n]!.altHandle;
      item.row = undefined;
    });
    index.sealed -= pending.length;
  }

  get(accountId: string): AccountDetail {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const a = findAccount(db, this.s, key, accountId);
    if (!a) throw new CustodiaError('ACCOUNT_UNKNOWN');
    const linked = a.linkedEmailAccountId ? findAccount(db, this.s, key, a.linkedEmailAccountId) : undefined;
    const people = keyholderRefs(db, this.s, key);
    const versions = versionsOf(db, a.id).map((v) => toVersionView(v, people));
    return {
      ...summaryOf(a, currentVersion(db, a.id)?.n ?? null),
      altHandle: a.altHandle,
      profileUrl: a.profileUrl,
      loginIdentifier: a.loginIdentifier,
      linkedEmail: linked ? { id: linked.id, displayName: linked.displayName, loginIdentifier: linked.loginIdentifier } : null,
      supportStart: a.supportStart,
      supportEnd: a.supportEnd,
      notes: a.notes,
      createdAt: a.createdAt,
      versions,
      pendingRequests: countPending(db, a.id),
    };
  }

  private buildIndex(): Index {
    if (this.index) return this.index;
    const session = this.sessions.require();
    const db = this.vault.require();
    // Read during the KDF: still what the file holds if nothing was written since but the unlock's own event.
    const ahead = this.readAheadFor(db);
    this.prefetched = undefined;
    const rows = ahead?.rows ?? readAccountListRows(db);
    const names = openListNames(this.s, session.keys.records, rows, ahead?.names);
    const items: Indexed[] = rows.map((r, i) => ({
      summary: {
        id: r.id,
        platform: r.platform,
        kind: r.kind,
        status: r.status,
        displayName: names[i]!,
        handle: null,
        currentVersion: r.n ?? null,
        updatedAt: r.updated_at,
      },
      row: r,
      altHandle: null,
    }));
    this.index = { byName: sortByName(items, (i) => i.summary.displayName), sealed: items.length, searchable: false };
    return this.index;
  }
}

const pickName = ({ id, displayName, platform }: AccountSummary): AccountName => ({ id, displayName, platform });

function summaryOf(a: AccountRecord, currentVersion: number | null): AccountSummary {
  return {
    id: a.id,
    platform: a.platform,
    kind: a.kind,
    status: a.status,
    displayName: a.displayName,
    handle: a.handle,
    currentVersion,
    updatedAt: a.updatedAt,
  };
}
