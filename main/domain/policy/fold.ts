/**
 * How people dress a word: accents dropped, letters swapped for look-alike digits and symbols (l33t),
 * any case. Folding undoes all three so one lookup finds «Prójimo», «projimo» and «Pr0j1m0».
 */

/** Lower case without diacritics: «Ñaupari» → «naupari», «Unificación» → «unificacion». */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return /[^a-z]/.test(lower) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

/** The letters a digit or symbol can stand for; a character not listed is not l33t. */
export const LEET: Readonly<Record<string, readonly string[]>> = {
  '4': ['a'],
  '@': ['a'],
  '3': ['e'],
  '1': ['i', 'l'],
  '!': ['i', 'l'],
  '|': ['l', 'i'],
  '0': ['o'],
  '5': ['s'],
  $: ['s'],
  '7': ['t'],
  '+': ['t'],
  '9': ['g'],
  '6': ['g', 'b'],
  '8': ['b'],
  '2': ['z'],
  '€': ['e'],
  '(': ['c'],
  '<': ['c'],
};

/** What one character of a candidate can be read as: itself (a letter), l33t letters, or nothing (a separator). */
export interface Reading {
  letters: readonly string[];
  /** A real letter, as opposed to a digit or symbol read as one. */
  isLetter: boolean;
}

export function readChar(char: string): Reading {
  if (/\p{L}/u.test(char)) {
    const folded = fold(char);
    return { letters: folded.length === 1 && /[a-z]/.test(folded) ? [folded] : [], isLetter: true };
  }
  return { letters: LEET[char] ?? [], isLetter: false };
}
