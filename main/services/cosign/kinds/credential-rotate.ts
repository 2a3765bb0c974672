import { randomUUID } from 'node:crypto';
import type { ChangeReason } from '../../../shared/domain';
import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
import { applyDeadline } from '../../domain/rotation';
import { readInstitution } from '../../vault/repositories/institution';
import { touchAccount } from '../../vault/repositories/accounts';
import { insertCredentialVersion, nextVersionNumber } from '../../vault/repositories/credential-versions';
import { secretFingerprint } from '../../vault/signatures';
import type { ChangeKind } from './change-kind';

/** A new password for an account (POL-5): proposed by an administrator, authorized by the head. */
export interface CredentialPayload {
  secret: string;
  reason: ChangeReason;
  note: string | null;
}

export const credentialChange: ChangeKind<CredentialPayload> = {
  id: 'credential.rotate',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  digestFields: (p, { s, keys }) => ({ reason: p.reason, note: p.note, secretFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, p.secret)) }),
  describe: (p) => ({ reason: p.reason, note: p.note, changes: null }),
  /**
   * The authorized version is stored but not yet current: the administrator changes it on the
   * platform and confirms (RotationService.confirmApplied), and only then does the deadline restart.
   */
  apply({ db, s, keys, request, approver, now }, p) {
    const accountId = request.accountId!;
    const versionId = randomUUID();
    const { applyWindowHours } = readInstitution(db, s, keys.records)!;
    insertCredentialVersion(db, s, keys.records, {
      id: versionId,
      accountId,
      n: nextVersionNumber(db, accountId),
      secret: p.secret,
      fingerprint: secretFingerprint(s, keys.fingerprints, p.secret),
      reason: p.reason,
      changeRequestId: request.id,
      proposedBy: request.proposedBy,
      proposedAt: request.proposedAt,
      authorizedBy: approver.keyholderId,
      authorizedAt: now,
      applyBy: applyDeadline(now, applyWindowHours),
    });
    touchAccount(db, accountId, now);
    return { account: accountId, version: versionId };
  },
};
