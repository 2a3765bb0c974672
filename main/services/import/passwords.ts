import { CustodiaError } from '../../domain/errors';
import { createPolicyDictionary, vaultWords } from '../../domain/password-policy';
import { problem, type RowDraft } from '../../domain/import/rows';
import { secretFingerprint } from '../../vault/signatures';
import type { Sodium } from '../../vault/sodium';
import type { VaultKeys } from '../../vault/keys';
import type { PasswordPolicyService } from '../rotation/password-policy';
import type { StrengthPool } from './strength-pool';

/** What the import services ask of the password policy. */
export type ImportPolicy = Pick<PasswordPolicyService, 'rules' | 'assertUnique'>;

/**
 * The passwords of an import against POL-1..3, each judged once: a password shared by rows of the
 * file is imported for its first row only, due at once, and refused for the others (POL-3); one
 * already used by any version of the vault is refused (POL-3); one that breaks POL-1 or POL-2 is
 * imported but due at once («rotar ya»): the office is told, and the first rotation replaces it.
 * POL-3 is looked up here, in the vault; POL-1/2 (~0.5–1 ms a password, zxcvbn-ts and the lexicon)
 * run in worker threads (./strength-pool.ts) with the dictionary a proposal uses, so the verdicts
 * are those of `policy.check`. What is returned names the rule and its reason, never a piece of the
 * password (POL-2's own feedback quotes the word found; a preview does not).
 */
export async function judgePasswords(
  drafts: readonly (RowDraft & { accountId: string })[],
  ctx: { s: Sodium; keys: VaultKeys; policy: ImportPolicy; pool: StrengthPool },
): Promise<void> {
  const firstRow = new Map<string, RowDraft>();
  const withSecret = drafts.filter((d) => d.secret !== null && d.problems.length === 0);
  // Read now, after the file: the vault's names or the minimum may have changed while it was read.
  const { minLength, dictionary } = ctx.policy.rules();
  // POL-2 against the names the import itself brings, which the vault's dictionary does not hold yet.
  const importNames = createPolicyDictionary(
    vaultWords(withSecret.flatMap((d) => [d.account?.displayName, d.account?.handle, d.account?.loginIdentifier?.split('@')[0]])),
    dictionary.lexicon,
  ).vault;
  const toJudge: RowDraft[] = [];
  for (const draft of withSecret) {
    const secret = draft.secret!;
    const print = ctx.s.to_hex(secretFingerprint(ctx.s, ctx.keys.fingerprints, secret));
    const first = firstRow.get(print);
    if (first) {
      draft.problems.push(problem('password', 'duplicate_in_file', 'POL-3', { firstRow: first.row }));
      if (!first.problems.some((p) => p.reason === 'shared_password')) first.problems.push(problem('password', 'shared_password', 'POL-3', { row: draft.row }));
      continue;
    }
    firstRow.set(print, draft);
    // Uniqueness first: POL-1/2's check stops at the first rule broken, and a weak password may be a reused one too.
    if (!isUnique(ctx.policy, draft.accountId, secret)) {
      draft.problems.push(problem('password', 'duplicate_in_vault', 'POL-3'));
      continue;
    }
    toJudge.push(draft);
  }
  const verdicts = await ctx.pool.judge(
    toJudge.map((d) => d.secret!),
    { minLength, dictionary, importNames },
  );
  toJudge.forEach((draft, i) => {
    const verdict = verdicts[i];
    // First, where judging it in turn put it (its problems were none): before a «shared_password» a later row added.
    if (verdict) draft.problems.unshift(problem('password', 'password_policy', verdict.rule, { reason: verdict.reason }));
  });
}

function isUnique(policy: Pick<PasswordPolicyService, 'assertUnique'>, accountId: string, secret: string): boolean {
  try {
    policy.assertUnique(accountId, secret);
    return true;
  } catch (error) {
    if (error instanceof CustodiaError && error.rule === 'POL-3') return false;
    throw error;
  }
}
