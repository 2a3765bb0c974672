import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as es from '@zxcvbn-ts/language-es-es';
import type { AppError } from '../../shared/result';
import { fold } from './policy/fold';
import { vaultLexicon, type Lexicon } from './policy/lexicon';
import type { VaultNames } from './policy/pieces';
import { judgeWordsAndNames, refusalError } from './policy/verdict';

/**
 * POL-1 and POL-2 (Congreso 6.2.4; MITIC 6.1.1.IV): digits, lower and upper case and symbols,
 * a minimum length, and nothing that resembles a word or a name — Spanish and English
 * dictionaries, names of people, the institution, its accounts and platforms, and years.
 * POL-3 (uniqueness) needs the vault and lives in the password-policy service.
 */
export const DEFAULT_MIN_LENGTH = 16;
export const FLOOR_MIN_LENGTH = 12;
/** The longest candidate judged: the check's cost grows with length and the interface pays it per pause in typing. */
export const MAX_LENGTH = 128;
/** The vault's own names count from three letters («Luz», «Ana»). */
export const MIN_MATCH_LENGTH = 3;
export const MIN_SCORE = 4;

export const CHARACTER_CLASSES = ['digit', 'lower', 'upper', 'symbol'] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

export function classOf(char: string): CharacterClass {
  if (/\p{Nd}/u.test(char)) return 'digit';
  if (/\p{Ll}/u.test(char)) return 'lower';
  if (/\p{Lu}/u.test(char)) return 'upper';
  return 'symbol';
}

/**
 * What POL-2 matches against: the vault's own names (folded → as registered), the Spanish and
 * English lexicon (policy/lexicon.ts: built by whoever runs the policy, from the word lists it
 * reads, and passed in here), and a zxcvbn-ts estimator for what is not a word (repeats,
 * sequences, keyboard walks).
 */
export interface PolicyDictionary {
  vault: VaultNames;
  lexicon: Lexicon;
  strength: ZxcvbnFactory;
}

export function createPolicyDictionary(vaultWords: string[], lexicon: Lexicon): PolicyDictionary {
  const names = new Map<string, string>();
  for (const word of vaultWords) {
    const key = fold(word);
    if (key.length >= MIN_MATCH_LENGTH && /^[a-z]+$/.test(key) && !names.has(key)) names.set(key, word);
  }
  const vault = vaultLexicon(names);
  const strength = new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    // Words are the lexicon's job; here only common passwords, so the estimate stays a few ms.
    dictionary: { passwords: common.dictionary['passwords-common'] ?? [] },
    translations: es.translations,
    l33tMaxSubstitutions: 2,
  });
  return { vault, lexicon, strength };
}

/** Words a vault contributes: every word of at least three letters in the given texts, and each text run together. */
export function vaultWords(texts: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of text.normalize('NFC').split(/[^\p{L}]+/u)) if ([...word].length >= MIN_MATCH_LENGTH) words.add(word);
    const compact = text.normalize('NFC').replace(/[^\p{L}]+/gu, '');
    if ([...compact].length >= MIN_MATCH_LENGTH) words.add(compact);
  }
  return [...words];
}

export function checkCharacterRules(password: string, minLength: number): AppError | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length > MAX_LENGTH) return { code: 'POLICY_VIOLATION', rule: 'POL-1', details: { reason: 'too_long', length: chars.length, max: MAX_LENGTH } };
  const min = Math.max(minLength, FLOOR_MIN_LENGTH);
  const present = new Set(chars.map(classOf));
  const missing = CHARACTER_CLASSES.filter((c) => !present.has(c));
  if (chars.length < min || missing.length > 0) {
    return { code: 'POLICY_VIOLATION', rule: 'POL-1', details: { reason: chars.length < min ? 'length' : 'classes', length: chars.length, min, missing } };
  }
  return null;
}

/** POL-2: words, names and years however dressed (policy/verdict.ts), then what zxcvbn-ts finds guessable. */
export function checkWordsAndNames(password: string, dictionary: PolicyDictionary): AppError | null {
  const refusal = judgeWordsAndNames(password, dictionary.vault, dictionary.lexicon);
  if (refusal) return refusalError(refusal);
  const result = dictionary.strength.check(password.normalize('NFC'));
  if (result.score < MIN_SCORE) return { code: 'POLICY_VIOLATION', rule: 'POL-2', details: { reason: 'guessable', score: result.score } };
  return null;
}

/** POL-1 then POL-2: the first violation, so the person fixes one thing at a time. */
export function checkPasswordRules(password: string, minLength: number, dictionary: PolicyDictionary): AppError | null {
  return checkCharacterRules(password, minLength) ?? checkWordsAndNames(password, dictionary);
}
