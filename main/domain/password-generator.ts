import { CHARACTER_CLASSES, type CharacterClass } from './password-policy';

/**
 * Generates passwords uniformly over the chosen alphabet, keeping only those that contain every
 * class (rejection sampling: no position is forced, so no position is predictable). Randomness
 * is injected: libsodium's randombytes_uniform in the app.
 */
export const ALPHABETS: Record<CharacterClass, string> = {
  digit: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  symbol: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
};

/** Characters easily confused when read aloud or copied by hand. */
export const LOOKALIKES = new Set('0O1lI|5S8B2Z`\'"'.split(''));

export interface GeneratorOptions {
  length: number;
  classes?: readonly CharacterClass[];
  excludeLookalikes?: boolean;
}

export type RandomInt = (upperExclusive: number) => number;

export function generatorAlphabet(options: GeneratorOptions): Record<CharacterClass, string[]> {
  const classes = options.classes ?? CHARACTER_CLASSES;
  return Object.fromEntries(
    classes.map((c) => [c, [...ALPHABETS[c]].filter((ch) => !(options.excludeLookalikes && LOOKALIKES.has(ch)))]),
  ) as Record<CharacterClass, string[]>;
}

export function generatePassword(options: GeneratorOptions, randomInt: RandomInt): string {
  const byClass = generatorAlphabet(options);
  const classes = Object.keys(byClass) as CharacterClass[];
  if (options.length < classes.length) throw new RangeError('length shorter than the number of classes');
  const alphabet = classes.flatMap((c) => byClass[c]);
  for (;;) {
    const chars = Array.from({ length: options.length }, () => alphabet[randomInt(alphabet.length)]!);
    if (classes.every((c) => chars.some((ch) => byClass[c].includes(ch)))) return chars.join('');
  }
}
