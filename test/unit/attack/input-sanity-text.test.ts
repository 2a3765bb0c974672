import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { freshSecret, KNOWN } from '../../fixtures/vault';
import { call, valueOf } from './helpers';
import { ctx, unique, hex, mark, registered, deviceOf, base, IDENTIFIER_FIELDS, probe, useVault, activeAccount } from './input-sanity.context';

/** Issue 11, input sanity: see input-sanity.context.ts. */
useVault();

describe('identifier-like fields of every channel', () => {
  const refusedEverywhere: [string, string][] = [
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', '\udc00'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202A'],
    ['POP DIRECTIONAL FORMATTING', '\u202C'],
    ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['FIRST STRONG ISOLATE', '\u2068'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
    ['ARABIC LETTER MARK', '\u061C'],
    ['RIGHT-TO-LEFT MARK', '\u200F'],
    ['NUL', '\u0000'],
    ['ESC (terminal colours)', '\u001B[31m'],
    ['DEL', '\u007F'],
    ['NEL (C1)', '\u0085'],
    ['CSI (C1)', '\u009B'],
    ['tab', '\t'],
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['ZERO WIDTH SPACE', '\u200B'],
    ['ZERO WIDTH NON-JOINER', '\u200C'],
    ['ZERO WIDTH JOINER', '\u200D'],
    ['WORD JOINER', '\u2060'],
    ['INVISIBLE TIMES', '\u2062'],
    ['BYTE ORDER MARK', '\uFEFF'],
    ['SOFT HYPHEN', '\u00AD'],
    ['HANGUL FILLER', '\u3164'],
    ['HANGUL CHOSEONG FILLER', '\u115F'],
    ['MONGOLIAN VOWEL SEPARATOR', '\u180E'],
    ['TAG LATIN CAPITAL LETTER A', '\u{E0041}'],
    ['INTERLINEAR ANNOTATION ANCHOR', '\uFFF9'],
  ];

  it('refuse lone surrogates, controls, direction overrides and isolates, and zero-width characters, each with INVALID_REQUEST naming the field', async () => {
    const accepted: string[] = [];
    for (const field of IDENTIFIER_FIELDS) {
      for (const [what, hostile] of refusedEverywhere) {
        const result = await call(ctx.table, field.channel, field.payload(hostile));
        if (result.ok || result.error.code !== 'INVALID_REQUEST' || result.error.details?.field !== field.name) {
          accepted.push(`${field.channel} ${field.name} ← ${what}: ${JSON.stringify(result).slice(0, 160)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('fixed finding: accept other invisible (default-ignorable) characters, line separators and blank-looking text, and store them', async () => {
    const invisible: [string, string][] = [
      ['COMBINING GRAPHEME JOINER', '\u034F'],
      ['VARIATION SELECTOR-1', '\uFE00'],
      ['VARIATION SELECTOR-17', '\u{E0100}'],
      ['KHMER VOWEL INHERENT AQ', '\u17B4'],
      ['MONGOLIAN FREE VARIATION SELECTOR ONE', '\u180B'],
      ['LINE SEPARATOR', '\u2028'],
      ['PARAGRAPH SEPARATOR', '\u2029'],
      ['unassigned default-ignorable U+FFF0', '\uFFF0'],
      ['noncharacter U+FFFF', '\uFFFF'],
    ];
    const stored: string[] = [];
    for (const [what, hostile] of invisible) {
      const fields: string[] = [];
      let example = '';
      for (const field of IDENTIFIER_FIELDS) {
        const outcome = await probe(field, hostile);
        if (outcome.refused) continue;
        fields.push(`${field.channel} ${field.name}`);
        example ||= mark(outcome.stored, hostile);
      }
      if (fields.length) stored.push(`${hex(hostile)} ${what}: accepted by ${fields.join(', ')} (e.g. stored as ${example})`);
    }
    // A name made only of a blank-looking character is a name nobody can see in a list.
    const blank = await call(ctx.table, 'accounts.register', base({ displayName: '\u2800\u2800\u2800' }));
    if (blank.ok) stored.push(`U+2800 BRAILLE PATTERN BLANK as the whole displayName: stored as ${mark(await registered('displayName')(blank), '\u2800')}`);
    expect(stored).toEqual([]);
  });
});

describe('free text (notes and reasons)', () => {
  /** Each free-text field, with where its value can be read back. */
  async function freeTextFields(): Promise<
    { name: string; store: (text: string) => Promise<Result<unknown>>; readBack: (r: Result<unknown>) => Promise<string | null | undefined> }[]
  > {
    const pendingNote = async (r: Result<unknown>) =>
      valueOf<{ id: string; note: string | null }[]>(await call(ctx.table, 'cosign.pending', {})).find(
        (p) => p.id === (r as { value: { requestId: string } }).value.requestId,
      )?.note;
    const fresh = () => activeAccount({ platform: 'x', kind: 'principal', displayName: `Nota ${unique()}` });
    return [
      { name: 'accounts.register notes', store: (t) => call(ctx.table, 'accounts.register', base({ notes: t })), readBack: registered('notes') },
      {
        name: 'credentials.propose note',
        store: async (t) => call(ctx.table, 'credentials.propose', { accountId: await fresh(), secret: freshSecret(), reason: 'creation', note: t }),
        readBack: pendingNote,
      },
      {
        name: 'totp.propose note',
        store: async (t) => call(ctx.table, 'totp.propose', { accountId: await fresh(), source: { secret: 'JBSWY3DPEHPK3PXP' }, note: t }),
        readBack: pendingNote,
      },
      {
        name: 'recovery.replace note',
        store: async (t) => {
          const id = await fresh();
          valueOf(await call(ctx.table, 'recovery.store', { accountId: id, block: 'aaaa1111\nbbbb2222' }));
          return call(ctx.table, 'recovery.replace', { accountId: id, block: 'cccc3333\ndddd4444', note: t });
        },
        readBack: pendingNote,
      },
      {
        name: 'devices.add notes',
        store: (t) => call(ctx.table, 'devices.add', { label: `Celular ${unique()}`, number: '+51 987 654 321', institutionOwned: true, notes: t }),
        readBack: deviceOf('notes'),
      },
      {
        name: 'recovery.markUsed reason',
        store: async (t) => {
          const id = await fresh();
          valueOf(await call(ctx.table, 'recovery.store', { accountId: id, block: 'eeee5555\nffff6666' }));
          const { codes } = valueOf<{ codes: { id: string }[] }>(await call(ctx.table, 'recovery.get', { accountId: id }));
          const result = await call(ctx.table, 'recovery.markUsed', { codeId: codes[0]!.id, reason: t });
          return result.ok ? { ok: true, value: { accountId: id } } : result;
        },
        readBack: async (r) =>
          valueOf<{ codes: { used: { reason: string } | null }[] }>(
            await call(ctx.table, 'recovery.get', { accountId: (r as { value: { accountId: string } }).value.accountId }),
          ).codes.find((c) => c.used)?.used?.reason,
      },
    ];
  }

  it('refuse lone surrogates, direction overrides and controls other than tab and line breaks, naming the field', async () => {
    const hostile = ['\ud800', '\udfff', '\u202E', '\u2066', '\u200F', '\u061C', '\u0000', '\u001B[2J', '\u0007', '\u0085', '\u007F'];
    const accepted: string[] = [];
    for (const field of await freeTextFields()) {
      for (const h of hostile) {
        const result = await field.store(`Motivo${h}visible`);
        if (result.ok || result.error.code !== 'INVALID_REQUEST') accepted.push(`${field.name} ← ${hex(h)}: ${JSON.stringify(result).slice(0, 120)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('keep tab and line breaks, normalize to NFC and trim', async () => {
    const result = await call(ctx.table, 'accounts.register', base({ notes: '  Cafe\u0301 de prensa\n\tsegunda li\u0301nea\r\n  ' }));
    expect(await registered('notes')(result)).toBe('Café de prensa\n\tsegunda línea');
  });

  it('fixed finding: store zero-width and other invisible format characters verbatim, where nobody reading the note can see them', async () => {
    const invisible: [string, string][] = [
      ['ZERO WIDTH SPACE', '\u200B'],
      ['WORD JOINER', '\u2060'],
      ['INVISIBLE TIMES', '\u2062'],
      ['SOFT HYPHEN', '\u00AD'],
      ['BYTE ORDER MARK', '\uFEFF'],
      ['HANGUL FILLER', '\u3164'],
      ['INTERLINEAR ANNOTATION (hides the text between)', '\uFFF9oculto\uFFFA\uFFFB'],
      [
        'TAG characters outside an emoji flag ("ASCII smuggling": hidden "APROBADO")',
        [...'APROBADO'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join(''),
      ],
    ];
    const fields = await freeTextFields();
    const stored: string[] = [];
    for (const [what, h] of invisible) {
      const verbatim: string[] = [];
      let example = '';
      for (const field of fields) {
        const result = await field.store(`Se rechaza${h} por ahora`);
        if (!result.ok) continue;
        const back = await field.readBack(result);
        if (!back?.includes(h)) continue;
        verbatim.push(field.name);
        example ||= mark(back, h);
      }
      if (verbatim.length) stored.push(`${what}: read back verbatim from ${verbatim.join(', ')} (e.g. ${example})`);
    }
    expect(stored).toEqual([]);
  });
});

describe('text from an otpauth:// URI (typed in, pasted, or decoded from a QR screenshot)', () => {
  it('fixed finding: its issuer and label reach the vault without the text rules: direction overrides, controls, zero-width characters, non-NFC text', async () => {
    const uris: [string, string][] = [
      ['RIGHT-TO-LEFT OVERRIDE in the issuer', 'otpauth://totp/Pa%E2%80%AEgina:prensa?secret=JBSWY3DPEHPK3PXP'],
      ['NUL and an ANSI escape in the label', 'otpauth://totp/Banco:ana%00%1B%5B31m?secret=JBSWY3DPEHPK3PXP'],
      ['isolates in the label', 'otpauth://totp/X:%E2%81%A6y%E2%81%A9?secret=JBSWY3DPEHPK3PXP'],
      ['ZERO WIDTH SPACE in the issuer parameter', 'otpauth://totp/Facebook:ana?secret=JBSWY3DPEHPK3PXP&issuer=Face%E2%80%8Bbook'],
      ['a line feed as issuer parameter', 'otpauth://totp/Facebook:ana?secret=JBSWY3DPEHPK3PXP&issuer=%0AFacebook'],
      ['decomposed (non-NFC) text', 'otpauth://totp/Cafe%CC%81:jose%CC%81?secret=JBSWY3DPEHPK3PXP'],
    ];
    const faulty = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
    const accepted: string[] = [];
    for (const [what, uri] of uris) {
      const result = await call(ctx.table, 'totp.inspect', { source: { uri } });
      if (!result.ok) continue;
      const { issuer, label } = result.value as { issuer: string | null; label: string | null };
      for (const text of [issuer, label]) {
        if (text && (faulty.test(text) || text !== text.normalize('NFC'))) accepted.push(`${what}: ${hex(text)}`);
      }
    }

    // And once co-signed, it is what the account page shows.
    const id = await activeAccount({ platform: 'facebook', kind: 'principal', displayName: `Con TOTP ${unique()}` });
    const proposed = await call(ctx.table, 'totp.propose', { accountId: id, source: { uri: uris[0]![1] } });
    if (proposed.ok) {
      valueOf(
        await call(ctx.table, 'cosign.approve', {
          requestId: (proposed.value as { requestId: string }).requestId,
          approverId: ctx.ids.head,
          passphrase: KNOWN.headPass,
        }),
      );
      const { totp } = valueOf<{ totp: { issuer: string | null } }>(await call(ctx.table, 'accounts.get', { accountId: id }));
      if (totp.issuer && faulty.test(totp.issuer)) accepted.push(`accounts.get totp.issuer after approval: ${hex(totp.issuer)}`);
    }
    expect(accepted).toEqual([]);
  });
});
