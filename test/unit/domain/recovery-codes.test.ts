import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecoveryCodes } from '../../../main/domain/recovery-codes';

describe('recovery code blocks', () => {
  it.each([
    ['Google: two columns, grouped with a space', '1234 5678    2345 6789\n3456 7890    4567 8901\n', ['12345678', '23456789', '34567890', '45678901']],
    ['numbered lines', '1. abcd-efgh\n2) ijkl-mnop\n#3 qrst uvwx', ['abcdefgh', 'ijklmnop', 'qrstuvwx']],
    ['GitHub style, commas and blank lines', 'a1b2c-3d4e5, f6a7b-8c9d0\n\n\n1f2e3-4d5c6', ['a1b2c3d4e5', 'f6a7b8c9d0', '1f2e34d5c6']],
    ['duplicates kept once, Windows line ends', 'AAAA1111\r\nAAAA1111\r\nBBBB2222', ['AAAA1111', 'BBBB2222']],
    ['a code that starts with digits is not numbering', '12345678\n98-765432', ['12345678', '98765432']],
  ])('%s', (_label, block, codes) => {
    expect(parseRecoveryCodes(block)).toEqual({ codes });
  });

  it.each([
    ['', { reason: 'empty' }],
    ['   \n \n', { reason: 'empty' }],
    ['abcd1234\nabc!1234', { reason: 'characters', line: 2 }],
    ['abcd1234\nab1', { reason: 'length', line: 2 }],
    [Array.from({ length: 51 }, (_, i) => `code${String(i).padStart(4, '0')}`).join('\n'), { reason: 'too_many', max: 50 }],
  ])('refuses %j naming the problem', (block, details) => {
    expect(parseRecoveryCodes(block)).toMatchObject({ code: 'RECOVERY_CODES_INVALID', details });
  });

  it('never throws, and what it accepts is alphanumeric and unique (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (block) => {
        const result = parseRecoveryCodes(block);
        if ('codes' in result) {
          expect(result.codes.every((c) => /^[A-Za-z0-9]{6,64}$/.test(c))).toBe(true);
          expect(new Set(result.codes).size).toBe(result.codes.length);
        } else expect(result.code).toBe('RECOVERY_CODES_INVALID');
      }),
      { numRuns: 1_000 },
    );
  });
});
