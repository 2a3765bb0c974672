import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
import type { TotpSeed } from '../../domain/totp';
import { touchAccount } from '../../vault/repositories/accounts';
import { insertExportGrant, putSeed, removeSeed, seedMeta } from '../../vault/repositories/totp-seeds';
import { CustodiaError } from '../../domain/errors';
import { secretFingerprint } from '../../vault/signatures';
import { describeNote, type ChangeKind, type NotePayload } from './change-kind';

/** Adding or replacing an account's TOTP seed: co-signed like a password (issue 5, SEC-1). */
export interface TotpSetPayload {
  seed: TotpSeed;
  note: string | null;
}

export const totpSetChange: ChangeKind<TotpSetPayload> = {
  id: 'totp.set',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  // The secret only as a keyed fingerprint; the parameters in clear.
  digestFields: ({ seed, note }, { s, keys }) => ({
    seedFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, `totp:${seed.secret}`)),
    algorithm: seed.algorithm,
    digits: seed.digits,
    period: seed.period,
    issuer: seed.issuer,
    label: seed.label,
    note,
  }),
  describe: describeNote,
  apply({ db, s, keys, request, approver, now }, { seed }) {
    const accountId = request.accountId!;
    putSeed(db, s, keys.records, seed, { accountId, changeRequestId: request.id, proposedBy: request.proposedBy, authorizedBy: approver.keyholderId, setAt: now });
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};

export const totpRemoveChange: ChangeKind<NotePayload> = {
  id: 'totp.remove',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  digestFields: ({ note }) => ({ note }),
  describe: describeNote,
  apply({ db, request, now }) {
    const accountId = request.accountId!;
    removeSeed(db, accountId);
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};

/**
 * Showing an account's seed as a QR, to enroll an institutional phone or a new administrator's:
 * the head authorizes it for the seed as it is now; the proposer may then show it once, for 60 s.
 */
export const totpExportChange: ChangeKind<NotePayload> = {
  id: 'totp.export',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  digestFields: ({ note }) => ({ note }),
  describe: describeNote,
  apply({ db, request, approver, now }) {
    const accountId = request.accountId!;
    const seed = seedMeta(db, accountId);
    if (!seed) throw new CustodiaError('TOTP_NONE');
    insertExportGrant(db, { requestId: request.id, accountId, seedVersion: seed.version, requestedBy: request.proposedBy, authorizedBy: approver.keyholderId, authorizedAt: now });
    return { account: accountId };
  },
};
