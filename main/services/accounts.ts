import { randomUUID } from 'node:crypto';
import type { AccountDetail, AccountSummary, ParsedAccountInput } from '../../shared/accounts';
import { platformById } from '../../shared/platforms';
import { checkAccount } from '../domain/accounts';
import { CustodiaError } from '../domain/errors';
import { countPending } from '../vault/repositories/change-requests';
import { currentVersion, currentVersionNumbers, versionsOf } from '../vault/repositories/credential-versions';
import { accountKind, findAccount, insertAccount, listAccounts, type AccountRecord } from '../vault/repositories/accounts';
import { readInstitution } from '../vault/repositories/institution';
import type { Sodium } from '../vault/sodium';
import { keyholderRefs } from './people';
import type { Actor, Clock, SessionService } from './session';
import type { VaultFile } from './vault-file';
import { toVersionView } from './views';

const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

interface Indexed {
  summary: AccountSummary;
  haystack: string;
}

/**
 * The account registry (SUP-4: the one list of official profiles). Searching needs the sealed
 * names, so the first list after unlock opens them once into an in-memory index, dropped on lock
 * and rebuilt after any change.
 */
export class AccountService {
  private index: { byName: Indexed[]; byPlatform: Indexed[]; byUpdated: Indexed[] } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {
    sessions.onLock(() => this.invalidate());
  }

  private readonly registryListeners = new Set<() => void>();

  /** Called when accounts are added or renamed, for caches built from their names (the policy dictionary). */
  onRegistryChange(listener: () => void): void {
    this.registryListeners.add(listener);
  }

  /** Drops the search index (after any change that shows in the list, e.g. a new current version). */
  invalidate(): void {
    this.index = undefined;
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
    const ordered = sort === 'platform' ? index.byPlatform : sort === 'updated' ? index.byUpdated : index.byName;
    const terms = fold(query).split(/\s+/).filter(Boolean);
    if (terms.length === 0) return ordered.map((i) => i.summary);
    const found: AccountSummary[] = [];
    for (const item of ordered) if (terms.every((t) => item.haystack.includes(t))) found.push(item.summary);
    return found;
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

  private buildIndex() {
    if (this.index) return this.index;
    const session = this.sessions.require();
    const db = this.vault.require();
    const current = currentVersionNumbers(db);
    const items: Indexed[] = listAccounts(db, this.s, session.keys.records).map((a) => ({
      summary: summaryOf(a, current.get(a.id) ?? null),
      haystack: fold([a.displayName, a.handle, a.altHandle, platformById(a.platform)?.label ?? a.platform].filter(Boolean).join(' ')),
    }));
    const byName = [...items].sort((x, y) => collator.compare(x.summary.displayName, y.summary.displayName));
    this.index = {
      byName,
      byPlatform: [...byName].sort((x, y) => collator.compare(x.summary.platform, y.summary.platform)),
      byUpdated: [...byName].sort((x, y) => y.summary.updatedAt.localeCompare(x.summary.updatedAt)),
    };
    return this.index;
  }
}

function summaryOf(a: AccountRecord, currentVersion: number | null): AccountSummary {
  return { id: a.id, platform: a.platform, kind: a.kind, status: a.status, displayName: a.displayName, handle: a.handle, currentVersion, updatedAt: a.updatedAt };
}
