import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALPHABETS, LOOKALIKES, generatePassword, generatorAlphabet } from '../../../main/domain/password-generator';
import { checkCharacterRules } from '../../../main/domain/password-policy';

const rng = (n: number) => randomInt(n);

describe('password generator', () => {
  it('always has the requested length and every class (POL-1)', () => {
    for (let i = 0; i < 2_000; i++) {
      const password = generatePassword({ length: 16 }, rng);
      expect(password).toHaveLength(16);
      expect(checkCharacterRules(password, 16)).toBeNull();
    }
  });

  it('draws from the whole alphabet: every character appears', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => generatePassword({ length: 20 }, rng)).join(''));
    expect(seen).toEqual(new Set(Object.values(ALPHABETS).join('')));
  });

  it('leaves out look-alike characters when asked', () => {
    const text = Array.from({ length: 1_000 }, () => generatePassword({ length: 20, excludeLookalikes: true }, rng)).join('');
    for (const ch of LOOKALIKES) expect(text.includes(ch), ch).toBe(false);
  });

  it('asks the random source for an index over the whole alphabet, never reducing a byte modulo', () => {
    const asked: number[] = [];
    generatePassword({ length: 20 }, (n) => (asked.push(n), randomInt(n)));
    const size = Object.values(generatorAlphabet({ length: 20 })).flat().length;
    expect(new Set(asked)).toEqual(new Set([size]));
  });

  it('honours a chosen set of classes and refuses a length shorter than them', () => {
    expect(generatePassword({ length: 12, classes: ['digit', 'upper'] }, rng)).toMatch(/^[0-9A-Z]{12}$/);
    expect(() => generatePassword({ length: 3 }, rng)).toThrow(RangeError);
  });
});
