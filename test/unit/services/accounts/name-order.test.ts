import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameCollator, nameKey, sortByName } from '../../../../main/services/accounts/name-order';

const sign = (n: number) => Math.sign(n);
const keyCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names built from the characters a key is made of, and from a few it is not. */
const plain = [...'aAbBcCdDeEfgGhHiIjklLmMnNñÑoOpPqrsStTuUvwxyzZáÁéÉíÍóÓúÚüÜàèöâ  0123456789'];
const other = [...'-_.,@/&\'"()ºªçÇßæ\u0301ÿİ\u212A\uffff'];
const name = fc.array(fc.constantFrom(...plain, ...plain, ...plain, ...other), { maxLength: 14 }).map((cs) => cs.join(''));
/** A name and one close to it (a character changed, added, removed, or a number altered): where orders disagree, if anywhere. */
const pair = fc
  .tuple(name, fc.nat(14), fc.constantFrom(...plain, ...other), fc.constantFrom('replace', 'insert', 'delete', 'case', 'accent'))
  .map(([a, at, c, how]) => {
    const i = Math.min(at, a.length);
    const b =
      how === 'replace'
        ? a.slice(0, i) + c + a.slice(i + 1)
        : how === 'insert'
          ? a.slice(0, i) + c + a.slice(i)
          : how === 'delete'
            ? a.slice(0, i) + a.slice(i + 1)
            : how === 'case'
              ? a.toUpperCase()
              : a.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    return [a, b] as const;
  });

describe('the register’s name order', () => {
  it.each([
    ['Cuenta 9', 'Cuenta 10', -1],
    ['Cuenta 10', 'Cuenta 9 Prensa', 1],
    ['álamo', 'Alamo', 0],
    ['Ñandú', 'Nube', 1],
    ['Ñandú', 'Oficial', -1],
    ['nzeta', 'ñandu', -1],
    ['a 1', 'a1', -1],
    ['a1 b', 'a1b', -1],
    ['a12', 'a1 2', 1],
    ['Prensa', 'Prensa Oficial', -1],
    ['Ü', 'u', 0],
    ['ab', 'a b', 1],
  ])('%s against %s: %i, as the collator says', (a, b, expected) => {
    expect(sign(nameCollator.compare(a, b))).toBe(expected);
    expect(sign(keyCompare(nameKey(a)!, nameKey(b)!))).toBe(expected);
  });

  it('has no key for punctuation, other scripts, combining marks, leading zeros or very long numbers', () => {
    for (const text of ['@prensa', 'Cuenta_4', 'Página-Oficial', 'Ca\u0301mara', '写真', 'Cuenta 007', '1'.repeat(31)]) expect(nameKey(text), text).toBeNull();
    expect(nameKey('Cuenta 0 y 70')).not.toBeNull();
  });

  it('orders any two names with keys as the collator does', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.oneof(pair, fc.tuple(name, name)), ([a, b]) => {
        const ka = nameKey(a);
        const kb = nameKey(b);
        if (ka === null || kb === null) return;
        compared++;
        expect(sign(keyCompare(ka, kb)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(nameCollator.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
    expect(compared).toBeGreaterThan(5_000);
  });

  it('sorts a list exactly as a stable sort with the collator, names with keys or not', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 60 }), (names) => {
        const items = names.map((n, i) => ({ n, i }));
        const expected = [...items].sort((x, y) => nameCollator.compare(x.n, y.n));
        expect(sortByName(items, (x) => x.n)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
