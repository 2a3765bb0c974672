import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import type { AppError } from '../../shared/result';

/**
 * POL-1 and POL-2 (Congreso 6.2.4; MITIC 6.1.1.IV): digits, lower and upper case and symbols,
 * a minimum length, and nothing that resembles a word or a name — Spanish and English
 * dictionaries, names of people, the institution, its accounts and platforms, and years.
 * POL-3 (uniqueness) needs the vault and lives in the password-policy service.
 */
export const DEFAULT_MIN_LENGTH = 16;
export const FLOOR_MIN_LENGTH = 12;
export const MIN_MATCH_LENGTH = 4;
export const MIN_SCORE = 4;

export const CHARACTER_CLASSES = ['digit', 'lower', 'upper', 'symbol'] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

export function classOf(char: string): CharacterClass {
  if (/\p{Nd}/u.test(char)) return 'digit';
  if (/\p{Ll}/u.test(char)) return 'lower';
  if (/\p{Lu}/u.test(char)) return 'upper';
  return 'symbol';
}

/** A zxcvbn-ts matcher over the base dictionaries plus the vault's own words, built once per session. */
export type PolicyDictionary = ZxcvbnFactory;

export function createPolicyDictionary(vaultWords: string[]): PolicyDictionary {
  return new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary, vault: [...new Set(vaultWords.map((w) => w.toLowerCase()))] },
    translations: es.translations,
    l33tMaxSubstitutions: 5,
  });
}

/** Words a vault contributes: every word of at least four letters in the given texts, and years. */
export function vaultWords(texts: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of text.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) if ([...word].length >= MIN_MATCH_LENGTH) words.add(word.toLowerCase());
    const compact = text.replace(/[^\p{L}\p{N}]+/gu, '');
    if ([...compact].length >= MIN_MATCH_LENGTH) words.add(compact.toLowerCase());
  }
  for (let year = 1950; year <= 2099; year++) words.add(String(year));
  return [...words];
}

export function checkCharacterRules(password: string, minLength: number): AppError | null {
  const chars = [...password.normalize('NFC')];
  const min = Math.max(minLength, FLOOR_MIN_LENGTH);
  const present = new Set(chars.map(classOf));
  const missing = CHARACTER_CLASSES.filter((c) => !present.has(c));
  if (chars.length < min || missing.length > 0) {
    return { code: 'POLICY_VIOLATION', rule: 'POL-1', details: { reason: chars.length < min ? 'length' : 'classes', length: chars.length, min, missing } };
  }
  return null;
}

interface Match {
  pattern: string;
  token: string;
  dictionaryName?: string;
  regexName?: string;
}

/** Refuses any dictionary or name match of four characters or more, any year, and a score below 4. */
export function checkWordsAndNames(password: string, dictionary: PolicyDictionary): AppError | null {
  const result = dictionary.check(password.normalize('NFC'));
  for (const match of result.sequence as Match[]) {
    if (match.pattern === 'dictionary' && [...match.token].length >= MIN_MATCH_LENGTH) {
      const kind = /^\d{4}$/.test(match.token) ? 'year' : match.dictionaryName === 'vault' || /names/.test(match.dictionaryName ?? '') ? 'name' : 'word';
      return { code: 'POLICY_VIOLATION', rule: 'POL-2', details: { reason: kind, token: match.token } };
    }
    if (match.pattern === 'regex' && match.regexName === 'recentYear') {
      return { code: 'POLICY_VIOLATION', rule: 'POL-2', details: { reason: 'year', token: match.token } };
    }
  }
  if (result.score < MIN_SCORE) return { code: 'POLICY_VIOLATION', rule: 'POL-2', details: { reason: 'guessable', score: result.score } };
  return null;
}

/** POL-1 then POL-2: the first violation, so the person fixes one thing at a time. */
export function checkPasswordRules(password: string, minLength: number, dictionary: PolicyDictionary): AppError | null {
  return checkCharacterRules(password, minLength) ?? checkWordsAndNames(password, dictionary);
}
