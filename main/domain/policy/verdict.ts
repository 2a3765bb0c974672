import type { AppError } from '../../../shared/result';
import { readChar } from './fold';
import type { Lexicon } from './lexicon';
import { analyse, type Piece, type VaultNames } from './pieces';

/**
 * POL-2's judgement of structure, not substrings. Refused: a name the vault registers (three letters
 * or more, standing on its own, or five or more anywhere); a word or name of six letters or more
 * anywhere, or a common one of five standing on its own; a run of seven letters or more that reads
 * as a word the lists lack (policy/wordlike.ts); a run of letters made only of words and names; words,
 * names and repeats covering most of the letters (60 %; half when every stretch of letters is
 * written like a word: «Muz&Oso&Lar&Yuy»); a plausible year. A short word that chance put
 * inside random letters does not refuse by itself.
 */
export const LONG_PIECE = 6;
export const STANDING_PIECE = 5;
export const MOST_LETTERS = 0.6;
export const MOST_LETTERS_SHAPED = 0.5;
export const MIN_COVERED = 6;
export const WHOLE_RUN = 5;

const YEAR = /(19|20)\d\d/;

export interface Refusal {
  reason: 'name' | 'word' | 'words' | 'year';
  piece?: Piece;
  pieces?: Piece[];
  token: string;
}

function refusalOf(piece: Piece): Refusal {
  return { reason: piece.kind === 'vault' || piece.kind === 'name' ? 'name' : 'word', piece, token: piece.token };
}

const overlaps = (a: Piece, b: Piece) => a.start < b.end && b.start < a.end;
const RANK: Record<Piece['kind'], number> = { vault: 0, name: 1, word: 2, wordlike: 3, repeat: 4 };

/**
 * The pieces a message names, left to right: the vault's names first, then the longest, each
 * once and none overlapping one already named («N4up4r1», not also «up4r1@» inside it).
 */
function named(all: Piece[]): Piece[] {
  const ranked = [...all].sort(
    (a, b) =>
      RANK[a.kind] - RANK[b.kind] || b.end - b.start - (a.end - a.start) || Number(a.form !== 'plain') - Number(b.form !== 'plain') || a.start - b.start,
  );
  const chosen: Piece[] = [];
  for (const piece of ranked) if (!chosen.some((c) => overlaps(c, piece))) chosen.push(piece);
  const seen = new Set<string>();
  return chosen.sort((a, b) => a.start - b.start).filter((p) => !seen.has(p.token.toLowerCase()) && seen.add(p.token.toLowerCase()));
}

const longest = (pieces: Piece[]) => [...pieces].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)[0];

/**
 * Letters written the way people write words: every stretch of letters in natural case («Paz»,
 * «paz», «PAZ», «MiAmor»), three stretches or more of three letters. Random passwords look like
 * this about 0.3 % of the time; there, words covering half the letters are enough.
 */
function wordShaped(password: string): boolean {
  const stretches = password.normalize('NFC').match(/\p{L}+/gu) ?? [];
  const natural = stretches.every((s) => /^(?:\p{Lu}?\p{Ll}+|\p{Lu}+|(?:\p{Lu}\p{Ll}+)+)$/u.test(s));
  return natural && stretches.filter((s) => [...s].length >= 3).length >= 3;
}

export function judgeWordsAndNames(password: string, vault: VaultNames, lexicon: Lexicon): Refusal | null {
  const chars = [...password.normalize('NFC')];
  const { pieces, cover, letters, covered } = analyse(password, vault, lexicon);
  const size = (p: Piece) => p.end - p.start;
  const own = pieces.filter((p) => p.kind === 'vault' && (p.bounded || size(p) >= STANDING_PIECE));
  const lexical = pieces.filter(
    (p) => p.kind !== 'vault' && p.kind !== 'repeat' && (size(p) >= LONG_PIECE || (p.bounded && p.common && size(p) >= STANDING_PIECE)),
  );
  // A word the lists hold is named before one that only reads like a word.
  const first = longest(own) ?? longest(lexical.filter((p) => p.kind !== 'wordlike')) ?? longest(lexical);
  if (first) return { ...refusalOf(first), pieces: named([...own, ...lexical]) };
  // A run of letters (l33t read as letters) that the cover reads whole: «Reddog», «Miamor».
  for (let start = 0; start < chars.length;) {
    let end = start;
    while (end < chars.length && readChar(chars[end]!).letters.length > 0) end++;
    const inRun = cover.filter((p) => p.start >= start && p.end <= end);
    const runLetters = chars.slice(start, end).filter((c) => readChar(c).isLetter).length;
    const inRunLetters = inRun.reduce((n, p) => n + chars.slice(p.start, p.end).filter((c) => readChar(c).isLetter).length, 0);
    const inRunSize = inRun.reduce((n, p) => n + size(p), 0);
    if (inRun.length > 0 && inRunLetters === runLetters && inRunSize >= WHOLE_RUN && inRun.some((p) => p.kind !== 'repeat')) {
      return { reason: 'words', pieces: inRun, token: inRun.map((p) => p.token).join(', ') };
    }
    start = Math.max(end, start + 1);
  }
  const most = wordShaped(password) ? MOST_LETTERS_SHAPED : MOST_LETTERS;
  if (covered >= MIN_COVERED && covered >= most * letters && cover.some((p) => p.kind !== 'repeat')) {
    return { reason: 'words', pieces: cover, token: cover.map((p) => p.token).join(', ') };
  }
  for (const run of password.match(/\d{4,}/g) ?? []) {
    const year = YEAR.exec(run);
    if (year) return { reason: 'year', token: year[0] };
  }
  return null;
}

/** The refusal as the typed error the renderer translates; `pieces` lists every piece named. */
export function refusalError(refusal: Refusal): AppError {
  const listed = refusal.pieces ?? (refusal.piece ? [refusal.piece] : []);
  const first = refusal.piece ?? listed[0];
  return {
    code: 'POLICY_VIOLATION',
    rule: 'POL-2',
    details: {
      reason: refusal.reason,
      token: refusal.token,
      canonical: first?.canonical ?? refusal.token,
      kind: first?.kind ?? refusal.reason,
      form: first?.form ?? 'plain',
      pieces: listed.map((p) => ({ token: p.token, canonical: p.canonical, kind: p.kind, form: p.form })),
    },
  };
}
