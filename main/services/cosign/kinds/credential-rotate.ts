import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CHANGE_REASONS } from '../../../../shared/domain';
import { applyDeadline } from '../../../domain/rotation';
import { readInstitution } from '../../../vault/repositories/institution';
import { touchAccount } from '../../../vault/repositories/accounts';
import { currentVersion, insertCredentialVersion, nextVersionNumber } from '../../../vault/repositories/credential-versions';
import { secretFingerprint } from '../../../vault/signatures';
import type { AccountChangeKind, CheckContext, CheckPhase } from '../change-kind';

/**
 * The checks of any request carrying an account's next password (a rotation, a baja). Proposal: the
 * whole policy. Approval: what can have changed since, uniqueness (POL-3). Either way, not while a
 * password the head already authorized waits to be applied (POL-4).
 */
export const passwordChecks: Partial<Record<CheckPhase, (ctx: CheckContext<string>, payload: { secret: string }) => void>> = {
  propose({ db, accountId, services }, p) {
    services.rotation.assertNoneAwaiting(db, accountId);
    services.policy.assert(accountId, p.secret);
  },
  approve({ db, accountId, services }, p) {
    services.rotation.assertNoneAwaiting(db, accountId);
    services.policy.assertUnique(accountId, p.secret);
  },
};

/** A new password for an account (POL-5): proposed by an administrator, authorized by the head. */
const credentialPayload = z.object({ secret: z.string(), reason: z.enum(CHANGE_REASONS), note: z.string().nullable() });
export type CredentialPayload = z.infer<typeof credentialPayload>;

export const credentialRotate: AccountChangeKind<'credential.rotate', CredentialPayload> = {
  id: 'credential.rotate',
  scope: 'account',
  payload: credentialPayload,
  digestFields: (p, { s, keys }) => ({ reason: p.reason, note: p.note, secretFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, p.secret)) }),
  checks: passwordChecks,
  describe: (p, { db, accountId }) => {
    const current = currentVersion(db, accountId);
    return { kind: 'credential.rotate', reason: p.reason, from: current ? { version: current.n } : null, to: { version: nextVersionNumber(db, accountId) } };
  },
  /**
   * The authorized version is stored but not yet current: the administrator changes it on the
   * platform and confirms (RotationService.confirmApplied), and only then does the deadline restart.
   */
  apply({ db, s, keys, accountId, request, approver, now }, p) {
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
