import { z } from 'zod';
import { touchAccount } from '../../../vault/repositories/accounts';
import { putSeed } from '../../../vault/repositories/totp-seeds';
import { secretFingerprint } from '../../../vault/signatures';
import type { AccountChangeKind } from '../change-kind';
import { storedSeed, totpSeed } from './totp-seed';

/** Adding or replacing an account's TOTP seed: co-signed like a password (issue 5, SEC-1). */
const totpSetPayload = z.object({ seed: totpSeed, note: z.string().nullable() });
export type TotpSetPayload = z.infer<typeof totpSetPayload>;

export const totpSet: AccountChangeKind<'totp.set', TotpSetPayload> = {
  id: 'totp.set',
  scope: 'account',
  payload: totpSetPayload,
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
  describe: ({ seed: { algorithm, digits, period, issuer, label } }, { db, accountId }) => ({
    kind: 'totp.set',
    from: storedSeed(db, accountId),
    to: { algorithm, digits, period, issuer, label },
  }),
  apply({ db, s, keys, accountId, request, approver, now }, { seed }) {
    putSeed(db, s, keys.records, seed, {
      accountId,
      changeRequestId: request.id,
      proposedBy: request.proposedBy,
      authorizedBy: approver.keyholderId,
      setAt: now,
    });
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};
