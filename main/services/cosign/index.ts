import { randomUUID } from 'node:crypto';
import type { ChangeDescription, PendingChange } from '../../../shared/accounts';
import type { RequestView } from '../../../shared/requests';
import type { BatchOutcome } from '../../../shared/staff';
import { cosignAction } from '../../../shared/audit-actions';
import type { ChangeKindId } from '../../../shared/domain';
import type { InstitutionSettings } from '../../../shared/rotation';
import { COSIGN_KIND_POLICIES } from '../../domain/authority';
import { checkDecision, checkProposer, isExpired } from '../../domain/cosign';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import type { VaultKeys } from '../../vault/keys';
import { epochFingerprintKeys } from '../../vault/rekey/rekey';
import { openJson, sealJson, sealText } from '../../vault/fields';
import { accountKind, findAccount } from '../../vault/repositories/accounts';
import {
  decideChangeRequest,
  findChangeRequest,
  insertChangeRequest,
  openRequestIds,
  pendingChangeRequests,
  type ChangeRequestRow,
} from '../../vault/repositories/change-requests';
import { readInstitution } from '../../vault/repositories/institution';
import { signingPublicKeys } from '../../vault/repositories/keyholders';
import { keyedDigest, signIntent, verifyIntent } from '../../vault/signatures';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import { keyholderRefs } from '../distribution/people';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import type { IntegrityService } from '../integrity/integrity';
import { personOf } from '../accounts/views';
import { bind, parsePayload, type ApprovalDetails, type BasePayload, type BoundChange, type ChangeKind, type KindServices } from './change-kind';
import { credentialRotate, type CredentialPayload } from './kinds/credential-rotate';
import { currentSettings, settingsUpdate } from './kinds/settings-update';
import { requireAction } from '../vault/roles';
import { assertAccountWritable } from '../lifecycle/guard';
import { CHANGE_KINDS } from './registry';
import { decisionReasonRef, requestViews } from './requests';

const subjectsOf = (accountId: string | null, requestId: string, person: string | null) => ({
  ...(accountId === null ? {} : { account: accountId }),
  ...(person === null ? {} : { person }),
  request: requestId,
});

const payloadRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'payload', version: 1 });

/** The reason and settings list that screens read before `description` existed. */
const legacyFields = (d: ChangeDescription) => ({
  reason: d.kind === 'credential.rotate' ? d.reason : null,
  changes: d.kind === 'settings.update' ? d.changes : null,
});

export type RequestCheck = { ok: true } | { ok: false; part: 'request' | 'digest' | 'proposer_signature' | 'approver_signature' | 'same_person' };

/**
 * The co-sign workflow (POL-5; design.md §4): a change is first a pending request signed by its
 * proposer over a canonical digest; a different keyholder with the approver's role authorizes it
 * by proving their passphrase; the digest and the proposer's signature are checked again at that
 * moment, and the change, the decision and its audit event are written in one transaction.
 */
