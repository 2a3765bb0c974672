import { randomUUID } from 'node:crypto';
import type { PendingRequest } from '../../../shared/accounts';
import type { InstitutionSettings } from '../../../shared/rotation';
import { checkDecision, checkProposer, isExpired } from '../../domain/cosign';
import { checkSettings, settingsDiff } from '../../domain/settings';
import { settingsOf } from '../rotation/schedule';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { openJson, sealJson, sealText } from '../../vault/fields';
import { accountKind, findAccount } from '../../vault/repositories/accounts';
import { decideChangeRequest, findChangeRequest, insertChangeRequest, pendingChangeRequests, type ChangeRequestRow } from '../../vault/repositories/change-requests';
import { readInstitution } from '../../vault/repositories/institution';
import { signingPublicKeys } from '../../vault/repositories/keyholders';
import { keyedDigest, signIntent, verifyIntent } from '../../vault/signatures';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts';
import { keyholderRefs } from '../people';
import type { Actor, Clock, SessionService } from '../session';
import type { VaultFile } from '../vault-file';
import type { IntegrityService } from '../integrity';
import { personOf } from '../views';
import type { ChangeKind } from './change-kind';
import { credentialChange, type CredentialPayload } from './credential-change';
import { settingsChange, type SettingsPayload } from './settings-change';
import { recoveryReplaceChange } from './recovery-change';
import { totpExportChange, totpRemoveChange, totpSetChange } from './totp-change';

const subjectsOf = (accountId: string | null, requestId: string): Record<string, string> =>
  accountId === null ? { request: requestId } : { account: accountId, request: requestId };

// Every kind the workflow knows; later kinds (seeds, handovers) register here.
const KINDS: Record<ChangeRequestRow['kind'], ChangeKind<never>> = {
  'credential.rotate': credentialChange as ChangeKind<never>,
  'settings.update': settingsChange as ChangeKind<never>,
  'totp.set': totpSetChange as ChangeKind<never>,
  'totp.remove': totpRemoveChange as ChangeKind<never>,
  'totp.export': totpExportChange as ChangeKind<never>,
  'recovery.replace': recoveryReplaceChange as ChangeKind<never>,
};

const payloadRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'payload', version: 1 });
const reasonRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'decision_reason', version: 1 });

