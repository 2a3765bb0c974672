/** The register's order: Spanish, ignoring case and accents (ñ its own letter after n), numbers by value. */
export const nameCollator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });

/**
 * Weights of the characters whose order under nameCollator is plain: space before digits before
 * letters, a letter whatever its case or accent, ñ between n and o. Any other character (punctuation,
 * other scripts, a combining mark) weighs 0: a name holding one is compared by the collator itself.
 */
const WEIGHT = new Uint8Array(0x100);
WEIGHT[0x20] = 0x01;
[...'abcdefghijklmnñopqrstuvwxyz'].forEach((letter, i) => {
  const accented: Record<string, string> = { a: 'áàâä', e: 'éèêë', i: 'íìîï', o: 'óòôö', u: 'úùûü' };
  for (const form of letter + (accented[letter] ?? '')) for (const c of [form, form.toUpperCase()]) WEIGHT[c.charCodeAt(0)] = 0x41 + i;
});
const NUMBER = 0x02; // a number sorts after a space and before any letter
const ZERO = 0x30;
const MAX_DIGITS = 30;
const MAX_LENGTH = 200;
const key = new Uint16Array(3 * MAX_LENGTH);

/**
 * A text that sorts, compared code unit by code unit, as the name does under nameCollator; null
 * when the name holds a character outside the plain ones, or a number with leading zeros or of
 * more than 30 digits. A number is its length, then its digits, so that 9 comes before 10.
 */
export function nameKey(name: string): string | null {
  if (name.length > MAX_LENGTH) return null;
  let length = 0;
  for (let i = 0; i < name.length;) {
    const c = name.charCodeAt(i);
    if (c >= ZERO && c <= ZERO + 9) {
      let end = i + 1;
      while (end < name.length && name.charCodeAt(end) >= ZERO && name.charCodeAt(end) <= ZERO + 9) end++;
      if ((c === ZERO && end - i > 1) || end - i > MAX_DIGITS) return null;
      key[length++] = NUMBER;
      key[length++] = 0x20 + end - i;
      while (i < end) key[length++] = name.charCodeAt(i++);
      continue;
    }
    const weight = c < 0x100 ? WEIGHT[c]! : 0;
    if (weight === 0) return null;
    key[length++] = weight;
    i++;
  }
  // apply, not a spread: a spread walks the typed array through its iterator, four times slower.
  return String.fromCharCode.apply(null, key.subarray(0, length) as unknown as number[]);
}

/**
 * Sorts by name as nameCollator does, and as stably. Comparing keys costs a fraction of calling
 * the collator (10,000 names in random order: ~30 ms with it alone), and where a key is missing
 * the collator decides, so the order is the collator's in every case (test/unit/services/accounts/name-order.test.ts).
 */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const names = items.map(nameOf);
  const keys = names.map(nameKey);
  const order = names.map((_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a] ?? null;
    const kb = keys[b] ?? null;
    return ka !== null && kb !== null ? (ka < kb ? -1 : ka > kb ? 1 : 0) : nameCollator.compare(names[a]!, names[b]!);
  });
  return order.map((i) => items[i]!);
}
