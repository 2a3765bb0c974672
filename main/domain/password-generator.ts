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
  return Object.fromEntries(classes.map((c) => [c, [...ALPHABETS[c]].filter((ch) => !(options.excludeLookalikes && LOOKALIKES.has(ch)))])) as Record<
    CharacterClass,
    string[]
  >;
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

/**
 * Generates until `accepts` takes a candidate (the policy: POL-2 refuses the rare random string
 * that spells a word, ~0.3 %), at most `tries` times; undefined when none was accepted.
 */
export function generateAccepted(options: GeneratorOptions, randomInt: RandomInt, accepts: (candidate: string) => boolean, tries: number): string | undefined {
  for (let attempt = 0; attempt < tries; attempt++) {
    const candidate = generatePassword(options, randomInt);
    if (accepts(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The generator's entropy: log2 of how many strings it can return, all equally likely — strings of
 * the length over the alphabet that hold every chosen class (inclusion–exclusion over the classes
 * left out). 20 characters over the 90 symbols: ≈ 129.8 bits. The policy's rare refusals (~0.3 %)
 * take away less than 0.01 bit.
 */
export function generatorEntropy(options: GeneratorOptions): { alphabetSize: number; bits: number } {
  const byClass = Object.values(generatorAlphabet(options)).map((chars) => chars.length);
  const alphabetSize = byClass.reduce((a, b) => a + b, 0);
  let count = 0n;
  for (let mask = 0; mask < 1 << byClass.length; mask++) {
    let left = alphabetSize;
    let sign = 1n;
    byClass.forEach((size, i) => {
      if (mask & (1 << i)) {
        left -= size;
        sign = -sign;
      }
    });
    count += sign * BigInt(left) ** BigInt(options.length);
  }
  return { alphabetSize, bits: count > 0n ? log2(count) : 0 };
}

function log2(n: bigint): number {
  const digits = n.toString(2).length;
  const shift = Math.max(0, digits - 53);
  return Math.log2(Number(n >> BigInt(shift))) + shift;
}
