import { describe, expect, it } from 'vitest';
import { checkPasswordRules, createPolicyDictionary, vaultWords } from '../../../main/domain/password-policy';
import { testLexicon } from './policy-lexicon.fixture';

/** A Congreso-like vault: the institution, its acronym and domain, staff, an account and platforms. */
const dictionary = createPolicyDictionary(
  vaultWords([
    'Congreso de la República',
    'CR',
    'congreso.gob.pe',
    'Rosalinda Quispecahua Trelles',
    'Teodomiro Huamanchumo Barreda',
    'Prensa Congreso',
    '@CongresoPeru',
    'Facebook',
    'Instagram',
  ]),
  testLexicon(),
);

type Verdict = null | { rule: 'POL-1' | 'POL-2'; reason: string; token?: string; missing?: string[] };

const CASES: [string, Verdict][] = [
  // POL-1: length (default 16) and the four classes
  ['Ab1!', { rule: 'POL-1', reason: 'length' }],
  ['P@ssw0rd', { rule: 'POL-1', reason: 'length' }],
  ['Congreso2024!', { rule: 'POL-1', reason: 'length' }],
  ['Xk9#mP2!vL7@qZ4', { rule: 'POL-1', reason: 'length' }],
  ['abcdefghijklmnop1!', { rule: 'POL-1', reason: 'classes', missing: ['upper'] }],
  ['ABCDEFGHIJKLMNOP1!', { rule: 'POL-1', reason: 'classes', missing: ['lower'] }],
  ['Abcdefghijklmnopq!', { rule: 'POL-1', reason: 'classes', missing: ['digit'] }],
  ['Abcdefghijklmnop12', { rule: 'POL-1', reason: 'classes', missing: ['symbol'] }],
  // POL-2: names of the institution, its accounts and its people, also in l33t
  ['Quispecahua#2026xY', { rule: 'POL-2', reason: 'name', token: 'Quispecahua' }],
  ['xY#7Quispecahua!!q', { rule: 'POL-2', reason: 'name', token: 'Quispecahua' }],
  ['Huamanchumo!8Qx#zR', { rule: 'POL-2', reason: 'name', token: 'Huamanchumo' }],
  ['Teodomiro%9vQ#x2Lm', { rule: 'POL-2', reason: 'name', token: 'Teodomiro' }],
  ['Barreda$7Qx!vL2m#9', { rule: 'POL-2', reason: 'name', token: 'Barreda' }],
  ['Trelles&8Qx!vL2m#9z', { rule: 'POL-2', reason: 'name', token: 'Trelles' }],
  ['R0sal1nd@#xQ9!vLm7', { rule: 'POL-2', reason: 'name', token: 'R0sal1nd@' }],
  ['C0ngr3s0#Xq7!vLm9', { rule: 'POL-2', reason: 'name', token: 'C0ngr3s0' }],
  ['K8#pPrensaCongreso', { rule: 'POL-2', reason: 'name', token: 'PrensaCongreso' }],
  ['Pr3ns@#Qx7!vL2m9zK', { rule: 'POL-2', reason: 'name', token: 'Pr3ns@' }],
  ['Qx7!CongresoPeru#2', { rule: 'POL-2', reason: 'name', token: 'CongresoPeru' }],
  ['FacebookQ7#x!mR2vL', { rule: 'POL-2', reason: 'name', token: 'Facebook' }],
  ['Instagram#9qX!vL2m', { rule: 'POL-2', reason: 'name', token: 'Instagram' }],
  ['M1gu3l@ng3l#R0dr1gu3z', { rule: 'POL-2', reason: 'name', token: 'R0dr1gu3z' }],
  // POL-2: dictionary words, Spanish and English, also in l33t
  ['Password123!Abc#x', { rule: 'POL-2', reason: 'word', token: 'Password' }],
  ['Murcielago#17Sol!X', { rule: 'POL-2', reason: 'word', token: 'Murcielago' }],
  ['Correo!Institucional9', { rule: 'POL-2', reason: 'word', token: 'Institucional' }],
  ['qwertyuiop#A1zxcvb', { rule: 'POL-2', reason: 'word', token: 'qwertyuiop' }],
  // POL-2: years (MITIC 6.1.1.IV)
  ['Tq7!x2019Lm#Pz8wR', { rule: 'POL-2', reason: 'year', token: '2019' }],
  ['mZ4$wR8Vq7#kP2!xL9@1998', { rule: 'POL-2', reason: 'year', token: '1998' }],
  // POL-2: patterns zxcvbn scores below 4
  ['aaaaaaaaaaaaaA1!', { rule: 'POL-2', reason: 'guessable' }],
  ['Abcdefghijklmn1!', { rule: 'POL-2', reason: 'guessable' }],
  // accepted: random over all four classes
  ['Vq7#kP2!xL9@mZ4$wR8', null],
  ['Hn3&bT6*yQ1^cF5%uJ0', null],
  ['Ds8(eW2)gK7_rM4+pA6', null],
  ['T9%vB3^nJ6&hW1*kQ5x', null],
  ['r4)Yp8(Mz2_Kc7+Wq1!', null],
  ['F6!jN1#tR8@dV3$gH7y', null],
  ['b2^Qx9&Lk5*Mw3%Pz7!', null],
  ['W7@qE4#zT1!xC8$vB5n', null],
  ['k3$Gm9%Rt6^Yp2&Jd8Q', null],
  ['J5*wN8^cX2%rT7&yH4b', null],
  ['g7#Xk2!Pq9@Lm4$Zr8', null], // «@Lm4» reads «alma» only by chance: short l33t inside random characters is not a word
];

describe('password policy: POL-1 and POL-2 (Congreso 6.2.4; MITIC 6.1.1.IV)', () => {
  it('covers at least 40 passwords', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%j → %j', (password, verdict) => {
    const result = checkPasswordRules(password, 16, dictionary);
    if (verdict === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result).toMatchObject({ code: 'POLICY_VIOLATION', rule: verdict.rule, details: { reason: verdict.reason } });
    if (verdict.token) expect(result!.details!.token).toBe(verdict.token);
    if (verdict.missing) expect(result!.details!.missing).toEqual(verdict.missing);
  });

  it('with the minimum lowered to 12, Congreso2024! is refused for the word, not the length', () => {
    expect(checkPasswordRules('Congreso2024!', 12, dictionary)).toMatchObject({ rule: 'POL-2', details: { token: 'Congreso' } });
  });

  it('never accepts a minimum below 12', () => {
    expect(checkPasswordRules('Vq7#kP2!xL9', 8, dictionary)).toMatchObject({ rule: 'POL-1', details: { reason: 'length', min: 12 } });
  });
});
