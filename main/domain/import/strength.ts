import type { RuleId } from '../../../shared/result';
import { checkPasswordRules, type PolicyDictionary } from '../password-policy';
import type { VaultNames } from '../policy/pieces';
import { judgeWordsAndNames } from '../policy/verdict';

/** What an import records of a password's POL-1/2 judgement: the rule and its reason, never a piece of the password. */
export interface StrengthVerdict {
  rule: RuleId | null;
  reason: string;
}

/** What an import judges every password against: the institution's minimum, the vault's dictionary, and the names the import brings. */
export interface StrengthRules {
  minLength: number;
  dictionary: PolicyDictionary;
  /** The file's own names (accounts, handles, logins), which the vault's dictionary does not hold yet. */
  importNames: VaultNames;
}

/**
 * POL-1 and POL-2 of one imported password: first exactly what a proposal runs
 * (checkPasswordRules with the vault's dictionary, the first rule broken), then POL-2 against the
 * names the import itself brings. A pure function of the password and the rules, so that the
 * service may run it in worker threads (main/services/import/strength-pool.ts) or on its own
 * thread with the same result.
 */
export function judgeStrength(secret: string, rules: StrengthRules): StrengthVerdict | null {
  const violation = checkPasswordRules(secret, rules.minLength, rules.dictionary);
  if (violation) return { rule: violation.rule ?? null, reason: String(violation.details?.reason ?? '') };
  const own = judgeWordsAndNames(secret, rules.importNames, rules.dictionary.lexicon);
  return own ? { rule: 'POL-2', reason: own.reason } : null;
}
