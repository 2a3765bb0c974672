import { describe, expect, it } from 'vitest';
import { checkPasswordRules, createPolicyDictionary, vaultWords } from '../../../main/domain/password-policy';
import { COMMON, NAME, WORD, buildLexicon, lexiconSteps, vaultLexicon } from '../../../main/domain/policy/lexicon';
import { LexiconLoader } from '../../../main/services/rotation/password-policy';
import { testLexicon } from './policy-lexicon.fixture';

/** POL-2's lexicon (issue 14): packed, built in steps, passed in explicitly; the word-like reading of words it lacks. */
describe('POL-2 lexicon', () => {
  // Made-up entries, beside the zxcvbn-ts lists every lexicon also holds.
  const small = () => buildLexicon({ spanish: ['qoxa', 'qoxañu', 'qoxaqoxa', 'zuqi'], english: ['qoxa', 'vexqu'] }, ['Ñaupari']);

  it('holds every entry once, folded, with its flags and its written form', () => {
    const lexicon = small();
    expect(lexicon.lookup('qoxa')).toBe(WORD);
    expect(lexicon.lookup('vexqu')).toBe(WORD);
    expect(lexicon.lookup('qoxanu')).toBe(WORD);
    expect(lexicon.wordForm('qoxanu')).toBe('qoxañu');
    expect(lexicon.lookup('naupari') & NAME).toBe(NAME);
    expect(lexicon.nameForm('naupari')).toBe('ñaupari');
    // zxcvbn-ts's frequency lists mark common words; «que» is in the Spanish one.
    expect(lexicon.lookup('que') & COMMON).toBe(COMMON);
    expect(lexicon.lookup('qox')).toBe(0);
    expect(lexicon.lookup('qoxas')).toBe(0);
    const entries = Array.from({ length: lexicon.size }, (_, i) => lexicon.entry(i));
    expect(entries).toEqual([...new Set(entries)].sort());
  });

  it('walks a prefix down the sorted entries: a reading no entry starts with ends at once', () => {
    const lexicon = small();
    const narrow = (prefix: string) => {
      let lo = 0;
      let hi = lexicon.size;
      for (let d = 0; d < prefix.length; d++) {
        lo = lexicon.lowerBound(lo, hi, d, prefix.charCodeAt(d));
        hi = lexicon.lowerBound(lo, hi, d, prefix.charCodeAt(d) + 1);
      }
      return { lo, hi };
    };
    const qox = narrow('qox');
    expect(Array.from({ length: qox.hi - qox.lo }, (_, i) => lexicon.entry(qox.lo + i))).toEqual(['qoxa', 'qoxanu', 'qoxaqoxa']);
    expect(lexicon.exact(qox.lo, qox.hi, 3)).toBe(-1);
    const qoxa = narrow('qoxa');
    expect(lexicon.entry(lexicon.exact(qoxa.lo, qoxa.hi, 4))).toBe('qoxa');
    const none = narrow('qoxz');
    expect(none.hi - none.lo).toBe(0);
  });

  it('built in steps or at once, the same lexicon', () => {
    const lists = () => ({ spanish: ['casa', 'perro', 'ñandú'], english: ['house', 'dog'] });
    const steps = lexiconSteps(lists(), [], 2);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    const whole = buildLexicon(lists(), []);
    expect(yields).toBeGreaterThan(10);
    expect(Buffer.from(step.value.text).equals(Buffer.from(whole.text))).toBe(true);
    expect([...step.value.flags]).toEqual([...whole.flags]);
  });

  it('the packaged lexicon is compact: under 24 MB for ~950,000 entries', () => {
    const lexicon = testLexicon();
    expect(lexicon.size).toBeGreaterThan(900_000);
    expect(lexicon.bytes).toBeLessThan(24e6);
  });

  it('a word written without accents names its accented form; one that is a word as written does not', () => {
    const lexicon = testLexicon();
    expect(lexicon.wordForm('projimo')).toBe('prójimo');
    expect(lexicon.wordForm('pie')).toBe('pie');
  });

  it('no module-level state: each dictionary judges with the lexicon it was given', () => {
    const empty = buildLexicon({ spanish: [], english: [] }, []);
    const bare = createPolicyDictionary(vaultWords(['Congreso']), empty);
    const full = createPolicyDictionary(vaultWords(['Congreso']), testLexicon());
    // «Zarandajas» is in an-array-of-spanish-words only.
    expect(checkPasswordRules('Zarandajas#17Qx!vL', 16, full)).toMatchObject({ rule: 'POL-2', details: { token: 'Zarandajas', kind: 'word' } });
    expect(checkPasswordRules('Zarandajas#17Qx!vL', 16, bare)?.details?.kind).not.toBe('word');
    expect(checkPasswordRules('Congreso#17Qx!vLw9', 16, bare)).toMatchObject({ rule: 'POL-2', details: { kind: 'vault' } });
  });

  it('the vault’s names are packed the same way, with the form they were registered in', () => {
    const vault = vaultLexicon(
      new Map([
        ['naupari', 'Ñaupari'],
        ['luz', 'Luz'],
      ]),
    );
    expect(vault.lookup('naupari')).not.toBe(0);
    expect(vault.wordForm('naupari')).toBe('Ñaupari');
  });
});

describe('POL-2 lexicon loader (main/services/rotation/password-policy.ts)', () => {
  const lists = () => ({ spanish: Array.from({ length: 40_000 }, (_, i) => `palabra${i.toString(36)}`.replace(/\d/g, 'x')), english: ['house'] });

  it('builds in slices between other events, so IPC keeps answering while it runs', async () => {
    const loader = new LexiconLoader(lists, 2);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const lexicon = await loader.prepare();
    clearInterval(timer);
    expect(lexicon.lookup('house') & WORD).toBe(WORD);
    expect(loader.stats.slices).toBeGreaterThan(1);
    expect(ticks).toBeGreaterThan(0);
    expect(loader.stats.finishedAtOnce).toBe(false);
    expect(loader.now()).toBe(lexicon);
  });

  it('a check that comes before the sliced build ends finishes it at once, and both get the same lexicon', async () => {
    const loader = new LexiconLoader(lists, 1);
    const pending = loader.prepare();
    const now = loader.now();
    expect(await pending).toBe(now);
    expect(loader.stats.finishedAtOnce).toBe(true);
  });
});
