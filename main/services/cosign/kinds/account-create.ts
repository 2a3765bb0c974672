import { z } from 'zod';
import { accountInput } from '../../../../shared/accounts';
import { formularioA } from '../../../../shared/lifecycle';
import { CustodiaError } from '../../../domain/errors';
import { checkWordsAndNames, createPolicyDictionary, vaultWords } from '../../../domain/password-policy';
import { accountKind } from '../../../vault/repositories/accounts';
import { saveLifecycle, setAccountStatus } from '../../../vault/repositories/account-lifecycle';
import { secretFingerprint } from '../../../vault/signatures';
import { accountLine, assertEntry, insertPendingAccount, storeAuthorizedVersion } from '../../lifecycle/entry';
import { packagedLexicon } from '../../rotation/password-policy';
import type { AccountChangeKind, CheckContext } from '../change-kind';

/**
 * Alta of a profile (LIFE-1; MITIC Anexo II, Formulario A): the administrator requests it with the
 * account's data, its written justification and, optionally, its first password; the account is
 * «en trámite» from the proposal (listed, refusing every other write) and in force only once the
 * head authorizes it. A refused alta leaves its account in the register as rejected: evidence of
 * the request, never an official profile (SUP-4), and it takes no change ever again.
 */
const payload = z.object({
  account: accountInput,
  form: formularioA,
  /** The first password (reason 'creation'), checked like a rotation's (POL-1..3); never shown by `describe`. */
  secret: z.string().nullable(),
  note: z.string().nullable(),
});
export type AccountCreatePayload = z.infer<typeof payload>;

function assertPending({ db, accountId }: CheckContext<string>): void {
  const status = accountKind(db, accountId)?.status;
  if (status !== 'pending') throw new CustodiaError(status === undefined ? 'ACCOUNT_UNKNOWN' : 'COSIGN_DECIDED', status ? { status } : undefined, 'LIFE-1');
}

/** POL-2 against the account's own names, which are not in the vault's dictionary before its alta. */
function assertNotOwnNames(p: AccountCreatePayload, secret: string): void {
  const a = p.account;
  const own = createPolicyDictionary(vaultWords([a.displayName, a.handle, a.altHandle, a.loginIdentifier?.split('@')[0]]), packagedLexicon.now());
  const violation = checkWordsAndNames(secret, own);
  if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
}

export const accountCreate: AccountChangeKind<'account.create', AccountCreatePayload> = {
  id: 'account.create',
  scope: 'account',
  payload,
  digestFields: (p, { s, keys }) => ({
    account: JSON.parse(JSON.stringify(p.account)),
    form: JSON.parse(JSON.stringify(p.form)),
    secretFingerprint: p.secret === null ? null : s.to_hex(secretFingerprint(s, keys.fingerprints, p.secret)),
    note: p.note,
  }),
  checks: {
    request: (ctx, p) => assertEntry(ctx, p.account, p.form, ctx.accountId),
    propose({ accountId, services }, p) {
      if (p.secret === null) return;
      services.policy.assert(accountId, p.secret);
      assertNotOwnNames(p, p.secret);
    },
    // What may have changed since: the account still «en trámite», the entry rules (a linked mailbox archived, a person gone), POL-3.
    approve(ctx, p) {
      assertPending(ctx);
      assertEntry(ctx, p.account, p.form, ctx.accountId);
      if (p.secret !== null) ctx.services.policy.assertUnique(ctx.accountId, p.secret);
    },
  },
  describe: (p, ctx) => ({
    kind: 'account.create',
    account: accountLine(ctx, ctx.accountId),
    authorizedUsers: p.form.authorizedUsers.length,
    withPassword: p.secret !== null,
  }),
  opens({ db, s, keys, accountId, proposer, now }, p) {
    insertPendingAccount({ db, s, keys }, accountId, p.account, proposer.keyholderId, now);
    saveLifecycle(db, s, keys.records, { accountId, form: p.form, verification: 'not_requested', updatedBy: proposer.keyholderId, updatedAt: now });
  },
  apply(ctx, p) {
    setAccountStatus(ctx.db, ctx.accountId, 'active', ctx.now);
    if (p.secret === null) return { account: ctx.accountId } as Record<string, string>;
    const version = storeAuthorizedVersion(ctx, { ...ctx, secret: p.secret, reason: 'creation' });
    return { account: ctx.accountId, version };
  },
  rejected({ db, accountId, now }) {
    setAccountStatus(db, accountId, 'rejected', now);
  },
};
