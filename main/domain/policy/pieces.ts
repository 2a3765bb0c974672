import { fold, readChar, type Reading } from './fold';
import { COMMON, MAX_PIECE, NAME, WORD, type Lexicon } from './lexicon';
import { findWordlike, naturalCase, segmentStart } from './wordlike';

/**
 * Every piece of a candidate that is a word or a name, however it is dressed, and how much of the
 * candidate they cover. All matches are kept (not one cheapest decomposition), so a word inside a
 * repeat or beside random letters is still seen.
 */
export type PieceKind = 'vault' | 'name' | 'word' | 'wordlike' | 'repeat';
export type PieceForm = 'plain' | 'unaccented' | 'leet' | 'reversed';

export interface Piece {
  start: number;
  end: number;
  /** As typed: «N4up4r1». */
  token: string;
  /** As the list writes it: «ñaupari»; for a word-like piece, the letters it reads as. */
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

/** The vault's own names, packed like the lexicon (policy/lexicon.ts vaultLexicon). */
export type VaultNames = Lexicon;

const MAX_WALKS = 64;
const MIN_PIECE = 3;
const MIN_REVERSED = 4;
const SHORT_WORD = 3;
const MIN_LEET_OWN = 4;
/** A l33t word of the lexicon: six characters or more, and enough of them real letters (below). */
const MIN_LEET = 6;
/** Up to this length a piece must be written as people write words: «paz», «Paz», «PAZ», not «pAz» (chance writes those). */
const SHAPED_UP_TO = 7;

/**
 * A piece stands on its own when each edge is the end of the candidate, a character that is not a
 * letter, or a change from lower to upper case across the edge («Ines|Huarcaya»). Two letters of
 * the same case run on: «pu|paz» is inside a run of letters.
 */
function isBoundary(chars: string[], readings: Reading[], start: number, end: number): boolean {
  const lower = (i: number) => /\p{Ll}/u.test(chars[i]!);
  const upper = (i: number) => /\p{Lu}/u.test(chars[i]!);
  const left = start === 0 || !readings[start - 1]!.isLetter || (lower(start - 1) && upper(start));
  const right = end >= chars.length || !readings[end]!.isLetter || (lower(end - 1) && upper(end));
  return left && right;
}

/**
 * How many real letters a l33t lexicon word needs: random characters read as short l33t words
 * («m4t@», «7Ap0ne»), people's l33t keeps some letters. Seven or more: two real letters; six: three, or
 * two when it starts a segment on a real letter (a capital after a symbol, as people begin a word).
 */
function enoughLetters(size: number, real: number, startsSegment: boolean): boolean {
  if (size >= 7) return real >= 2;
  return real >= 3 || (startsSegment && real >= 2);
}

/** One reading of the characters from a start: its letters and where it stands in both lexicons. */
interface Walk {
  text: string;
  lo: number;
  hi: number;
  vlo: number;
  vhi: number;
}

interface Found {
  kind: PieceKind;
  canonical: string;
}

/** The vault's own name the walk has reached, if it ends here. */
function vaultMatch(walk: Walk, depth: number, vault: VaultNames): Found | undefined {
  const at = vault.exact(walk.vlo, walk.vhi, depth);
  return at < 0 ? undefined : { kind: 'vault', canonical: vault.wordForm(walk.text) };
}

/** `standing`: the piece is a whole segment, where even a rare three-letter word is a choice, not chance. */
function lexiconMatch(walk: Walk, depth: number, lexicon: Lexicon, standing: boolean): Found | undefined {
  const at = lexicon.exact(walk.lo, walk.hi, depth);
  if (at < 0) return undefined;
  const flags = lexicon.flags[at]!;
  if (flags & NAME && depth >= 4) return { kind: 'name', canonical: lexicon.nameForm(walk.text) };
  if (flags & WORD && (depth > SHORT_WORD || standing || flags & COMMON)) return { kind: 'word', canonical: lexicon.wordForm(walk.text) };
  if (flags & NAME) return { kind: 'name', canonical: lexicon.nameForm(walk.text) };
  return undefined;
}

/** Extends every live reading by one character's letters; readings no entry starts with are dropped. */
function extend(walks: Walk[], letters: readonly string[], depth: number, vault: VaultNames, lexicon: Lexicon): Walk[] {
  const next: Walk[] = [];
  for (const walk of walks) {
    for (const letter of letters) {
      if (next.length >= MAX_WALKS) return next;
      const c = letter.charCodeAt(0);
      let lo = walk.lo;
      let hi = walk.hi;
      if (lo < hi) {
        lo = lexicon.lowerBound(lo, hi, depth, c);
        hi = lexicon.lowerBound(lo, hi, depth, c + 1);
      }
      let vlo = walk.vlo;
      let vhi = walk.vhi;
      if (vlo < vhi) {
        vlo = vault.lowerBound(vlo, vhi, depth, c);
        vhi = vault.lowerBound(vlo, vhi, depth, c + 1);
      }
      if (lo < hi || vlo < vhi) next.push({ text: walk.text + letter, lo, hi, vlo, vhi });
    }
  }
  return next;
}

interface Matches {
  forward?: Found;
  reversed?: Found;
  forwardOwn?: Found;
  reversedOwn?: Found;
}

export function findPieces(password: string, vault: VaultNames, lexicon: Lexicon): Piece[] {
  const chars = [...password.normalize('NFC')];
  const readings = chars.map(readChar);
  const pieces: Piece[] = [];
  const push = (start: number, end: number, found: Found, reversed: boolean) => {
    const token = chars.slice(start, end).join('');
    const size = end - start;
    const shaped = naturalCase(token) || (reversed && naturalCase([...token].reverse().join('')));
    // The vault's own names keep their registered shape too («TikTok»).
    if (size <= SHAPED_UP_TO && found.kind !== 'repeat' && !shaped && !(found.kind === 'vault' && size > SHORT_WORD)) return;
    const real = readings.slice(start, end).filter((r) => r.isLetter).length;
    const leet = real < size;
    if (leet) {
      if (found.kind === 'vault') {
        if (size < MIN_LEET_OWN || real * 3 < size) return;
      } else if (reversed || size < MIN_LEET || !enoughLetters(size, real, readings[start]!.isLetter && segmentStart(chars, readings, start))) {
        // Reversed and in l33t at once is how chance reads random characters, not how people write words.
        return;
      }
    }
    const canonicalLower = found.canonical.toLowerCase();
    // Written without its accents: the piece lacks marks its canonical form has (case alone is not a disguise).
    const unaccented = !leet && fold(found.canonical) !== canonicalLower && token.toLowerCase() !== canonicalLower;
    const form: PieceForm = leet ? 'leet' : reversed ? 'reversed' : unaccented ? 'unaccented' : 'plain';
    const common = found.kind !== 'word' || (lexicon.lookup(fold(found.canonical)) & COMMON) !== 0;
    pieces.push({ start, end, token, canonical: found.canonical, kind: found.kind, form, bounded: isBoundary(chars, readings, start, end), common });
  };
  const eligible = (start: number, end: number) => end - start >= MIN_PIECE && (readings[start]!.isLetter || readings[end - 1]!.isLetter);

  // Every window read forwards and backwards, walking the sorted lexicons letter by letter.
  const matches = new Map<number, Matches>();
  const at = (start: number, end: number) => {
    const key = start * 256 + end;
    let m = matches.get(key);
    if (!m) matches.set(key, (m = {}));
    return m;
  };
  const root = (): Walk[] => [{ text: '', lo: 0, hi: lexicon.size, vlo: 0, vhi: vault.size }];
  for (let start = 0; start < chars.length; start++) {
    let walks = root();
    for (let end = start + 1; end <= Math.min(chars.length, start + MAX_PIECE) && walks.length > 0; end++) {
      const reading = readings[end - 1]!;
      if (reading.letters.length === 0) break;
      const depth = end - start;
      walks = extend(walks, reading.letters, depth - 1, vault, lexicon);
      if (!eligible(start, end)) continue;
      const standing = isBoundary(chars, readings, start, end);
      for (const walk of walks) {
        const m = at(start, end);
        m.forwardOwn ??= vaultMatch(walk, depth, vault);
        m.forward ??= lexiconMatch(walk, depth, lexicon, standing);
      }
    }
  }
  for (let end = chars.length; end > 0; end--) {
    let walks = root();
    for (let start = end - 1; start >= Math.max(0, end - MAX_PIECE) && walks.length > 0; start--) {
      const reading = readings[start]!;
      if (reading.letters.length === 0) break;
      const depth = end - start;
      walks = extend(walks, reading.letters, depth - 1, vault, lexicon);
      if (!eligible(start, end)) continue;
      const standing = isBoundary(chars, readings, start, end);
      for (const walk of walks) {
        const m = at(start, end);
        m.reversedOwn ??= vaultMatch(walk, depth, vault);
        if (depth >= MIN_REVERSED) m.reversed ??= lexiconMatch(walk, depth, lexicon, standing);
      }
    }
  }
  const windows = [...matches.entries()].sort((a, b) => a[0] - b[0]);
  for (const [key, m] of windows) {
    const start = Math.floor(key / 256);
    const end = key % 256;
    // A palindrome read backwards is the same reading: only the forward one is reported.
    if (m.forwardOwn) push(start, end, m.forwardOwn, false);
    else if (m.reversedOwn) push(start, end, m.reversedOwn, true);
    else if (m.forward) push(start, end, m.forward, false);
    else if (m.reversed) push(start, end, m.reversed, true);
  }

  // Repeats: «Oooooooo», «aaaa»: a letter three times or more in a row.
  for (let start = 0; start < chars.length;) {
    const letter = readings[start]!.letters[0];
    let end = start + 1;
    while (letter !== undefined && end < chars.length && readings[end]!.letters.includes(letter)) end++;
    if (letter !== undefined && end - start >= MIN_PIECE) push(start, end, { kind: 'repeat', canonical: letter.repeat(end - start) }, false);
    start = end;
  }
  // Words the lists lack, which still read as a word: «T0qu1l0» (toquilo).
  for (const w of findWordlike(chars, readings, lexicon.model)) {
    // Inside a longer piece, or a letter repeated («aaaaaaa» reads as a word to the letter model too).
    if (pieces.some((p) => (p.start <= w.start && p.end >= w.end) || (p.kind === 'repeat' && p.start < w.end && w.start < p.end))) continue;
    const token = chars.slice(w.start, w.end).join('');
    const leet = readings.slice(w.start, w.end).some((r) => !r.isLetter);
    pieces.push({
      start: w.start,
      end: w.end,
      token,
      canonical: w.reading,
      kind: 'wordlike',
      form: leet ? 'leet' : 'plain',
      bounded: isBoundary(chars, readings, w.start, w.end),
      common: false,
    });
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
    if (here.covered > skip.covered || (here.covered === skip.covered && here.count < skip.count))
      best[i + 1] = { covered: here.covered, count: here.count, from: i };
    for (const piece of byStart[i]!) {
      const next = best[piece.end]!;
      const covered = here.covered + piece.end - piece.start;
      if (covered > next.covered || (covered === next.covered && here.count + 1 < next.count))
        best[piece.end] = { covered, count: here.count + 1, last: piece, from: i };
    }
  }
  const cover: Piece[] = [];
  for (let i = chars.length; i > 0;) {
    const step = best[i]!;
    if (step.last && step.last.end === i && step.from === step.last.start) cover.unshift(step.last);
    i = step.from;
  }
  const covered = best[chars.length]!.covered;
  const inCover = new Set(cover.flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k)));
  const uncoveredLetters = readings.filter((r, i) => r.isLetter && !inCover.has(i)).length;
  return { pieces, cover, letters: covered + uncoveredLetters, covered };
}
