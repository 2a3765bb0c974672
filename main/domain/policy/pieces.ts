import { fold, readChar, type Reading } from './fold';
import { MAX_PIECE, type Lexicon } from './lexicon';

/**
 * Every piece of a candidate that is a word or a name, however it is dressed, and how much of the
 * candidate they cover. All matches are kept (not one cheapest decomposition), so a word inside a
 * repeat or beside random letters is still seen.
 */
export type PieceKind = 'vault' | 'name' | 'word' | 'repeat';
export type PieceForm = 'plain' | 'unaccented' | 'leet' | 'reversed';

export interface Piece {
  start: number;
  end: number;
  /** As typed: «N4up4r1». */
  token: string;
  /** As the list writes it: «ñaupari». */
  canonical: string;
  kind: PieceKind;
  form: PieceForm;
  /** Not inside a run of other letters: a digit, symbol, case change or the end on each side. */
  bounded: boolean;
  /** In a frequency list, a name list or the vault: a word people actually use, not only a lexicon entry. */
  common: boolean;
}

export interface Analysis {
  pieces: Piece[];
  /** The best non-overlapping cover by pieces. */
  cover: Piece[];
  /** Characters read as letters: real letters plus the l33t characters the cover uses. */
  letters: number;
  covered: number;
}

/** The vault's own names, folded → as registered. */
export type VaultNames = ReadonlyMap<string, string>;

const MAX_VARIANTS = 32;
const MIN_PIECE = 3;
const MIN_REVERSED = 4;
const SHORT_WORD = 3;
const MIN_LEET = 6;
const MIN_LEET_OWN = 4;
/** Up to this length a l33t piece is mostly real letters; longer ones need a third. */
const SHORT_LEET = 6;
/** Up to this length a piece must be written as people write words: «paz», «Paz», «PAZ», not «pAz» (chance writes those). */
const SHAPED_UP_TO = 7;

function naturalCase(token: string): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '');
  return letters === letters.toLowerCase() || letters === letters.toUpperCase() || /^\p{Lu}[^\p{Lu}]*$/u.test(token.replace(/[^\p{L}]/gu, ''));
}

function isBoundary(chars: string[], readings: Reading[], left: number, right: number): boolean {
  if (left < 0 || right >= chars.length) return true;
  if (!readings[left]!.isLetter || !readings[right]!.isLetter) return true;
  return /\p{Ll}/u.test(chars[left]!) && /\p{Lu}/u.test(chars[right]!);
}

/** `standing`: the piece is a whole segment, where even a rare three-letter word is a choice, not chance. */
function lookup(key: string, vault: VaultNames, lexicon: Lexicon, standing: boolean): { kind: PieceKind; canonical: string } | undefined {
  const own = vault.get(key);
  if (own !== undefined) return { kind: 'vault', canonical: own };
  const name = lexicon.names.get(key);
  if (name !== undefined && key.length >= 4) return { kind: 'name', canonical: name };
  const word = lexicon.words.get(key);
  if (word !== undefined && (key.length > SHORT_WORD || standing || lexicon.common.has(key))) return { kind: 'word', canonical: word };
  if (name !== undefined) return { kind: 'name', canonical: name };
  return undefined;
}

/** The first reading that is a piece: the vault's names first (forwards, then reversed), then the lexicon. */
function readAll(variants: string[], length: number, vault: VaultNames, lexicon: Lexicon, standing: boolean) {
  const none = new Map<string, string>();
  for (const [names, words] of [[vault, { ...lexicon, words: none, names: none }], [none, lexicon]] as const) {
    for (const variant of variants) {
      const found = lookup(variant, names, words, standing);
      if (found) return { found, reversed: false };
      const reversed = [...variant].reverse().join('');
      const back = reversed !== variant && (length >= MIN_REVERSED || vault.has(reversed)) ? lookup(reversed, names, words, standing) : undefined;
      if (back) return { found: back, reversed: true };
    }
  }
  return undefined;
}

