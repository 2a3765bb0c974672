import { TZDate } from '@date-fns/tz';
import type { PersonRef } from '../../../shared/accounts';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit-actions';
import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_DEFAULT,
  type AuditEventFacts,
  type AuditEventView,
  type AuditExport,
  type AuditFilter,
  type AuditPage,
} from '../../../shared/audit-log';
import { storedTextHash } from '../../vault/audit/chain';
import { SignatureChecks } from '../../vault/audit/verify';
import { lastEvent } from '../../vault/audit/log';
import type { Db } from '../../vault/db';
import { findAccount } from '../../vault/repositories/accounts';
import { countMatching, matchingEvents, type AuditQuery, type StoredAuditRow } from '../../vault/repositories/audit-events';
import { readInstitution } from '../../vault/repositories/institution';
import { signingPublicKeys } from '../../vault/repositories/keyholders';
import { kitPublicKeys } from '../../vault/repositories/recovery-kits';
import { listPeople } from '../../vault/repositories/people';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import { requireAction } from '../vault/roles';
import type { Clock, Session, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';

/**
 * Details a screen words, by name: enums, counts, version numbers, instants. The rest of an event's
 * details (row digests, the roster, keys) is for the verification, not for reading.
 */
const FACT_KEYS: ReadonlySet<string> = new Set([
  'n',
  'channel',
  'dueAt',
  'platform',
  'kind',
  'count',
  'seconds',
  'accounts',
  'institutionOwned',
  'method',
  'role',
  'reason',
  'failedAttempts',
  'expiresAt',
  'versions',
  'keyholders',
  'fingerprint',
  // The month a signed report covers (SUP-3).
  'month',
  // The event a head's checkpoint vouches for the log up to (issue 18).
  'seq',
]);

const isScalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(0));

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const idOf = (subjects: Record<string, unknown>, key: string): string | null => (typeof subjects[key] === 'string' ? (subjects[key] as string) : null);

/** A group (`credential`, `credential.rotate`) stands for every action it leads. */
export const expandActions = (groups: readonly string[]): AuditAction[] => AUDIT_ACTIONS.filter((a) => groups.some((g) => a === g || a.startsWith(`${g}.`)));

/** The first instant of a calendar day in a time zone, as the log writes instants (ISO, UTC). */
export function dayStart(date: string, timeZone: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + plusDays, timeZone).getTime()).toISOString();
}

/**
 * The audit log on screen (issue 13, «Registro de auditoría»): filtered, newest first, a page at a
 * time, each event in words with its signature checked. A tampered event is listed and marked
 * `invalid`, never hidden: the person who must investigate needs to see it (the verification at
 * the top of the screen names the first bad event of the chain).
 */
