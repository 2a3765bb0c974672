import { randomUUID } from 'node:crypto';
import type { PendingRequest } from '../../shared/accounts';
import type { ChangeReason } from '../../shared/domain';
import { checkDecision, checkProposer, isExpired } from '../domain/cosign';
import { CustodiaError } from '../domain/errors';
import type { Db } from '../vault/db';
import { openJson, sealJson, sealText } from '../vault/fields';
import { accountKind, findAccount, touchAccount } from '../vault/repositories/accounts';
import { decideChangeRequest, findChangeRequest, insertChangeRequest, pendingChangeRequests, type ChangeRequestRow } from '../vault/repositories/change-requests';
import { insertCredentialVersion, nextVersionNumber } from '../vault/repositories/credential-versions';
import { readInstitution } from '../vault/repositories/institution';
import { signingPublicKeys } from '../vault/repositories/keyholders';
import { keyedDigest, secretFingerprint, signIntent, verifyIntent } from '../vault/signatures';
import type { Sodium } from '../vault/sodium';
import type { AccountService } from './accounts';
import { keyholderRefs } from './people';
import type { Actor, Clock, SessionService } from './session';
import type { VaultFile } from './vault-file';
import { personOf } from './views';

/** What a credential change request carries, sealed. */
interface CredentialPayload {
  secret: string;
  reason: ChangeReason;
  note: string | null;
}

const payloadRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'payload', version: 1 });
const reasonRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'decision_reason', version: 1 });

