import type { z } from 'zod';
import type { ChangeDescription, ChangeDescriptionOf } from '../../../shared/accounts';
import type { ChangeKindId } from '../../../shared/domain';
import type { DetailValue } from '../../../shared/result';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import type { VaultKeys } from '../../vault/keys';
import type { ChangeRequestRow } from '../../vault/repositories/change-requests';
import type { Sodium } from '../../vault/sodium';
import type { PasswordPolicyService } from '../rotation/password-policy';
import type { RotationService } from '../rotation';
import type { IntegrityService } from '../integrity/integrity';
import type { Actor } from '../vault/session';
import type { RekeyService } from '../keyholders/rekey';
import type { AuditPayload } from '../../../shared/audit-actions';

/**
 * One kind of change that needs co-signing, whole in one file under ./kinds/: its payload's
 * schema, what its digest covers, its checks, how its pending request is described and how it
 * is applied once authorized. The workflow (./index.ts) owns requests, digests, signatures, the
 * decision rules and the audit trail. Who may propose and decide a kind is POL-5's authority
 * table (main/domain/authority.ts), which the log's replay reads as well.
 *
 * Adding a kind: its id in shared/domain.ts and what its request shows in shared/accounts.ts
 * (the contract), its authority line, one file in ./kinds/ and one line in ./registry.ts.
 */

/** Every payload carries the proposer's note: free text shown with the request, never a secret. */
export interface BasePayload {
  note: string | null;
}

/** What a kind's checks may ask of other services (wired by the composition root). */
export interface KindServices {
  /** `invalidate`: a person's name joins the dictionary (POL-2) once their registration or change is applied. */
  policy: Pick<PasswordPolicyService, 'assert' | 'assertUnique' | 'invalidate'>;
  rotation: Pick<RotationService, 'assertNoneAwaiting'>;
  /** Rows a check reads to judge a rule (a person's link, who holds a role) are first checked against the log. */
  integrity: Pick<IntegrityService, 'assertRows'>;
  /** Re-keys the vault inside a revocation's approval (HAND-1; design.md §4). */
  keyring: Pick<RekeyService, 'rekey' | 'assertNotInSession'>;
  /** A handover is completed only when its checklist is done and nothing the outgoing keyholder saw is current (HAND-1, HAND-3). */
  handover: { assertComplete(db: Db, handoverId: string): void };
}

export interface VaultContext {
  db: Db;
  s: Sodium;
  keys: VaultKeys;
}

/** `A`: the account a request names; a string for an account's change, null for the institution's. */
export interface ReadContext<A> extends VaultContext {
  accountId: A;
}

export interface CheckContext<A> extends ReadContext<A> {
  services: KindServices;
}

export interface ApplyContext<A> extends ReadContext<A> {
  request: ChangeRequestRow;
  approver: Actor;
  now: string;
  services: KindServices;
  /** What the approval event states besides the ids it touched: a roster change (HAND-1), replayed from the log. */
  details: ApprovalDetails;
}

export type ApprovalDetails = AuditPayload<'keyholder.enrol.approved'>['details'];

export type CheckPhase = 'request' | 'propose' | 'approve';

interface KindParts<K extends ChangeKindId, P extends BasePayload, A> {
  id: K;
  /** The payload's shape (never its rules): checked when proposed and when read back from its sealed column. */
  payload: z.ZodType<P>;
  /**
   * The person the change is about (staff and role kinds): named in the request's events, and one
   * open request per kind, account and person (without it: one per kind and account).
   */
  subject?(payload: P): string;
  /** What the digest covers besides the request's own fields. Secrets only as keyed fingerprints. */
  digestFields(payload: P, crypto: VaultContext): Record<string, DetailValue>;
  /**
   * Each throws the refusal naming its rule. `request`: before who proposes is looked at (does the
   * change make sense at all); `propose`: once proposer and account are accepted; `approve`: inside
   * the decision's transaction, for what may have changed since the proposal.
   */
  checks?: Partial<Record<CheckPhase, (ctx: CheckContext<A>, payload: P) => void>>;
  /** What the pending request shows: what changes, from → to, never a secret. */
  describe(payload: P, ctx: ReadContext<A>): ChangeDescriptionOf[K];
  /** Applies the authorized change inside the decision's transaction; returns the ids it touched. */
  apply(ctx: ApplyContext<A>, payload: P): Record<string, string>;
  /**
   * A request that brings its account into being (the alta, LIFE-1): the account must not exist
   * yet, and this writes it, «en trámite», in the proposal's transaction.
   */
  opens?(ctx: OpenContext<A>, payload: P): void;
  /** What a refusal leaves behind, inside the rejection's transaction (a refused alta: its account, marked rejected). */
  rejected?(ctx: ReadContext<A> & { now: string }, payload: P): void;
  /**
   * A change that only takes access away (a role's revocation, HAND-2): also taken on an archived
   * account, whose profile may still list the person's user on the platform.
   */
  withdraws?: true;
}

