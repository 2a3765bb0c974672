import { randomUUID } from 'node:crypto';
import { CREDENTIAL_CHANGE_POLICY } from '../../domain/cosign';
import { touchAccount } from '../../vault/repositories/accounts';
import { deleteCodeSet, insertCodeSet } from '../../vault/repositories/recovery-codes';
import { secretFingerprint } from '../../vault/signatures';
import { describeNote, type ChangeKind } from './change-kind';

/** Replacing an account's whole set of recovery codes: co-signed (issue 5). */
export interface RecoveryReplacePayload {
  codes: string[];
  note: string | null;
}

export const recoveryReplaceChange: ChangeKind<RecoveryReplacePayload> = {
  id: 'recovery.replace',
  policy: CREDENTIAL_CHANGE_POLICY,
  scope: 'account',
  digestFields: ({ codes, note }, { s, keys }) => ({
    count: codes.length,
    codesFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, `recovery:${codes.join('\n')}`)),
    note,
  }),
  describe: describeNote,
  apply({ db, s, keys, request, approver, now }, { codes }) {
    const accountId = request.accountId!;
    deleteCodeSet(db, accountId);
    insertCodeSet(db, s, keys.records, { accountId, setId: request.id, codes: codes.map((code) => ({ id: randomUUID(), code })), addedBy: approver.keyholderId, addedAt: now });
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};