export function findPieces(password: string, vault: VaultNames, lexicon: Lexicon): Piece[] {
  const chars = [...password.normalize('NFC')];
  const readings = chars.map(readChar);
  const pieces: Piece[] = [];
  const push = (start: number, end: number, found: { kind: PieceKind; canonical: string }, reversed: boolean) => {
    const token = chars.slice(start, end).join('');
    const shaped = naturalCase(token) || (reversed && naturalCase([...token].reverse().join('')));
    // The vault's own names keep their registered shape too («TikTok»).
    if (end - start <= SHAPED_UP_TO && found.kind !== 'repeat' && !shaped && !(found.kind === 'vault' && end - start > SHORT_WORD)) return;
    const leet = readings.slice(start, end).some((r) => !r.isLetter);
    // Short l33t readings are what chance makes of random characters («m4t@», «N6c»).
    const realLetters = readings.slice(start, end).filter((r) => r.isLetter).length;
    const size = end - start;
    const fewLetters = found.kind !== 'vault' && size <= SHORT_LEET ? realLetters * 2 <= size : realLetters * 3 < size;
    if (leet && (size < (found.kind === 'vault' ? MIN_LEET_OWN : MIN_LEET) || fewLetters)) return;
    const canonicalLower = found.canonical.toLowerCase();
    // Written without its accents: the piece lacks marks its canonical form has (case alone is not a disguise).
    const unaccented = !leet && fold(found.canonical) !== canonicalLower && token.toLowerCase() !== canonicalLower;
    const form: PieceForm = leet ? 'leet' : reversed ? 'reversed' : unaccented ? 'unaccented' : 'plain';
    pieces.push({ start, end, token, canonical: found.canonical, kind: found.kind, form, bounded: isBoundary(chars, readings, start - 1, end), common: found.kind !== 'word' || lexicon.common.has(fold(found.canonical)) });
  };
  for (let start = 0; start < chars.length; start++) {
    let variants = [''];
    let letters = 0;
    for (let end = start + 1; end <= Math.min(chars.length, start + MAX_PIECE); end++) {
      const reading = readings[end - 1]!;
      if (reading.letters.length === 0) break;
      if (reading.isLetter) letters++;
      const options = variants.length * reading.letters.length > MAX_VARIANTS ? reading.letters.slice(0, 1) : reading.letters;
      variants = variants.flatMap((v) => options.map((l) => v + l));
      const length = end - start;
      // A run of look-alike symbols is not a word written in l33t: at least a third of a piece is real letters.
      if (length < MIN_PIECE || letters * 3 < length || !readings[start]!.isLetter && !readings[end - 1]!.isLetter) continue;
      const standing = isBoundary(chars, readings, start - 1, end);
      const match = readAll(variants, length, vault, lexicon, standing);
      if (match) push(start, end, match.found, match.reversed);
    }
  }
  // Repeats: «Oooooooo», «aaaa»: a letter three times or more in a row.
  for (let start = 0; start < chars.length; ) {
    const letter = readings[start]!.letters[0];
    let end = start + 1;
    while (letter !== undefined && end < chars.length && readings[end]!.letters.includes(letter)) end++;
    if (letter !== undefined && end - start >= MIN_PIECE) push(start, end, { kind: 'repeat', canonical: letter.repeat(end - start) }, false);
    start = end;
  }
  return pieces;
}

/** The cover that reads the most characters as pieces (ties: fewer pieces), by dynamic programming. */
export function analyse(password: string, vault: VaultNames, lexicon: Lexicon): Analysis {
  const chars = [...password.normalize('NFC')];
  const readings = chars.map(readChar);
  const pieces = findPieces(password, vault, lexicon);
  const byStart: Piece[][] = chars.map(() => []);
  for (const piece of pieces) byStart[piece.start]!.push(piece);
  const best: { covered: number; count: number; last?: Piece; from: number }[] = [{ covered: 0, count: 0, from: -1 }];
  for (let i = 1; i <= chars.length; i++) best.push({ covered: -1, count: 0, from: -1 });
  for (let i = 0; i < chars.length; i++) {
    const here = best[i]!;
    const skip = best[i + 1]!;
    if (here.covered > skip.covered || (here.covered === skip.covered && here.count < skip.count)) best[i + 1] = { covered: here.covered, count: here.count, from: i };
    for (const piece of byStart[i]!) {
      const next = best[piece.end]!;
      const covered = here.covered + piece.end - piece.start;
      if (covered > next.covered || (covered === next.covered && here.count + 1 < next.count)) best[piece.end] = { covered, count: here.count + 1, last: piece, from: i };
    }
  }
  const cover: Piece[] = [];
  for (let i = chars.length; i > 0; ) {
    const step = best[i]!;
    if (step.last && step.last.end === i && step.from === step.last.start) cover.unshift(step.last);
    i = step.from;
  }
  const covered = best[chars.length]!.covered;
  const inCover = new Set(cover.flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k)));
  const uncoveredLetters = readings.filter((r, i) => r.isLetter && !inCover.has(i)).length;
  return { pieces, cover, letters: covered + uncoveredLetters, covered };
}