export class CosignService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
    private readonly integrity: IntegrityService,
    /** What the kinds' checks ask of other services (the password policy, rotation). */
    private readonly services: KindServices,
  ) {}

  /** A new password for an account, awaiting the head's authorization. */
  propose(actor: Actor, input: { accountId: string; secret: string; reason: CredentialPayload['reason']; note?: string | undefined }): { requestId: string } {
    return this.proposeChange(credentialRotate, actor, input.accountId, { secret: input.secret, reason: input.reason, note: input.note ?? null });
  }

  /** Institution settings (POL-1, POL-4, …): a change to them is co-signed like a password. */
  proposeSettings(actor: Actor, input: { settings: InstitutionSettings; note?: string | undefined }): { requestId: string } {
    const from = currentSettings({ db: this.vault.require(), s: this.s, keys: this.sessions.require().keys });
    return this.proposeChange(settingsUpdate, actor, null, { settings: input.settings, note: input.note || null, from });
  }

  /**
   * Proposes a change of any kind: the kind's own checks of what is asked, who proposes (POL-5),
   * the account, the kind's checks against the vault; then the request is sealed, signed and logged.
   */
  proposeChange<K extends ChangeKindId, P extends BasePayload>(
    kind: ChangeKind<K, P>,
    actor: Actor,
    accountId: string | null,
    input: P,
  ): { requestId: string } {
    const session = this.sessions.require();
    const db = this.vault.require();
    const payload = parsePayload(kind, input, () => new CustodiaError('INVALID_REQUEST', { part: 'payload' }));
    const change = bind(kind, payload, accountId);
    const checking = { db, s: this.s, keys: session.keys, services: this.services };
    // Before the kind's own checks: an archived account is named as such, whatever the change.
    if (accountId !== null) {
      // The alta brings its account into being; every other change needs an account in force (LIFE-1, LIFE-3).
      if (change.opens) {
        if (accountKind(db, accountId)) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId' });
      } else assertAccountWritable(db, accountId, { withdrawal: change.withdraws });
    }
    change.check('request', checking);
    const refusal = checkProposer(actor.role, COSIGN_KIND_POLICIES[kind.id]);
    // The kind goes with the refusal, so that its message names the change (not always «la contraseña»).
    if (refusal) throw new CustodiaError(refusal.code, { ...refusal.details, kind: kind.id }, refusal.rule);
    change.check('propose', checking);
    const now = this.clock();
    const hours = readInstitution(db, this.s, session.keys.records)!.cosignExpiryHours;
    const id = randomUUID();
    const kindId: ChangeKindId = kind.id;
    const head = {
      id,
      kind: kindId,
      accountId,
      proposedBy: actor.keyholderId,
      proposedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    };
    const digest = this.digest(change, head);
    const row: ChangeRequestRow = {
      ...head,
      status: 'pending',
      payload: sealJson(this.s, session.keys.records, payloadRef(id), payload),
      digest,
      proposerSignature: signIntent(this.s, actor.signSecret, 'propose', digest),
      decidedBy: null,
      decidedAt: null,
      decisionSignature: null,
      decisionReason: null,
    };
    this.sessions.commit(
      (tx) => {
        // One open request per account (or the institution) and kind: a second would be decided blind to the first.
        const open = openRequestIds(tx, kindId, accountId, head.proposedAt).find(
          (other) => change.subject === null || this.openChange(findChangeRequest(tx, other)!).subject === change.subject,
        );
        if (open) throw new CustodiaError('COSIGN_DUPLICATE', { requestId: open, kind: kindId });
        change.opens?.({ db: tx, s: this.s, keys: session.keys, proposer: actor, now: head.proposedAt });
        insertChangeRequest(tx, row);
      },
      () => ({
        at: head.proposedAt,
        action: cosignAction(head.kind, 'proposed'),
        subjects: subjectsOf(accountId, id, change.subject),
        details: { kind: head.kind, expiresAt: head.expiresAt },
      }),
      actor,
    );
    return { requestId: id };
  }

  pending(): PendingChange[] {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const people = keyholderRefs(db, this.s, key);
    const now = this.clock().toISOString();
    return pendingChangeRequests(db).map((r) => {
      const account = r.accountId === null ? null : findAccount(db, this.s, key, r.accountId)!;
      const change = this.openChange(r);
      const description = change.describe({ db, s: this.s, keys: session.keys });
      return {
        id: r.id,
        kind: r.kind,
        account: account && { id: account.id, displayName: account.displayName, platform: account.platform },
        ...legacyFields(description),
        note: change.note,
        description,
        proposedBy: personOf(people, r.proposedBy),
        proposedAt: r.proposedAt,
        expiresAt: r.expiresAt,
        expired: isExpired(r.expiresAt, now),
      };
    });
  }

  /** Open requests with the person each is about: what a departure's checklist links to. */
  openRequests(): { id: string; kind: ChangeKindId; accountId: string | null; subject: string | null }[] {
    const now = this.clock().toISOString();
    return pendingChangeRequests(this.vault.require())
      .filter((r) => !isExpired(r.expiresAt, now))
      .map((r) => ({ id: r.id, kind: r.kind, accountId: r.accountId, subject: this.openChange(r).subject }));
  }

  /** Every request still open and the newest decided ones (one account's, or all), by state, newest first. */
  requests(accountId?: string): RequestView[] {
    const session = this.sessions.require();
    const db = this.vault.require();
    const people = keyholderRefs(db, this.s, session.keys.records);
    const now = this.clock().toISOString();
    return requestViews({ db, s: this.s, keys: session.keys, people, now, open: (r) => this.openChange(r) }, accountId ?? null);
  }

  /** Authorizes a request and applies its change; returns the ids the change touched. */
  approve(requestId: string, approver: Actor): { subjects: Record<string, string> } {
    const session = this.sessions.require();
    const now = this.clock().toISOString();
    const { touched, kind } = this.sessions.commit(
      (db) => {
        const { request, change } = this.checkedRequest(db, requestId, approver, now, 'approve');
        if (request.accountId !== null) {
          // The account's status is read from a row the log must have written (a pending or archived one flipped with sqlite3 is refused).
          this.integrity.assertRows([['accounts', request.accountId]]);
          // An account archived or still «en trámite» takes no change but its own alta's (LIFE-1, LIFE-3).
          if (!change.opens) assertAccountWritable(db, request.accountId, { withdrawal: change.withdraws });
        }
        // Re-checked when applied: another change approved meanwhile may have made this one invalid.
        change.check('approve', { db, s: this.s, keys: session.keys, services: this.services });
        const signature = signIntent(this.s, approver.signSecret, 'approve', request.digest);
        if (
          !decideChangeRequest(db, requestId, {
            status: 'approved',
            decidedBy: approver.keyholderId,
            decidedAt: now,
            decisionSignature: signature,
            decisionReason: null,
          })
        ) {
          throw new CustodiaError('COSIGN_DECIDED');
        }
        const details: ApprovalDetails = {};
        const touched = change.apply({ db, s: this.s, keys: session.keys, request, approver, now, services: this.services, details });
        return { kind: request.kind, touched, details };
      },
      ({ kind, touched, details }) => ({ at: now, action: cosignAction(kind, 'approved'), subjects: { ...touched, request: requestId }, details }),
      approver,
    );
    this.accounts.invalidate();
    // A person's or an account's names changed: POL-2's dictionary holds them.
    if (touched.person || kind === 'account.modify') this.services.policy.invalidate();
    return { subjects: touched };
  }

  reject(requestId: string, decider: Actor, reason: string): null {
    const session = this.sessions.require();
    const now = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const { request, change } = this.checkedRequest(db, requestId, decider, now, 'reject');
        const signature = signIntent(this.s, decider.signSecret, 'reject', request.digest);
        const sealedReason = sealText(this.s, session.keys.records, decisionReasonRef(requestId), reason);
        if (
          !decideChangeRequest(db, requestId, {
            status: 'rejected',
            decidedBy: decider.keyholderId,
            decidedAt: now,
            decisionSignature: signature,
            decisionReason: sealedReason,
          })
        ) {
          throw new CustodiaError('COSIGN_DECIDED');
        }
        change.rejected?.({ db, s: this.s, keys: session.keys, now });
        return { request, subject: change.subject };
      },
      ({ request, subject }) => ({
        at: now,
        action: cosignAction(request.kind, 'rejected'),
        subjects: subjectsOf(request.accountId, requestId, subject),
        details: {},
      }),
      decider,
    );
    return null;
  }

  /** The co-sign dialog: the approver proves their passphrase, approves, and their key is zeroed. */
  approveWithPassphrase(requestId: string, approverId: string, passphrase: string): Promise<{ subjects: Record<string, string> }> {
    return this.asProven(approverId, passphrase, (approver) => this.approve(requestId, approver));
  }

  /**
   * The head's review of several requests at once (issue 15): one passphrase, and each request still
   * gets its own checks, signature, transaction and audit event; one that fails is refused alone.
   */
  approveManyWithPassphrase(requestIds: readonly string[], approverId: string, passphrase: string): Promise<BatchOutcome[]> {
    return this.asProven(approverId, passphrase, (approver) => {
      // A role that may not decide is refused as a whole, as one approval would be (the screens hide the batch too).
      requireAction(approver, 'request.decide');
      return [...new Set(requestIds)].map((requestId): BatchOutcome => {
        try {
          this.approve(requestId, approver);
          return { requestId, ok: true };
        } catch (error) {
          if (!(error instanceof CustodiaError)) throw error;
          return { requestId, ok: false, error: { code: error.code, ...(error.rule ? { rule: error.rule } : {}) } };
        }
      });
    });
  }

  rejectWithPassphrase(requestId: string, deciderId: string, passphrase: string, reason: string): Promise<null> {
    return this.asProven(deciderId, passphrase, (decider) => this.reject(requestId, decider, reason));
  }

  /** Re-checks an approved request: digest, both signatures, two different people. */
  verifyApproved(requestId: string): RequestCheck {
    const db = this.vault.require();
    const request = findChangeRequest(db, requestId);
    if (!request || request.status !== 'approved' || !request.decisionSignature || !request.decidedBy) return { ok: false, part: 'request' };
    if (request.decidedBy === request.proposedBy) return { ok: false, part: 'same_person' };
    if (!this.digestMatches(this.openChange(request), request)) return { ok: false, part: 'digest' };
    const keys = signingPublicKeys(db);
    const proposerKey = keys.get(request.proposedBy);
    const approverKey = keys.get(request.decidedBy);
    if (!proposerKey || !verifyIntent(this.s, proposerKey, 'propose', request.digest, request.proposerSignature))
      return { ok: false, part: 'proposer_signature' };
    if (!approverKey || !verifyIntent(this.s, approverKey, 'approve', request.digest, request.decisionSignature))
      return { ok: false, part: 'approver_signature' };
    return { ok: true };
  }

  /** A request's payload, read back through its kind's schema (the kind must be the request's). */
  payloadOf<K extends ChangeKindId, P extends BasePayload>(kind: ChangeKind<K, P>, request: ChangeRequestRow): P {
    if (request.kind !== kind.id) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'payload' });
    return parsePayload(kind, this.openPayload(request), () => new CustodiaError('COSIGN_INTEGRITY', { part: 'payload' }));
  }

  private openPayload(request: ChangeRequestRow): unknown {
    return openJson<unknown>(this.s, this.sessions.require().keys.records, payloadRef(request.id), request.payload);
  }

  private openChange(request: ChangeRequestRow): BoundChange {
    return CHANGE_KINDS[request.kind].open(this.openPayload(request), request.accountId);
  }

  private async asProven<T>(keyholderId: string, passphrase: string, act: (actor: Actor) => T): Promise<T> {
    const actor = await this.sessions.authenticate(keyholderId, passphrase);
    try {
      return act(actor);
    } finally {
      this.sessions.release(actor);
    }
  }

  /** Loads a request for a decision and refuses it unless the rules and its integrity hold. */
  private checkedRequest(db: Db, requestId: string, decider: Actor, now: string, decision: 'approve' | 'reject') {
    const request = findChangeRequest(db, requestId);
    if (!request) throw new CustodiaError('COSIGN_UNKNOWN');
    this.integrity.assertRows([['change_requests', requestId]]);
    const violation = checkDecision(
      { status: request.status, proposerId: request.proposedBy, deciderId: decider.keyholderId, deciderRole: decider.role, expiresAt: request.expiresAt, now },
      COSIGN_KIND_POLICIES[request.kind],
      decision,
    );
    if (violation) throw new CustodiaError(violation.code, { ...violation.details, kind: request.kind }, violation.rule);
    const change = this.openChange(request);
    if (!this.digestMatches(change, request)) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'digest' });
    const proposerKey = signingPublicKeys(db).get(request.proposedBy);
    if (!proposerKey || !verifyIntent(this.s, proposerKey, 'propose', request.digest, request.proposerSignature)) {
      throw new CustodiaError('COSIGN_INTEGRITY', { part: 'proposer_signature' });
    }
    return { request, change };
  }

  /**
   * A request digested before a re-key was digested under that epoch's fingerprint key (kept sealed
   * under the current key, main/vault/rekey): the current key first, then each earlier one. New
   * requests are always digested under the current key, which no revoked keyholder ever held.
   */
  private digestMatches(change: BoundChange, request: ChangeRequestRow): boolean {
    const keys = this.sessions.require().keys;
    if (Buffer.compare(this.digest(change, request), request.digest) === 0) return true;
    const earlier = epochFingerprintKeys(this.vault.require(), this.s, keys.records);
    try {
      return earlier.some(({ key }) => Buffer.compare(this.digest(change, request, { ...keys, fingerprints: key }), request.digest) === 0);
    } finally {
      for (const { key } of earlier) this.s.memzero(key);
    }
  }

  private digest(
    change: BoundChange,
    r: Pick<ChangeRequestRow, 'id' | 'kind' | 'accountId' | 'proposedBy' | 'proposedAt' | 'expiresAt'>,
    keys: VaultKeys = this.sessions.require().keys,
  ): Uint8Array {
    return keyedDigest(this.s, keys.fingerprints, {
      requestId: r.id,
      kind: r.kind,
      accountId: r.accountId,
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt,
      expiresAt: r.expiresAt,
      ...change.digestFields({ db: this.vault.require(), s: this.s, keys }),
    });
  }
}
