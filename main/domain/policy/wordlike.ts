import type { Reading } from './fold';
import { EDGE, SPAN, SYMBOLS, type LetterModel } from './lexicon';

/**
 * Words the lists lack. A lexicon never holds every word: about 7 % of the long words of Debian's
 * Spanish list (archaic and derived forms: «hollejuelo», «toquilo», «fablador») are in neither
 * package. They still read like Spanish or English, and random characters do not: a letter model
 * (4-grams over the lexicon's words, with word edges) scores how much likelier a run of letters is
 * as a word than as letters drawn at random. Only a run written as people write a word is scored
 * (starting a segment on a real letter, in natural case, at least a third real letters, seven or
 * more long), and only a clear margin counts (5 bits). Measured on the corpora of
 * test/bench/policy-precision.ts: about 0.05 % of random passwords flagged. Of Debian's 7–10-letter
 * Spanish words that the lexicon lacks (~3,100), the policy as a whole refuses ~99 % written plainly
 * and ~95 % in l33t (this reading does most of it).
 */
export const MIN_WORDLIKE = 7;
export const MAX_WORDLIKE = 18;
/** Bits by which the word reading must beat chance (log-likelihood ratio of ^letters$). */
export const WORDLIKE_BITS = 5;
/** Smoothing of the model: how many unseen continuations each context is assumed to have, per symbol. */
const SMOOTHING = 3;
const MAX_READINGS = 16;
const UNIFORM = Math.log2(SYMBOLS);

/** log2 P(symbol | the symbols before), against log2 of chance (1/27). `known` symbols of context exist. */
function gain(model: LetterModel, history: number, known: number, symbol: number): number {
  const counts = model.counts;
  let p = 1 / SYMBOLS;
  const total = counts[0]![0]!;
  for (let n = 1; n <= 4; n++) {
    if (n - 1 > known) break;
    const context = history % SPAN[(n - 1) as 0 | 1 | 2 | 3];
    const seen = n === 1 ? total : counts[n - 1]![context]!;
    if (!seen) break;
    const weight = seen / (seen + SMOOTHING * SYMBOLS);
    p = (weight * counts[n]![context * SYMBOLS + symbol]!) / seen + (1 - weight) * p;
  }
  return Math.log2(p) + UNIFORM;
}

export interface Wordlike {
  start: number;
  end: number;
  reading: string;
  bits: number;
}

/** Natural case: «toquilo», «Toquilo», «TOQUILO»; not «toQuiLo», which is what chance writes. */
export function naturalCase(token: string): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '');
  return letters === letters.toLowerCase() || letters === letters.toUpperCase() || /^\p{Lu}[^\p{Lu}]*$/u.test(letters);
}

export function segmentStart(chars: readonly string[], readings: readonly Reading[], at: number): boolean {
  if (at === 0 || readings[at - 1]!.letters.length === 0) return true;
  return /\p{Ll}/u.test(chars[at - 1]!) && /\p{Lu}/u.test(chars[at]!);
}

interface Path {
  reading: string;
  history: number;
  bits: number;
}

/** The best-scoring word-like run starting at each segment start, when it clears the margin. */
export function findWordlike(chars: readonly string[], readings: readonly Reading[], model: LetterModel): Wordlike[] {
  if (model.counts.length === 0 || model.counts[0]![0] === 0) return [];
  const found: Wordlike[] = [];
  for (let start = 0; start < chars.length; start++) {
    if (!readings[start]!.isLetter || !segmentStart(chars, readings, start)) continue;
    let paths: Path[] = [{ reading: '', history: EDGE, bits: 0 }];
    let real = 0;
    let best: Wordlike | undefined;
    for (let end = start + 1; end <= Math.min(chars.length, start + MAX_WORDLIKE); end++) {
      const reading = readings[end - 1]!;
      if (reading.letters.length === 0) break;
      if (reading.isLetter) real++;
      const known = end - start;
      const next: Path[] = [];
      for (const path of paths) {
        for (const letter of reading.letters) {
          if (next.length >= MAX_READINGS) break;
          const symbol = letter.charCodeAt(0) - 96;
          next.push({
            reading: path.reading + letter,
            history: (path.history * SYMBOLS + symbol) % SPAN[4],
            bits: path.bits + gain(model, path.history, known, symbol),
          });
        }
      }
      paths = next;
      const size = end - start;
      if (size < MIN_WORDLIKE || real * 3 < size || !naturalCase(chars.slice(start, end).join(''))) continue;
      for (const path of paths) {
        const bits = path.bits + gain(model, path.history, known + 1, EDGE);
        if (bits >= WORDLIKE_BITS && (!best || bits > best.bits)) best = { start, end, reading: path.reading, bits };
      }
    }
    if (best) found.push(best);
  }
  return found;
}