/** Checks a kind's payload must pass when proposed and again when approved (e.g. the password policy). */
export type Validators = Partial<Record<ChangeRequestRow['kind'], (accountId: string | null, payload: never, phase: 'propose' | 'approve') => void>>;

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
    private readonly validators: Validators = {},
  ) {}

  /** A new password for an account, awaiting the head's authorization. */
  propose(actor: Actor, input: { accountId: string; secret: string; reason: CredentialPayload['reason']; note?: string | undefined }): { requestId: string } {
    return this.proposeChange(credentialChange, actor, input.accountId, { secret: input.secret, reason: input.reason, note: input.note ?? null });
  }

  /** Institution settings (POL-1, POL-4, …): a change to them is co-signed like a password. */
  proposeSettings(actor: Actor, input: { settings: InstitutionSettings; note?: string | undefined }): { requestId: string } {
    const refusal = checkSettings(input.settings);
    if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
    const current = settingsOf(readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!);
    if (settingsDiff(current, input.settings).length === 0) throw new CustodiaError('SETTINGS_UNCHANGED');
    return this.proposeChange(settingsChange, actor, null, { settings: input.settings, note: input.note || null } satisfies SettingsPayload);
  }

  proposeChange<P>(kind: ChangeKind<P>, actor: Actor, accountId: string | null, payload: P): { requestId: string } {
    const session = this.sessions.require();
    const db = this.vault.require();
    const refusal = checkProposer(actor.role, kind.policy);
    if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
    if ((kind.scope === 'account') !== (accountId !== null)) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId' });
    if (accountId !== null) {
      const account = accountKind(db, accountId);
      if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
      if (account.status !== 'active') throw new CustodiaError('ACCOUNT_ARCHIVED');
    }
    this.validators[kind.id]?.(accountId, payload as never, 'propose');
    const now = this.clock();
    const hours = readInstitution(db, this.s, session.keys.records)!.cosignExpiryHours;
    const id = randomUUID();
    const head = { id, kind: kind.id, accountId, proposedBy: actor.keyholderId, proposedAt: now.toISOString(), expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString() };
    const digest = this.digest(kind, head, payload);
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
      (tx) => insertChangeRequest(tx, row),
      () => ({ at: head.proposedAt, action: `${kind.id}.proposed`, subjects: subjectsOf(accountId, id), details: { kind: kind.id, expiresAt: head.expiresAt } }),
      actor,
    );
    return { requestId: id };
  }

  pending(): PendingRequest[] {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const people = keyholderRefs(db, this.s, key);
    const now = this.clock().toISOString();
    return pendingChangeRequests(db).map((r) => {
      const account = r.accountId === null ? null : findAccount(db, this.s, key, r.accountId)!;
      return {
        id: r.id,
        kind: r.kind,
        account: account && { id: account.id, displayName: account.displayName, platform: account.platform },
        ...KINDS[r.kind].describe(this.openPayload<never>(r), { db, s: this.s, keys: session.keys }),
        proposedBy: personOf(people, r.proposedBy),
        proposedAt: r.proposedAt,
        expiresAt: r.expiresAt,
        expired: isExpired(r.expiresAt, now),
      };
    });
  }

  /** Authorizes a request and applies its change; returns the ids the change touched. */
  approve(requestId: string, approver: Actor): { subjects: Record<string, string> } {
    const session = this.sessions.require();
    const now = this.clock().toISOString();
    const { touched } = this.sessions.commit(
      (db) => {
        const { request, kind, payload } = this.checkedRequest(db, requestId, approver, now);
        // Re-checked when applied: another change approved meanwhile may have made this one invalid.
        this.validators[kind.id]?.(request.accountId, payload, 'approve');
        const signature = signIntent(this.s, approver.signSecret, 'approve', request.digest);
        if (!decideChangeRequest(db, requestId, { status: 'approved', decidedBy: approver.keyholderId, decidedAt: now, decisionSignature: signature, decisionReason: null })) {
          throw new CustodiaError('COSIGN_DECIDED');
        }
        return { kind: kind.id, touched: kind.apply({ db, s: this.s, keys: session.keys, request, approver, now }, payload) };
      },
      ({ kind, touched }) => ({ at: now, action: `${kind}.approved`, subjects: { ...touched, request: requestId }, details: {} }),
      approver,
    );
    this.accounts.invalidate();
    return { subjects: touched };
  }

  reject(requestId: string, decider: Actor, reason: string): null {
    const session = this.sessions.require();
    const now = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const { request } = this.checkedRequest(db, requestId, decider, now);
        const signature = signIntent(this.s, decider.signSecret, 'reject', request.digest);
        const sealedReason = sealText(this.s, session.keys.records, reasonRef(requestId), reason);
        if (!decideChangeRequest(db, requestId, { status: 'rejected', decidedBy: decider.keyholderId, decidedAt: now, decisionSignature: signature, decisionReason: sealedReason })) {
          throw new CustodiaError('COSIGN_DECIDED');
        }
        return request;
      },
      (request) => ({ at: now, action: `${request.kind}.rejected`, subjects: subjectsOf(request.accountId, requestId), details: {} }),
      decider,
    );
    return null;
  }

  /** The co-sign dialog: the approver proves their passphrase, approves, and their key is zeroed. */
  approveWithPassphrase(requestId: string, approverId: string, passphrase: string): Promise<{ subjects: Record<string, string> }> {
    return this.asProven(approverId, passphrase, (approver) => this.approve(requestId, approver));
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
    if (Buffer.compare(this.digest(KINDS[request.kind], request, this.openPayload<never>(request)), request.digest) !== 0) return { ok: false, part: 'digest' };
    const keys = signingPublicKeys(db);
    const proposerKey = keys.get(request.proposedBy);
    const approverKey = keys.get(request.decidedBy);
    if (!proposerKey || !verifyIntent(this.s, proposerKey, 'propose', request.digest, request.proposerSignature)) return { ok: false, part: 'proposer_signature' };
    if (!approverKey || !verifyIntent(this.s, approverKey, 'approve', request.digest, request.decisionSignature)) return { ok: false, part: 'approver_signature' };
    return { ok: true };
  }

  openPayload<P>(request: ChangeRequestRow): P {
    return openJson<P>(this.s, this.sessions.require().keys.records, payloadRef(request.id), request.payload);
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
  private checkedRequest(db: Db, requestId: string, decider: Actor, now: string) {
    const request = findChangeRequest(db, requestId);
    if (!request) throw new CustodiaError('COSIGN_UNKNOWN');
    this.integrity.assertRows([['change_requests', requestId]]);
    const kind = KINDS[request.kind];
    const violation = checkDecision({ status: request.status, proposerId: request.proposedBy, deciderId: decider.keyholderId, deciderRole: decider.role, expiresAt: request.expiresAt, now }, kind.policy);
    if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
    const payload = this.openPayload<never>(request);
    if (Buffer.compare(this.digest(kind, request, payload), request.digest) !== 0) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'digest' });
    const proposerKey = signingPublicKeys(db).get(request.proposedBy);
    if (!proposerKey || !verifyIntent(this.s, proposerKey, 'propose', request.digest, request.proposerSignature)) {
      throw new CustodiaError('COSIGN_INTEGRITY', { part: 'proposer_signature' });
    }
    return { request, kind, payload };
  }

  private digest<P>(kind: ChangeKind<P>, r: Pick<ChangeRequestRow, 'id' | 'kind' | 'accountId' | 'proposedBy' | 'proposedAt' | 'expiresAt'>, payload: P): Uint8Array {
    const keys = this.sessions.require().keys;
    return keyedDigest(this.s, keys.fingerprints, {
      requestId: r.id,
      kind: r.kind,
      accountId: r.accountId,
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt,
      expiresAt: r.expiresAt,
      ...kind.digestFields(payload, { s: this.s, keys }),
    });
  }
}
