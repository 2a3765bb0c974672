import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkPasswordRules, createPolicyDictionary, vaultWords } from '../../../main/domain/password-policy';
import { provideWordLists } from '../../../main/domain/policy/lexicon';

const require = createRequire(import.meta.url);
provideWordLists(() => ({ spanish: require('an-array-of-spanish-words') as string[], english: require('an-array-of-english-words') as string[] }));

/**
 * Issue 14's "Why", one row per example: POL-2 (Congreso 6.2.4; MITIC 6.1.1.IV) refuses a password
 * built from words or names however it is dressed, and names the piece; it accepts random ones.
 */
const dictionary = createPolicyDictionary(
  vaultWords(['Congreso de la República', 'CR', 'congreso.gob.pe', 'Luz Ñaupari Quispe', 'Ana Torres Mamani', 'Prensa Congreso', '@CongresoPeru', 'Facebook']),
);

interface Expected {
  reason: 'name' | 'word' | 'words' | 'year';
  /** A piece the refusal must name (details.pieces[].token, case-insensitive). */
  piece: string;
  kind?: 'vault' | 'name' | 'word';
  form?: 'plain' | 'unaccented' | 'leet' | 'reversed';
  canonical?: string;
}

const REFUSED: [string, string, Expected][] = [
  ['a two-word Spanish password typed without accents', 'Projimo@Unificacion90?', { reason: 'word', piece: 'Projimo', form: 'unaccented', canonical: 'prójimo' }],
  ['the same, second word', 'Projimo@Unificacion90?', { reason: 'word', piece: 'Unificacion', kind: 'word' }],
  ['a Spanish word in leetspeak', 'Em4nc1p4c10n#3143@', { reason: 'word', piece: 'Em4nc1p4c10n', form: 'leet', canonical: 'emancipación' }],
  ['a word that zxcvbn folded into another pattern', 'Reddog+Cancel26&', { reason: 'word', piece: 'Cancel' }],
  ['two English words run together', 'Reddog+Cancel26&', { reason: 'word', piece: 'Reddog' }],
  ['a word beside a repeat', 'Oooooooo-Miamor10+', { reason: 'word', piece: 'Miamor' }],
  ['an Andean surname after a first name', 'InesHuarcaya?2605', { reason: 'name', piece: 'Huarcaya', kind: 'name' }],
  ['three-letter names of the vault’s staff', 'Luz!Luz!Ana!Luz!0265', { reason: 'name', piece: 'Luz', kind: 'vault' }],
  ['four three-letter Spanish words', 'Tal*Sil*Paz*Pie3220', { reason: 'words', piece: 'Pie' }],
  ['a registered surname in l33t', 'N4up4r1@Imp3r1t065_', { reason: 'name', piece: 'N4up4r1', kind: 'vault', form: 'leet', canonical: 'Ñaupari' }],
  ['a registered surname doubled', 'NaupariNaupari-0575', { reason: 'name', piece: 'Naupari', kind: 'vault', form: 'unaccented' }],
  ['a registered surname reversed', 'Irapuan#9vQx!L2mR7', { reason: 'name', piece: 'Irapuan', kind: 'vault', form: 'reversed' }],
  ['the acronym-bearing account name in any case', 'CONGRESOPERU#9vQx!2m', { reason: 'name', piece: 'CONGRESOPERU', kind: 'vault' }],
  ['a plausible year', 'Vq7#kP2!xL9@mZ4$wR1998', { reason: 'year', piece: '1998' }],
];

const ACCEPTED: [string, string][] = [
  ['«HALL» by chance inside random letters', 'vQ7#xHALLq2!pW9zK$'],
  ['«Matt» by chance', 'k7$Matt9#vQ2!pZwX4'],
  ['«m4t@» by chance', 'Rq8!m4t@Xv3#Lp9zK'],
  ['a four-digit run that is not a year (7060)', 'Vq7#kP2!xL9@mZ4$7060'],
  ['a short word inside a random stretch', 'Xk9#qsolvB7!wR2$zT'],
];

describe('POL-2 names the piece, however it is dressed (issue 14)', () => {
  it.each(REFUSED)('refuses %s: %j', (_label, password, expected) => {
    const result = checkPasswordRules(password, 16, dictionary);
    expect(result).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'POL-2', details: { reason: expected.reason } });
    if (expected.reason === 'year') {
      expect(result!.details!.token).toBe(expected.piece);
      return;
    }
    const pieces = result!.details!.pieces as { token: string; canonical: string; kind: string; form: string }[];
    const piece = pieces.find((p) => p.token.toLowerCase() === expected.piece.toLowerCase());
    expect(piece, JSON.stringify(pieces)).toBeDefined();
    if (expected.kind) expect(piece!.kind).toBe(expected.kind);
    if (expected.form) expect(piece!.form).toBe(expected.form);
    if (expected.canonical) expect(piece!.canonical).toBe(expected.canonical);
  });

  it.each(ACCEPTED)('accepts %s: %j', (_label, password) => {
    expect(checkPasswordRules(password, 16, dictionary)).toBeNull();
  });

  it('refuses a candidate over 128 characters before judging it (bounded cost)', () => {
    expect(checkPasswordRules(`Vq7#kP2!xL9@mZ4$${'w'.repeat(200)}`, 16, dictionary)).toMatchObject({ rule: 'POL-1', details: { reason: 'too_long', max: 128 } });
  });
});
