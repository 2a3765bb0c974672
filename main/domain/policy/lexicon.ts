import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import { ANDEAN_NAMES } from './andean-names';
import { fold } from './fold';

/**
 * A lexicon, not a frequency list: every Spanish and English word of `an-array-of-spanish-words`
 * (~636,000) and `an-array-of-english-words` (~275,000), folded (case, accents), plus people's
 * names (zxcvbn-ts's Spanish first and last names, its English first names, and ANDEAN_NAMES).
 * Built once per process on first use (~1 s, ~120 MB), never at unlock. main/domain stays pure:
 * whoever runs the policy provides the lists (the password-policy service reads the packages).
 */
export interface WordLists {
  spanish: readonly string[];
  english: readonly string[];
}
export interface Lexicon {
  /** folded word → its written form when that has accents (to say «escrita sin tilde»), else the word. */
  words: Map<string, string>;
  /** folded name → the name as written in its list. */
  names: Map<string, string>;
  /** Folded words of the frequency lists: the only three-letter words that count (most three-letter strings are some word). */
  common: Set<string>;
}

export const MAX_PIECE = 24;

let loaded: Lexicon | undefined;
let source: (() => WordLists) | undefined;

/** Registers how to read the word lists; the lexicon is built from them on the first check. */
export function provideWordLists(load: () => WordLists): void {
  source = load;
  loaded = undefined;
}

function add(map: Map<string, string>, written: string, minLength: number): void {
  const key = fold(written);
  if (key.length < minLength || key.length > MAX_PIECE || !/^[a-z]+$/.test(key)) return;
  const known = map.get(key);
  if (known === undefined || (known === key && written !== key)) map.set(key, written === key.toLowerCase() ? key : written.toLowerCase());
}

export function lexicon(): Lexicon {
  if (loaded) return loaded;
  if (!source) throw new Error('POL-2 needs its word lists: call provideWordLists first');
  const { spanish, english } = source();
  const words = new Map<string, string>();
  for (const list of [spanish, english]) for (const word of list) add(words, word, 3);
  // The lexicon packages write Spanish without accents; these lists give the accented forms back.
  for (const word of [...(es.dictionary['commonWords-es-es'] ?? []), ...(es.dictionary['wikipedia-es-es'] ?? [])]) add(words, word, 3);
  // Keyboard walks and the like («qwertyuiop») are words to a guesser too.
  for (const password of zxcvbnCommon.dictionary['passwords-common'] ?? []) add(words, password, 5);
  const names = new Map<string, string>();
  for (const name of [...(es.dictionary['firstnames-es-es'] ?? []), ...(es.dictionary['lastnames-es-es'] ?? []), ...(en.dictionary['firstnames-en'] ?? []), ...ANDEAN_NAMES]) add(names, name, 3);
  const common = new Set<string>();
  for (const key of ['commonWords-es-es', 'wikipedia-es-es'] as const) for (const word of es.dictionary[key] ?? []) common.add(fold(word));
  for (const key of ['commonWords-en', 'wikipedia-en'] as const) for (const word of en.dictionary[key] ?? []) common.add(fold(word));
  loaded = { words, names, common };
  return loaded;
}
