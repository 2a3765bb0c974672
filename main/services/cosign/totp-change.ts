import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
import type { TotpSeed } from '../../domain/totp';
import { touchAccount } from '../../vault/repositories/accounts';
import { putSeed, removeSeed } from '../../vault/repositories/totp-seeds';
import { secretFingerprint } from '../../vault/signatures';
import type { ChangeKind } from './change-kind';

/** Adding or replacing an account's TOTP seed: co-signed like a password (issue 5, SEC-1). */
export interface TotpSetPayload {
  seed: TotpSeed;
  note: string | null;
}

export interface TotpRemovePayload {
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
  describe: (p) => ({ reason: null, note: p.note, changes: null }),
  apply({ db, s, keys, request, approver, now }, { seed }) {
    const accountId = request.accountId!;
    putSeed(db, s, keys.records, seed, { accountId, changeRequestId: request.id, proposedBy: request.proposedBy, authorizedBy: approver.keyholderId, setAt: now });
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};

export const totpRemoveChange: ChangeKind<TotpRemovePayload> = {
  id: 'totp.remove',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  digestFields: ({ note }) => ({ note }),
  describe: (p) => ({ reason: null, note: p.note, changes: null }),
  apply({ db, request, now }) {
    const accountId = request.accountId!;
    removeSeed(db, accountId);
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};
