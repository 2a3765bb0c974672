import { describe, expect, it } from 'vitest';
import { en, es, FEATURE_STRINGS } from '../../../renderer/src/i18n/resources';

/** Every leaf of a catalogue by its dotted key (an array is one leaf: the strength levels). */
function leaves(value: unknown, prefix = ''): Map<string, string | string[]> {
  const found = new Map<string, string | string[]>();
  if (typeof value === 'string' || Array.isArray(value)) return found.set(prefix, value as string | string[]);
  for (const [key, child] of Object.entries(value as Record<string, unknown>))
    for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) found.set(k, v);
  return found;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** {{variables}} and $t(nested.keys) a message uses, whatever their order. */
const placeholders = (text: string | string[]) =>
  [
    ...new Set(
      [
        ...[text]
          .flat()
          .join('\n')
          .matchAll(/\{\{\s*([^}]+?)\s*\}\}|\$t\(([^)]+)\)/g),
      ].map((m) => m[0].replace(/\s+/g, '')),
    ),
  ].sort();
/** The plural forms each pluralized key has: {'accounts.count': ['one', 'other']}. */
function pluralForms(catalogue: Map<string, unknown>): Record<string, string[]> {
  const forms: Record<string, string[]> = {};
  for (const key of catalogue.keys()) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : null;
    // A plural group has an `_other` form; `too_many` alone is a reason's name, not a plural.
    if (match && base && catalogue.has(`${base}_other`)) (forms[base] ??= []).push(match[1]!);
  }
  for (const list of Object.values(forms)) list.sort();
  return forms;
}

const spanish = leaves(es);
const english = leaves(en);

describe('the es and en catalogues', () => {
  it('have the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...spanish.keys()].sort());
    expect(spanish.size).toBeGreaterThan(400);
  });

  it('use the same {{interpolation}} variables and nested $t() keys in every message', () => {
    const differ = [...spanish].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(english.get(key) ?? '')));
    expect(differ.map(([key, text]) => `${key}: es ${placeholders(text).join(' ')} / en ${placeholders(english.get(key) ?? '').join(' ')}`)).toEqual([]);
  });

  it('have the same plural forms, and each language every form it needs for whole numbers', () => {
    const esForms = pluralForms(spanish);
    expect(pluralForms(english)).toEqual(esForms);
    expect(Object.keys(esForms).length).toBeGreaterThan(0);
    for (const language of ['es', 'en']) {
      const rules = new Intl.PluralRules(language);
      const needed = [...new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)))].sort();
      for (const [key, forms] of Object.entries(esForms)) expect(forms, `${language} ${key}`).toEqual(expect.arrayContaining(needed));
    }
  });

  it('have no empty message, and arrays of the same length', () => {
    for (const [key, text] of spanish) {
      expect(
        [text].flat().every((s) => s.trim() !== '' || key.endsWith('forms.plain')),
        key,
      ).toBe(true);
      expect([english.get(key)].flat().length, key).toBe([text].flat().length);
    }
  });

  it('are assembled from feature files that each own whole top-level keys, none defined twice', () => {
    const owners = new Map<string, string[]>();
    for (const [feature, strings] of Object.entries(FEATURE_STRINGS)) {
      expect(Object.keys(strings.en).sort(), feature).toEqual(Object.keys(strings.es).sort());
      for (const key of Object.keys(strings.es)) owners.set(key, [...(owners.get(key) ?? []), feature]);
    }
    expect([...owners].filter(([, features]) => features.length > 1)).toEqual([]);
    expect([...owners.keys()].sort()).toEqual(Object.keys(es).sort());
  });
});