export class AuditLogService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  list(request: { filter?: AuditFilter | undefined; beforeSeq?: number | undefined; limit?: number | undefined }): AuditPage {
    const { session, db, query } = this.prepare(request.filter);
    const limit = request.limit ?? AUDIT_PAGE_DEFAULT;
    const rows = matchingEvents(db, query, { beforeSeq: request.beforeSeq, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const matched = countMatching(db, query);
    return {
      events: this.views(db, session, page),
      matched,
      total: countMatching(db, {}),
      headHash: this.s.to_hex(lastEvent(db).hash),
      nextBeforeSeq: rows.length > limit ? page[page.length - 1]!.seq : null,
    };
  }

  /** Every matching event, newest first, up to AUDIT_EXPORT_MAX: the renderer words them in its language and saves the CSV. */
  export(filter?: AuditFilter): AuditExport {
    const { session, db, query } = this.prepare(filter);
    const rows = matchingEvents(db, query, { limit: AUDIT_EXPORT_MAX + 1 });
    const institution = readInstitution(db, this.s, session.keys.records)!;
    const today = new TZDate(this.clock().getTime(), institution.timeZone);
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const acronym = institution.acronym
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    return {
      fileName: `audit-${acronym || 'vault'}-${date}.csv`,
      rows: this.views(db, session, rows.slice(0, AUDIT_EXPORT_MAX)),
      matched: rows.length > AUDIT_EXPORT_MAX ? countMatching(db, query) : rows.length,
      truncated: rows.length > AUDIT_EXPORT_MAX,
    };
  }

  private prepare(filter: AuditFilter | undefined): { session: Session; db: Db; query: AuditQuery } {
    const session = this.sessions.require();
    requireAction(session, 'audit.read');
    const db = this.vault.require();
    const zone = filter?.from || filter?.to ? readInstitution(db, this.s, session.keys.records)!.timeZone : undefined;
    const query: AuditQuery = {
      actions: filter?.actions && expandActions(filter.actions),
      actorId: filter?.keyholderId,
      accountId: filter?.accountId,
      personId: filter?.personId,
      fromAt: filter?.from && zone ? dayStart(filter.from, zone) : undefined,
      toAt: filter?.to && zone ? dayStart(filter.to, zone, 1) : undefined,
    };
    return { session, db, query };
  }

  private views(db: Db, session: Session, rows: readonly StoredAuditRow[]): AuditEventView[] {
    const key = session.keys.records;
    const keyholders = keyholderRefs(db, this.s, key);
    const invalid = this.invalidSignatures(db, rows);
    const accounts = new Map<string, string | null>();
    const accountName = (id: string) => {
      if (!accounts.has(id)) accounts.set(id, findAccount(db, this.s, key, id)?.displayName ?? null);
      return accounts.get(id)!;
    };
    let people: Map<string, string> | undefined;
    const personName = (id: string) => {
      people ??= new Map(listPeople(db, this.s, key).map((p) => [p.id, p.name]));
      return people.get(id) ?? keyholders.get(id)?.name ?? null;
    };
    return rows.map((r) => {
      const subjects = parseObject(r.subjects);
      const details = parseObject(r.details);
      const accountId = idOf(subjects, 'account');
      const personId = idOf(subjects, 'person') ?? idOf(subjects, 'keyholder');
      const facts: AuditEventFacts = {};
      for (const [k, v] of Object.entries(details)) if (FACT_KEYS.has(k) && isScalar(v)) facts[k] = v;
      const actor: PersonRef | null = keyholders.get(r.actorId) ?? null;
      return {
        seq: r.seq,
        at: r.at,
        actor,
        // An action outside the catalogue is shown as stored (a newer Custodia's event, or an edit the signature check names).
        action: r.action as AuditAction,
        accountId,
        accountName: accountId === null ? null : accountName(accountId),
        personId,
        personName: personId === null ? null : personName(personId),
        requestId: idOf(subjects, 'request'),
        facts,
        hashShort: Buffer.from(bytes(r.hash)).toString('hex').slice(0, 12),
        signature: invalid.has(r.seq) ? 'invalid' : 'valid',
      };
    });
  }

  /**
   * An event's signature is valid when its stored content hashes (from its stored predecessor hash)
   * to its stored hash, and its actor's key signed that hash. The chain's links are audit.verify's.
   */
  private invalidSignatures(db: Db, rows: readonly StoredAuditRow[]): Set<number> {
    // A recovery's events are signed by its emergency kit (issue 18, docs/decisions/0009-emergency-kit.md).
    const keys = new Map([...signingPublicKeys(db), ...kitPublicKeys(db)]);
    const checks = new SignatureChecks((id) => keys.get(id));
    const invalid = new Set<number>();
    // SignatureChecks takes events in ascending order.
    for (const r of [...rows].reverse()) {
      const hash = bytes(r.hash);
      const recomputed = storedTextHash(this.s, bytes(r.prevHash), r, r.subjects, r.details, hash, () => ({
        seq: r.seq,
        at: r.at,
        actorId: r.actorId,
        action: r.action,
        subjects: parseObject(r.subjects) as Record<string, string>,
        details: parseObject(r.details) as Record<string, never>,
      }));
      if (hash.length !== 32 || Buffer.compare(recomputed, hash) !== 0 || !checks.hasKey(r.actorId)) invalid.add(r.seq);
      else checks.add(r.seq, r.actorId, hash, bytes(r.signature));
    }
    for (const seq of checks.invalid()) invalid.add(seq);
    return invalid;
  }
}