export interface OpenContext<A> extends ReadContext<A> {
  proposer: Actor;
  now: string;
}

export interface AccountChangeKind<K extends ChangeKindId, P extends BasePayload> extends KindParts<K, P, string> {
  scope: 'account';
}

export interface InstitutionChangeKind<K extends ChangeKindId, P extends BasePayload> extends KindParts<K, P, null> {
  scope: 'institution';
}

export type ChangeKind<K extends ChangeKindId, P extends BasePayload> = AccountChangeKind<K, P> | InstitutionChangeKind<K, P>;

/** A kind bound to one request's payload and account: what the workflow works with, whatever the kind. */
export interface BoundChange {
  kind: ChangeKindId;
  note: string | null;
  /** The person the change is about, or null. */
  subject: string | null;
  digestFields(crypto: VaultContext): Record<string, DetailValue>;
  check(phase: CheckPhase, ctx: VaultContext & { services: KindServices }): void;
  describe(ctx: VaultContext): ChangeDescription;
  apply(ctx: Omit<ApplyContext<unknown>, 'accountId'>): Record<string, string>;
  /** Set for a kind whose request brings its account into being (KindParts.opens). */
  opens: ((ctx: VaultContext & { proposer: Actor; now: string }) => void) | undefined;
  rejected: ((ctx: VaultContext & { now: string }) => void) | undefined;
  /** KindParts.withdraws. */
  withdraws: boolean;
}

/** A kind as the registry holds it: it reads a sealed payload back through its own schema. */
export interface RegisteredKind<K extends ChangeKindId> {
  id: K;
  open(raw: unknown, accountId: string | null): BoundChange;
}

/** Parses a payload with its kind's schema; `refusal` is thrown when it does not fit. */
export function parsePayload<P extends BasePayload>(kind: { payload: z.ZodType<P> }, raw: unknown, refusal: () => CustodiaError): P {
  const parsed = kind.payload.safeParse(raw);
  if (!parsed.success) throw refusal();
  return parsed.data;
}

/** Binds a payload to its kind, refusing an account where the kind takes none and the other way round. */
export function bind<K extends ChangeKindId, P extends BasePayload>(kind: ChangeKind<K, P>, payload: P, accountId: string | null): BoundChange {
  if (kind.scope === 'account') {
    if (accountId === null) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId' });
    return bindParts(kind, payload, accountId);
  }
  if (accountId !== null) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId' });
  return bindParts(kind, payload, null);
}

function bindParts<K extends ChangeKindId, P extends BasePayload, A>(kind: KindParts<K, P, A>, payload: P, accountId: A): BoundChange {
  return {
    kind: kind.id,
    note: payload.note,
    subject: kind.subject?.(payload) ?? null,
    digestFields: (crypto) => kind.digestFields(payload, crypto),
    check: (phase, ctx) => kind.checks?.[phase]?.({ ...ctx, accountId }, payload),
    describe: (ctx) => kind.describe(payload, { ...ctx, accountId }),
    apply: (ctx) => kind.apply({ ...ctx, accountId }, payload),
    opens: kind.opens && ((ctx) => kind.opens!({ ...ctx, accountId }, payload)),
    rejected: kind.rejected && ((ctx) => kind.rejected!({ ...ctx, accountId }, payload)),
    withdraws: kind.withdraws === true,
  };
}

export function register<K extends ChangeKindId, P extends BasePayload>(kind: ChangeKind<K, P>): RegisteredKind<K> {
  const corrupt = () => new CustodiaError('COSIGN_INTEGRITY', { part: 'payload' });
  return { id: kind.id, open: (raw, accountId) => bind(kind, parsePayload(kind, raw, corrupt), accountId) };
}
