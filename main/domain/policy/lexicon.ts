import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import { ANDEAN_NAMES } from './andean-names';
import { fold } from './fold';

/**
 * A lexicon, not a frequency list: every Spanish and English word of `an-array-of-spanish-words`
 * (~636,000) and `an-array-of-english-words` (~275,000), folded (case, accents), plus people's
 * names (zxcvbn-ts's Spanish first and last names, its English first names, and ANDEAN_NAMES).
 *
 * Stored compactly: the folded entries sorted in one byte array (~10 MB, a-z only) with their
 * offsets and a flag byte each, instead of a Map of ~930,000 strings (~120 MB). A lookup walks a
 * prefix down the sorted array (two binary searches per letter), so a piece that no entry starts
 * with is abandoned at its first impossible letter. The same pass trains a letter model (4-grams)
 * that tells a word the lists lack from random letters (policy/wordlike.ts).
 *
 * main/domain stays pure: whoever runs the policy reads the word lists and passes them in, and
 * passes the built Lexicon to createPolicyDictionary; nothing here is process-wide.
 */
export interface WordLists {
  spanish: Iterable<string>;
  english: Iterable<string>;
}

export const MAX_PIECE = 24;
export const MIN_ENTRY = 3;

export const WORD = 1;
export const NAME = 2;
/** In a frequency list or a name list: a word people actually use, not only a lexicon entry. */
export const COMMON = 4;
/** One of the vault's own names. */
export const VAULT = 8;

/** Letters a-z are 1..26; 0 marks the edge of a word in the letter model. */
const EDGE = 0;
const SYMBOLS = 27;
const code = (letter: string) => letter.charCodeAt(0) - 96;
/** 27 ** n */
export const SPAN = [1, 27, 729, 19683, 531441] as const;

/** Counts of letter n-grams (n = 1..4) over the lexicon's words, with word edges. */
export class LetterModel {
  static readonly ORDER = 4;
  /** counts[n] is indexed by the n symbols in base 27. */
  readonly counts: Uint32Array[];

  constructor(counts?: Uint32Array[]) {
    this.counts = counts ?? SPAN.map((span) => new Uint32Array(span));
  }

  train(word: Uint8Array, start: number, end: number): void {
    const [, c1, c2, c3, c4] = this.counts as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    // ^word$: the n-grams ending at each symbol, from the edge before the word to the edge after it.
    let g1 = EDGE;
    let g2 = -1;
    let g3 = -1;
    c1[EDGE]!++;
    for (let i = start; i <= end; i++) {
      const symbol = i < end ? word[i]! - 96 : EDGE;
      const n4 = g3 < 0 ? -1 : g3 * SYMBOLS + symbol;
      const n3 = g2 < 0 ? -1 : g2 * SYMBOLS + symbol;
      const n2 = g1 * SYMBOLS + symbol;
      c1[symbol]!++;
      c2[n2]!++;
      if (n3 >= 0) c3[n3]!++;
      if (n4 >= 0) c4[n4]!++;
      g3 = n3;
      g2 = n2;
      g1 = symbol;
    }
    this.counts[0]![0]! += end - start + 2;
  }
}

/** The lexicon packed: entries sorted, `text` holds them back to back, `offsets[i]..offsets[i+1]` is entry i. */
export class Lexicon {
  constructor(
    readonly text: Uint8Array,
    readonly offsets: Uint32Array,
    readonly flags: Uint8Array,
    /** folded → written form, only where they differ: «projimo» → «prójimo». */
    readonly forms: ReadonlyMap<string, string>,
    /** folded name → the name as its list writes it, where that differs from the folded word. */
    readonly nameForms: ReadonlyMap<string, string>,
    readonly model: LetterModel,
  ) {}

  get size(): number {
    return this.flags.length;
  }

  /** Bytes held: the figure the bench reports. */
  get bytes(): number {
    return this.text.byteLength + this.offsets.byteLength + this.flags.byteLength + this.model.counts.reduce((n, c) => n + c.byteLength, 0);
  }

