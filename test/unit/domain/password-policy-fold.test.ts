import { describe, expect, it } from 'vitest';
import { fold, readChar } from '../../../main/domain/policy/fold';

/** POL-2 reads a word however it is dressed: case and accents folded, l33t read back as letters. */
describe('POL-2 folding: accents, case and l33t', () => {
  it.each([
    ['Ñaupari', 'naupari'],
    ['Unificación', 'unificacion'],
    ['PRÓJIMO', 'projimo'],
    ['güira', 'guira'],
    ['plain', 'plain'],
  ])('folds %j to %j', (written, folded) => {
    expect(fold(written)).toBe(folded);
  });

  it.each([
    ['4', ['a'], false],
    ['@', ['a'], false],
    ['1', ['i', 'l'], false],
    ['0', ['o'], false],
    ['$', ['s'], false],
    ['É', ['e'], true],
    ['ñ', ['n'], true],
    ['#', [], false],
    ['%', [], false],
  ])('reads %j as %j (a real letter: %s)', (char, letters, isLetter) => {
    expect(readChar(char)).toEqual({ letters, isLetter });
  });
});
