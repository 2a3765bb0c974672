import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { touchAccount } from '../../../vault/repositories/accounts';
import { codesOf, deleteCodeSet, insertCodeSet } from '../../../vault/repositories/recovery-codes';
import { secretFingerprint } from '../../../vault/signatures';
import type { AccountChangeKind } from '../change-kind';

/** Replacing an account's whole set of recovery codes: co-signed (issue 5). */
const recoveryReplacePayload = z.object({ codes: z.array(z.string()), note: z.string().nullable() });
export type RecoveryReplacePayload = z.infer<typeof recoveryReplacePayload>;

export const recoveryReplace: AccountChangeKind<'recovery.replace', RecoveryReplacePayload> = {
  id: 'recovery.replace',
  scope: 'account',
  payload: recoveryReplacePayload,
  digestFields: ({ codes, note }, { s, keys }) => ({
    count: codes.length,
    codesFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, `recovery:${codes.join('\n')}`)),
    note,
  }),
  checks: {
    // Only a stored set can be replaced.
    request({ db, accountId }) {
      if (codesOf(db, accountId).length === 0) throw new CustodiaError('RECOVERY_CODE_UNKNOWN');
    },
  },
  describe: ({ codes }, { db, accountId }) => {
    const stored = codesOf(db, accountId);
    return { kind: 'recovery.replace', from: { total: stored.length, unused: stored.filter((c) => c.usedAt === null).length }, to: { total: codes.length } };
  },
  apply({ db, s, keys, accountId, request, approver, now }, { codes }) {
    deleteCodeSet(db, accountId);
    insertCodeSet(db, s, keys.records, {
      accountId,
      setId: request.id,
      codes: codes.map((code) => ({ id: randomUUID(), code })),
      addedBy: approver.keyholderId,
      addedAt: now,
    });
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};