  /**
   * The first entry in [lo, hi) whose letter at `depth` is at least `letter`; all entries in the
   * range share their first `depth` letters, and an entry that ends there sorts first.
   */
  lowerBound(lo: number, hi: number, depth: number, letter: number): number {
    const { text, offsets } = this;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = offsets[mid]! + depth;
      const c = at < offsets[mid + 1]! ? text[at]! : -1;
      if (c < letter) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entry that is exactly the shared prefix of [lo, hi) at this depth, or -1. */
  exact(lo: number, hi: number, depth: number): number {
    return lo < hi && this.offsets[lo + 1]! - this.offsets[lo]! === depth ? lo : -1;
  }

  entry(index: number): string {
    let out = '';
    for (let i = this.offsets[index]!; i < this.offsets[index + 1]!; i++) out += String.fromCharCode(this.text[i]!);
    return out;
  }

  /** The flags of a folded key, 0 when it is not an entry. */
  lookup(key: string): number {
    let lo = 0;
    let hi = this.size;
    for (let d = 0; d < key.length && lo < hi; d++) {
      const c = key.charCodeAt(d);
      lo = this.lowerBound(lo, hi, d, c);
      hi = this.lowerBound(lo, hi, d, c + 1);
    }
    const found = this.exact(lo, hi, key.length);
    return found < 0 ? 0 : this.flags[found]!;
  }

  /** How the lists write a word: with its accents when they have them. */
  wordForm(key: string): string {
    return this.forms.get(key) ?? key;
  }

  nameForm(key: string): string {
    return this.nameForms.get(key) ?? this.forms.get(key) ?? key;
  }
}

function isAsciiLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Folds a written entry to a-z, or undefined when it is too short, too long or not letters. */
function keyOf(written: string, minLength: number): string | undefined {
  const key = isAsciiLower(written) ? written : fold(written);
  return key.length >= minLength && key.length <= MAX_PIECE && isAsciiLower(key) ? key : undefined;
}

/** Sorted folded keys with the flags the lists give them: one number when the whole run shares it. */
interface Run {
  keys: string[];
  flags: number | number[];
}

const flagAt = (run: Run, i: number) => (typeof run.flags === 'number' ? run.flags : run.flags[i]!);

/** Sorts in steps: pieces of `chunk` keys with the built-in sort, then merged pairwise, yielding as it goes. */
function* sortInSteps(keys: string[], chunk: number): Generator<void, string[]> {
  let pieces: string[][] = [];
  for (let i = 0; i < keys.length; i += chunk) {
    pieces.push(keys.slice(i, i + chunk).sort());
    yield;
  }
  while (pieces.length > 1) {
    const next: string[][] = [];
    for (let i = 0; i < pieces.length; i += 2) {
      const a = pieces[i]!;
      const b = pieces[i + 1];
      if (!b) {
        next.push(a);
        continue;
      }
      const out: string[] = [];
      let x = 0;
      let y = 0;
      while (x < a.length || y < b.length) {
        out.push(y >= b.length || (x < a.length && a[x]! <= b[y]!) ? a[x++]! : b[y++]!);
        if (out.length % chunk === 0) yield;
      }
      next.push(out);
    }
    pieces = next;
  }
  return pieces[0] ?? [];
}

/** Two runs as one; a key in both, or twice in one, is one key with all its flags. */
function* mergeRuns(a: Run, b: Run, chunk: number): Generator<void, Run> {
  const keys: string[] = [];
  const flags: number[] = [];
  let x = 0;
  let y = 0;
  while (x < a.keys.length || y < b.keys.length) {
    const ka = a.keys[x];
    const kb = b.keys[y];
    const fromA = kb === undefined || (ka !== undefined && ka <= kb);
    const key = fromA ? ka! : kb;
    const flag = fromA ? flagAt(a, x++) : flagAt(b, y++);
    if (keys.length > 0 && keys[keys.length - 1] === key) flags[flags.length - 1]! |= flag;
    else {
      keys.push(key);
      flags.push(flag);
      if (keys.length % chunk === 0) yield;
    }
  }
  return { keys, flags };
}

/**
 * Folds a list into a sorted run, yielding as it goes; `forms` learns the written forms that
 * differ. Keys that come in order stay in order; the rest (a package's accented words, or a
 * frequency list's every word) are sorted apart in steps and merged in.
 */
function* runOf(
  list: Iterable<string>,
  flag: number,
  minLength: number,
  chunk: number,
  forms?: Map<string, string>,
  plain?: Set<string>,
): Generator<void, Run> {
  const inOrder: string[] = [];
  const stray: string[] = [];
  let n = 0;
  for (const written of list) {
    if (++n % chunk === 0) yield;
    const key = keyOf(written, minLength);
    if (key === undefined) continue;
    if (plain && key === written) plain.add(key);
    if (forms && key !== written) {
      const lower = written.toLowerCase();
      if (lower !== key && !forms.has(key)) forms.set(key, lower);
    }
    if (inOrder.length === 0 || inOrder[inOrder.length - 1]! < key) inOrder.push(key);
    else stray.push(key);
  }
  // In order, the keys are already unique; the strays may repeat, which the merge joins.
  if (stray.length === 0) return { keys: inOrder, flags: flag };
  const sorted = yield* sortInSteps(stray, chunk);
  yield;
  return yield* mergeRuns({ keys: inOrder, flags: flag }, { keys: sorted, flags: flag }, chunk);
}

/**
 * Builds the packed lexicon in small steps, yielding between them, so that a caller can spread
 * the work over the event loop (the service does, after unlock: no step holds the thread long)
 * or drain it at once (buildLexicon). Each list becomes a sorted run, the runs are merged
 * pairwise (a key in several lists gets all their flags), then packed and the letter model trained.
 */
export function* lexiconSteps(lists: WordLists, extraNames: readonly string[] = ANDEAN_NAMES, chunk = 2048): Generator<void, Lexicon> {
  const forms = new Map<string, string>();
  const nameForms = new Map<string, string>();
  /** Words a list that writes accents also writes without: «pie» beside «pié», «mas» beside «más». */
  const plain = new Set<string>();
  let runs: Run[] = [
    yield* runOf(lists.spanish, WORD, MIN_ENTRY, chunk, forms),
    yield* runOf(lists.english, WORD, MIN_ENTRY, chunk, forms),
    // The lexicon packages write Spanish without accents; zxcvbn-ts's Spanish lists give the accented forms back.
    yield* runOf(es.dictionary['commonWords-es-es'] ?? [], WORD | COMMON, MIN_ENTRY, chunk, forms, plain),
    yield* runOf(es.dictionary['wikipedia-es-es'] ?? [], WORD | COMMON, MIN_ENTRY, chunk, forms, plain),
    yield* runOf(en.dictionary['commonWords-en'] ?? [], COMMON, MIN_ENTRY, chunk),
    yield* runOf(en.dictionary['wikipedia-en'] ?? [], COMMON, MIN_ENTRY, chunk),
    // Keyboard walks and the like («qwertyuiop») are words to a guesser too.
    yield* runOf(zxcvbnCommon.dictionary['passwords-common'] ?? [], WORD, 5, chunk),
    yield* runOf(
      [...(es.dictionary['firstnames-es-es'] ?? []), ...(es.dictionary['lastnames-es-es'] ?? []), ...(en.dictionary['firstnames-en'] ?? []), ...extraNames],
      NAME,
      MIN_ENTRY,
      chunk,
      nameForms,
    ),
  ];
  // Written without accents, those are words as they stand, not «escrita sin tilde» («pie», «mas»);
  // an ñ is a letter of its own, not an accent («nino» is not «niño»).
  for (const key of plain) if (!forms.get(key)?.includes('ñ')) forms.delete(key);
  // Smallest first, so each key is copied few times.
  while (runs.length > 1) {
    runs.sort((a, b) => a.keys.length - b.keys.length);
    const [a, b, ...rest] = runs;
    runs = [...rest, yield* mergeRuns(a!, b!, chunk)];
  }
  const last = runs[0]!;
  const keys = last.keys;
  runs = [];

  let bytes = 0;
  for (let k = 0; k < keys.length; k++) {
    bytes += keys[k]!.length;
    if (k % (chunk * 16) === 0) yield;
  }
  const offsets = new Uint32Array(keys.length + 1);
  const flags = new Uint8Array(keys.length);
  const text = new Uint8Array(bytes);
  const model = new LetterModel();
  let at = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    offsets[k] = at;
    for (let i = 0; i < key.length; i++) text[at++] = key.charCodeAt(i);
    flags[k] = flagAt(last, k);
    // The letter model learns from words only: names and common passwords are not how words are spelled.
    if (flags[k]! & WORD) model.train(text, offsets[k]!, at);
    if (k % chunk === 0) yield;
  }
  offsets[keys.length] = at;
  return new Lexicon(text, offsets, flags, forms, nameForms, model);
}

/** The whole build at once (tests, benches, and the service when a check arrives before the sliced build ends). */
export function buildLexicon(lists: WordLists, extraNames?: readonly string[]): Lexicon {
  const steps = lexiconSteps(lists, extraNames);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A small lexicon of the vault's own names: folded → as registered. */
export function vaultLexicon(names: ReadonlyMap<string, string>): Lexicon {
  const keys = [...names.keys()].filter((k) => k.length >= MIN_ENTRY && k.length <= MAX_PIECE && /^[a-z]+$/.test(k)).sort();
  const offsets = new Uint32Array(keys.length + 1);
  const text = new Uint8Array(keys.reduce((n, k) => n + k.length, 0));
  let at = 0;
  keys.forEach((key, i) => {
    offsets[i] = at;
    for (let j = 0; j < key.length; j++) text[at++] = key.charCodeAt(j);
  });
  offsets[keys.length] = at;
  const forms = new Map(keys.map((k) => [k, names.get(k)!] as const));
  return new Lexicon(text, offsets, new Uint8Array(keys.length).fill(VAULT), forms, forms, new LetterModel([]));
}

export { code as letterCode, EDGE, SYMBOLS };
