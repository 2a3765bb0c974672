import { randomUUID } from 'node:crypto';
import type { AccountDetail, AccountSummary, ParsedAccountInput } from '../../../shared/accounts';
import { platformById } from '../../../shared/platforms';
import { checkAccount } from '../../domain/accounts';
import { CustodiaError } from '../../domain/errors';
import { countPending } from '../../vault/repositories/change-requests';
import { currentVersion, versionsOf } from '../../vault/repositories/credential-versions';
import {
  accountKind,
  findAccount,
  insertAccount,
  openAccountListRows,
  readAccountListRows,
  type AccountListRow,
  type AccountRecord,
} from '../../vault/repositories/accounts';
import { readInstitution } from '../../vault/repositories/institution';
import type { Db } from '../../vault/db';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { toVersionView } from './views';

const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

interface Indexed {
  summary: AccountSummary;
  altHandle: string | null;
  /** Folded text searched, made at the first search (a list without a query needs none). */
  haystack?: string;
}

interface Index {
  byName: Indexed[];
  byPlatform?: Indexed[];
  byUpdated?: Indexed[];
  searchable: boolean;
}

/**
 * The account registry (SUP-4: the one list of official profiles). Searching needs the sealed
 * names, so the first list after unlock opens them once into an in-memory index, dropped on lock
 * and rebuilt after any change. The rows themselves (still sealed, needing no key) are read while
 * the unlock's KDF runs, so that after it only the names are opened; the other orders and the
 * search text are made when first asked for.
 */
export class AccountService {
  private index: Index | undefined;
  /** The last search page() answered, valid for the index it was made from. */
  private lastSearch: { index: Index; query: string; sort: string; found: AccountSummary[] } | undefined;
  /** List rows read during an unlock's KDF (sealed: no key yet), for the first index after it. */
  private prefetched: { rows: AccountListRow[]; db: Db; dataVersion: number } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {
    sessions.onLock(() => this.invalidate());
    sessions.onUnlocking(() => this.prefetch());
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
      this.prefetched = { rows: readAccountListRows(db), db, dataVersion: db.pragma('data_version', { simple: true }) as number };
    } catch {
      this.prefetched = undefined; // the index reads them itself
    }
  }

  register(actor: Actor, input: ParsedAccountInput): { accountId: string } {
    const session = this.sessions.require();
    const db = this.vault.require();
    const institution = readInstitution(db, this.s, session.keys.records)!;
    const linkedEmail = input.linkedEmailAccountId ? accountKind(db, input.linkedEmailAccountId) : null;
    const violation = checkAccount(input, { institutionDomains: institution.emailDomains, linkedEmail });
    if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
    const at = this.clock().toISOString();
    const record: AccountRecord = {
      id: randomUUID(),
      version: 1,
      platform: input.platform,
      kind: input.kind,
      status: 'active',
      linkedEmailAccountId: input.linkedEmailAccountId ?? null,
      supportStart: input.supportStart ?? null,
      supportEnd: input.supportEnd ?? null,
      displayName: input.displayName,
      handle: input.handle ?? null,
      altHandle: input.altHandle ?? null,
      profileUrl: input.profileUrl ?? null,
      loginIdentifier: input.loginIdentifier ?? null,
      notes: input.notes ?? null,
      createdBy: actor.keyholderId,
      createdAt: at,
      updatedAt: at,
    };
    this.sessions.commit(
      (tx) => insertAccount(tx, this.s, session.keys.records, record),
      () => ({ at, action: 'account.registered', subjects: { account: record.id }, details: { platform: record.platform, kind: record.kind } }),
      actor,
    );
    this.invalidate();
    for (const listener of this.registryListeners) listener();
    return { accountId: record.id };
  }

  /** Instant search over name, handles and platform, accent- and case-insensitive. */
  list(query = '', sort: 'name' | 'platform' | 'updated' = 'name'): AccountSummary[] {
    const index = this.buildIndex();
    const ordered =
      sort === 'platform'
        ? (index.byPlatform ??= [...index.byName].sort((x, y) => collator.compare(x.summary.platform, y.summary.platform)))
        : sort === 'updated'
          ? (index.byUpdated ??= [...index.byName].sort((x, y) => y.summary.updatedAt.localeCompare(x.summary.updatedAt)))
          : index.byName;
    const terms = fold(query).split(/\s+/).filter(Boolean);
    if (terms.length === 0) return ordered.map((i) => i.summary);
    if (!index.searchable) {
      for (const item of index.byName)
        item.haystack = fold(
          [item.summary.displayName, item.summary.handle, item.altHandle, platformById(item.summary.platform)?.label ?? item.summary.platform]
            .filter(Boolean)
            .join(' '),
        );
      index.searchable = true;
    }
    const found: AccountSummary[] = [];
    for (const item of ordered) if (terms.every((t) => item.haystack!.includes(t))) found.push(item.summary);
    return found;
  }

  /**
   * One page of a search (the list's window, for a paged channel: the renderer's virtualized list
   * shows ~20 rows, and carrying 10,000 summaries per keystroke is what costs, not the search).
   * The last search's result is kept (until lock or a change) so that the next pages are slices.
   */
  page(query = '', sort: 'name' | 'platform' | 'updated' = 'name', offset = 0, limit = 100): { total: number; offset: number; items: AccountSummary[] } {
    const index = this.buildIndex();
    if (this.lastSearch?.index !== index || this.lastSearch.query !== query || this.lastSearch.sort !== sort) {
      this.lastSearch = { index, query, sort, found: this.list(query, sort) };
    }
    const found = this.lastSearch.found;
    const from = Math.min(Math.max(0, Math.trunc(offset)), found.length);
    return { total: found.length, offset: from, items: found.slice(from, from + Math.max(0, Math.trunc(limit))) };
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
    const early = this.prefetched;
    this.prefetched = undefined;
    // Read during the KDF: still what the file holds if no other connection wrote since (this one's writes invalidate).
    const rows = early && early.db === db && early.dataVersion === db.pragma('data_version', { simple: true }) ? early.rows : readAccountListRows(db);
    const key = session.keys.records;
    const names = openAccountListRows(this.s, key, rows);
    const items: Indexed[] = rows.map((r, i) => {
      const { displayName, handle, altHandle } = names[i]!;
      return {
        summary: { id: r.id, platform: r.platform, kind: r.kind, status: r.status, displayName, handle, currentVersion: r.n ?? null, updatedAt: r.updated_at },
        altHandle,
      };
    });
    this.index = { byName: items.sort((x, y) => collator.compare(x.summary.displayName, y.summary.displayName)), searchable: false };
    return this.index;
  }
}

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
