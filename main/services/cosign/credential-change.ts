import { randomUUID } from 'node:crypto';
import type { ChangeReason } from '../../../shared/domain';
import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
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
  digestFields: (p, { s, keys }) => ({ reason: p.reason, note: p.note, secretFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, p.secret)) }),
  describe: (p) => ({ reason: p.reason, note: p.note }),
  apply({ db, s, keys, request, approver, now }, p) {
    const versionId = randomUUID();
    insertCredentialVersion(db, s, keys.records, {
      id: versionId,
      accountId: request.accountId,
      n: nextVersionNumber(db, request.accountId),
      secret: p.secret,
      fingerprint: secretFingerprint(s, keys.fingerprints, p.secret),
      reason: p.reason,
      changeRequestId: request.id,
      proposedBy: request.proposedBy,
      proposedAt: request.proposedAt,
      authorizedBy: approver.keyholderId,
      authorizedAt: now,
      appliedAt: now,
    });
    touchAccount(db, request.accountId, now);
    return { account: request.accountId, version: versionId };
  },
};