export type VersionCheck = { ok: true } | { ok: false; part: 'request' | 'digest' | 'proposer_signature' | 'approver_signature' | 'same_person' | 'fingerprint' };

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
  ) {}

  propose(actor: Actor, input: { accountId: string; secret: string; reason: ChangeReason; note?: string | undefined }): { requestId: string } {
    const session = this.sessions.require();
    const db = this.vault.require();
    const proposer = checkProposer(actor.role);
    if (proposer) throw new CustodiaError(proposer.code, proposer.details, proposer.rule);
    const account = accountKind(db, input.accountId);
    if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
    if (account.status !== 'active') throw new CustodiaError('ACCOUNT_ARCHIVED');
    const now = this.clock();
    const hours = readInstitution(db, this.s, session.keys.records)!.cosignExpiryHours;
    const id = randomUUID();
    const payload: CredentialPayload = { secret: input.secret, reason: input.reason, note: input.note ?? null };
    const head = { id, kind: 'credential.rotate' as const, accountId: input.accountId, proposedBy: actor.keyholderId, proposedAt: now.toISOString(), expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString() };
    const digest = this.digest(head, payload);
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
      () => ({ at: head.proposedAt, action: 'credential.proposed', subjects: { account: input.accountId, request: id }, details: { reason: input.reason } }),
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
      const payload = openJson<CredentialPayload>(this.s, key, payloadRef(r.id), r.payload);
      const account = findAccount(db, this.s, key, r.accountId)!;
      return {
        id: r.id,
        kind: r.kind,
        account: { id: account.id, displayName: account.displayName, platform: account.platform },
        reason: payload.reason,
        note: payload.note,
        proposedBy: personOf(people, r.proposedBy),
        proposedAt: r.proposedAt,
        expiresAt: r.expiresAt,
        expired: isExpired(r.expiresAt, now),
      };
    });
  }

  approve(requestId: string, approver: Actor): { versionId: string } {
    const session = this.sessions.require();
    const now = this.clock().toISOString();
    const result = this.sessions.commit(
      (db) => {
        const { request, payload } = this.checkedRequest(db, requestId, approver, now);
        const signature = signIntent(this.s, approver.signSecret, 'approve', request.digest);
        if (!decideChangeRequest(db, requestId, { status: 'approved', decidedBy: approver.keyholderId, decidedAt: now, decisionSignature: signature, decisionReason: null })) {
          throw new CustodiaError('COSIGN_DECIDED');
        }
        const versionId = randomUUID();
        const n = nextVersionNumber(db, request.accountId);
        insertCredentialVersion(db, this.s, session.keys.records, {
          id: versionId,
          accountId: request.accountId,
          n,
          secret: payload.secret,
          fingerprint: secretFingerprint(this.s, session.keys.fingerprints, payload.secret),
          reason: payload.reason,
          changeRequestId: request.id,
          proposedBy: request.proposedBy,
          proposedAt: request.proposedAt,
          authorizedBy: approver.keyholderId,
          authorizedAt: now,
          appliedAt: now,
        });
        touchAccount(db, request.accountId, now);
        return { versionId, n, accountId: request.accountId, reason: payload.reason };
      },
      (r) => ({ at: now, action: 'credential.approved', subjects: { account: r.accountId, request: requestId, version: r.versionId }, details: { n: r.n, reason: r.reason } }),
      approver,
    );
    this.accounts.invalidate();
    return { versionId: result.versionId };
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
        return request.accountId;
      },
      (accountId) => ({ at: now, action: 'credential.rejected', subjects: { account: accountId, request: requestId }, details: {} }),
      decider,
    );
    return null;
  }

  /** The co-sign dialog: the approver proves their passphrase, approves, and their key is zeroed. */
  approveWithPassphrase(requestId: string, approverId: string, passphrase: string): Promise<{ versionId: string }> {
    return this.asProven(approverId, passphrase, (approver) => this.approve(requestId, approver));
  }

  rejectWithPassphrase(requestId: string, deciderId: string, passphrase: string, reason: string): Promise<null> {
    return this.asProven(deciderId, passphrase, (decider) => this.reject(requestId, decider, reason));
  }

  private async asProven<T>(keyholderId: string, passphrase: string, act: (actor: Actor) => T): Promise<T> {
    const actor = await this.sessions.authenticate(keyholderId, passphrase);
    try {
      return act(actor);
    } finally {
      this.sessions.release(actor);
    }
  }

  /** Re-checks a credential version: approved request, digest, both signatures, two people. */
  verifyVersion(versionId: string): VersionCheck {
    const session = this.sessions.require();
    const db = this.vault.require();
    const version = db.prepare('SELECT change_request_id AS requestId, fingerprint, proposed_by AS proposedBy, authorized_by AS authorizedBy FROM credential_versions WHERE id = ?').get(versionId) as
      | { requestId: string; fingerprint: Buffer; proposedBy: string; authorizedBy: string }
      | undefined;
    const request = version && findChangeRequest(db, version.requestId);
    if (!version || !request || request.status !== 'approved' || !request.decisionSignature || request.decidedBy !== version.authorizedBy || request.proposedBy !== version.proposedBy) return { ok: false, part: 'request' };
    if (version.proposedBy === version.authorizedBy) return { ok: false, part: 'same_person' };
    const payload = openJson<CredentialPayload>(this.s, session.keys.records, payloadRef(request.id), request.payload);
    if (Buffer.compare(secretFingerprint(this.s, session.keys.fingerprints, payload.secret), version.fingerprint) !== 0) return { ok: false, part: 'fingerprint' };
    if (Buffer.compare(this.digest(request, payload), request.digest) !== 0) return { ok: false, part: 'digest' };
    const keys = signingPublicKeys(db);
    if (!verifyIntent(this.s, keys.get(request.proposedBy)!, 'propose', request.digest, request.proposerSignature)) return { ok: false, part: 'proposer_signature' };
    if (!verifyIntent(this.s, keys.get(version.authorizedBy)!, 'approve', request.digest, request.decisionSignature)) return { ok: false, part: 'approver_signature' };
    return { ok: true };
  }

  /** Loads a request for a decision and refuses it unless the rules and its integrity hold. */
  private checkedRequest(db: Db, requestId: string, decider: Actor, now: string) {
    const session = this.sessions.require();
    const request = findChangeRequest(db, requestId);
    if (!request) throw new CustodiaError('COSIGN_UNKNOWN');
    const violation = checkDecision({ status: request.status, proposerId: request.proposedBy, deciderId: decider.keyholderId, deciderRole: decider.role, expiresAt: request.expiresAt, now });
    if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
    const payload = openJson<CredentialPayload>(this.s, session.keys.records, payloadRef(request.id), request.payload);
    if (Buffer.compare(this.digest(request, payload), request.digest) !== 0) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'digest' });
    const proposerKey = signingPublicKeys(db).get(request.proposedBy);
    if (!proposerKey || !verifyIntent(this.s, proposerKey, 'propose', request.digest, request.proposerSignature)) {
      throw new CustodiaError('COSIGN_INTEGRITY', { part: 'proposer_signature' });
    }
    return { request, payload };
  }

  private digest(r: Pick<ChangeRequestRow, 'id' | 'kind' | 'accountId' | 'proposedBy' | 'proposedAt' | 'expiresAt'>, payload: CredentialPayload): Uint8Array {
    const keys = this.sessions.require().keys;
    return keyedDigest(this.s, keys.fingerprints, {
      requestId: r.id,
      kind: r.kind,
      accountId: r.accountId,
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt,
      expiresAt: r.expiresAt,
      reason: payload.reason,
      note: payload.note,
      secretFingerprint: this.s.to_hex(secretFingerprint(this.s, keys.fingerprints, payload.secret)),
    });
  }
}
