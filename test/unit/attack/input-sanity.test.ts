import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import type { Result } from '../../../shared/result';
import { freshSecret, KNOWN, servicesOnCopy } from '../../fixtures/vault';
import { call, keyholderIds, tableOf, valueOf } from './helpers';

/**
 * Issue 11, input sanity (design.md §4, shared/input.ts): lone surrogates, control characters,
 * direction overrides and isolates, zero-width and other invisible characters are refused in every
 * identifier-like field of every channel (names, handles, logins, e-mails, labels); free text never
 * stores them invisibly; text is NFC-normalized and bounded after normalization; dates are real
 * days in 2000-01-01…2100-12-31; phone numbers are real; profile URLs are https. What a channel
 * accepts is read back through a read channel. Tests named "FINDING" fail today.
 */
let services: Services;
let table: HandlerTable;
const internals: string[] = [];
let ids: { administrator: string; head: string };
let accountId: string;
let personId: string;
let n = 0;
const unique = () => ++n;

beforeAll(async () => {
  services = await servicesOnCopy({ withBackup: false });
  table = tableOf(services, internals);
  ids = keyholderIds(services);
  valueOf(await call(table, 'vault.unlock', { keyholderId: ids.administrator, passphrase: KNOWN.adminPass }));
  accountId = valueOf<{ accountId: string }>(await call(table, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: 'Cuenta base' } })).accountId;
  personId = valueOf<{ personId: string }>(await call(table, 'people.add', { name: 'Persona base', email: `base@${KNOWN.domain}` })).personId;
});

afterAll(async () => {
  expect(internals, 'answers that were INTERNAL').toEqual([]);
  expect(await call(table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  await services.close();
});

const hex = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
/** The text with each of the hostile characters made visible, for the failure message. */
const mark = (text: string | null | undefined, hostile: string) =>
  typeof text === 'string' ? JSON.stringify([...new Set(hostile)].filter((c) => !/[\x20-\x7e]/.test(c)).reduce((t, c) => t.replaceAll(c, `⟨${hex(c)}⟩`), text)) : String(text);

interface Account {
  displayName: string;
  handle: string | null;
  altHandle: string | null;
  profileUrl: string | null;
  loginIdentifier: string | null;
  notes: string | null;
}
const account = async (id: string) => valueOf<Account>(await call(table, 'accounts.get', { accountId: id }));
const people = async () => valueOf<{ id: string; name: string; email: string }[]>(await call(table, 'people.list', {}));
const devices = async () => valueOf<{ id: string; label: string; number: string; notes: string | null }[]>(await call(table, 'devices.list', {}));

/**
 * Every identifier-like field a channel takes, as: the channel, the payload with the hostile text in
 * it, and how to read back what was stored (undefined where nothing can be read back: the answer
 * alone shows the value passed validation).
 */
interface Field {
  name: string;
  channel: string;
  payload: (hostile: string) => Record<string, unknown>;
  /** The answer when the text passes validation but the request cannot go further (a ceremony over an existing vault). */
  passed?: string;
  readBack?: (result: Result<unknown>) => Promise<string | null | undefined>;
}

const registered = (key: keyof Account) => async (r: Result<unknown>) => (await account((r as { value: { accountId: string } }).value.accountId))[key];
const personOf = (key: 'name' | 'email') => async (r: Result<unknown>) => (await people()).find((p) => p.id === (r as { value: { personId: string } }).value.personId)?.[key];
const deviceOf = (key: 'label' | 'number' | 'notes') => async (r: Result<unknown>) => (await devices()).find((d) => d.id === (r as { value: { deviceId: string } }).value.deviceId)?.[key];
const base = (extra: Record<string, unknown>) => ({ account: { platform: 'x', kind: 'principal', displayName: `Base ${unique()}`, ...extra } });
const institution = { name: 'Oficina', acronym: 'OF', emailDomains: ['oficina.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 };
const founders = [{ role: 'administrator', name: 'Ana', passphrase: 'corta' }, { role: 'head', name: 'Luis', passphrase: 'breve' }];

const IDENTIFIER_FIELDS: Field[] = [
  { name: 'displayName', channel: 'accounts.register', payload: (h) => base({ displayName: `Página${h}Oficial ${unique()}` }), readBack: registered('displayName') },
  { name: 'handle', channel: 'accounts.register', payload: (h) => base({ handle: `@prensa${h}oficial` }), readBack: registered('handle') },
  { name: 'altHandle', channel: 'accounts.register', payload: (h) => base({ altHandle: `@prensa${h}alterna` }), readBack: registered('altHandle') },
  { name: 'loginIdentifier', channel: 'accounts.register', payload: (h) => base({ loginIdentifier: `prensa${h}login` }), readBack: registered('loginIdentifier') },
  { name: 'profileUrl', channel: 'accounts.register', payload: (h) => base({ profileUrl: `https://www.facebook.com/prensa${h}oficial` }), readBack: registered('profileUrl') },
  { name: 'name', channel: 'people.add', payload: (h) => ({ name: `Wilmer${h}Ancasi`, email: `p${unique()}@${KNOWN.domain}` }), readBack: personOf('name') },
  { name: 'email', channel: 'people.add', payload: (h) => ({ name: 'Persona', email: `ana${unique()}${h}x@${KNOWN.domain}` }), readBack: personOf('email') },
  { name: 'label', channel: 'devices.add', payload: (h) => ({ label: `Celular${h}prensa`, number: '+51 987 654 321', institutionOwned: true }), readBack: deviceOf('label') },
  { name: 'number', channel: 'devices.add', payload: (h) => ({ label: 'Celular', number: `+51 987${h}654 321`, institutionOwned: true }), readBack: deviceOf('number') },
  {
    name: 'recoveryEmail',
    channel: 'twoStep.update',
    payload: (h) => ({ accountId, twoStep: { method: 'sms', recoveryEmail: `soporte${h}x@${KNOWN.domain}` } }),
    readBack: async () => valueOf<{ recoveryEmail: string | null }>(await call(table, 'twoStep.get', { accountId })).recoveryEmail,
  },
  { name: 'issuer', channel: 'totp.inspect', payload: (h) => ({ source: { secret: 'JBSWY3DPEHPK3PXP', issuer: `Face${h}book` } }), readBack: async (r) => (r as { value: { issuer: string } }).value.issuer },
  { name: 'label', channel: 'totp.inspect', payload: (h) => ({ source: { secret: 'JBSWY3DPEHPK3PXP', label: `prensa${h}x` } }), readBack: async (r) => (r as { value: { label: string } }).value.label },
  { name: 'channel', channel: 'distribution.recordDelivery', payload: (h) => ({ accountId, personId, channel: `in${h}_person` }), passed: 'DELIVERY_CHANNEL' },
  { name: 'name', channel: 'vault.create', payload: (h) => ({ institution: { ...institution, name: `Oficina${h}Prensa` }, keyholders: founders }), passed: 'VAULT_EXISTS' },
  { name: 'acronym', channel: 'vault.create', payload: (h) => ({ institution: { ...institution, acronym: `OF${h}P` }, keyholders: founders }), passed: 'VAULT_EXISTS' },
  { name: 'name', channel: 'vault.create', payload: (h) => ({ institution, keyholders: [{ ...founders[0]!, name: `Ana${h}Quispe` }, founders[1]!] }), passed: 'VAULT_EXISTS' },
];

/** What each field does with one hostile text: refused (with its reason), or accepted and stored as read back. */
async function probe(field: Field, hostile: string): Promise<{ refused: true; error: Result<unknown> } | { refused: false; stored: string | null | undefined }> {
  const result = await call(table, field.channel, field.payload(hostile));
  if (!result.ok && result.error.code !== field.passed) return { refused: true, error: result };
  return { refused: false, stored: field.readBack && result.ok ? await field.readBack(result) : `(passed validation: ${result.ok ? 'ok' : result.error.code})` };
}

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
        const result = await call(table, field.channel, field.payload(hostile));
        if (result.ok || result.error.code !== 'INVALID_REQUEST' || result.error.details?.field !== field.name) {
          accepted.push(`${field.channel} ${field.name} ← ${what}: ${JSON.stringify(result).slice(0, 160)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('FINDING: accept other invisible (default-ignorable) characters, line separators and blank-looking text, and store them', async () => {
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
    const blank = await call(table, 'accounts.register', base({ displayName: '\u2800\u2800\u2800' }));
    if (blank.ok) stored.push(`U+2800 BRAILLE PATTERN BLANK as the whole displayName: stored as ${mark(await registered('displayName')(blank), '\u2800')}`);
    expect(stored).toEqual([]);
  });
});

describe('free text (notes and reasons)', () => {
  /** Each free-text field, with where its value can be read back. */
  async function freeTextFields(): Promise<{ name: string; store: (text: string) => Promise<Result<unknown>>; readBack: (r: Result<unknown>) => Promise<string | null | undefined> }[]> {
    const pendingNote = async (r: Result<unknown>) => valueOf<{ id: string; note: string | null }[]>(await call(table, 'cosign.pending', {})).find((p) => p.id === (r as { value: { requestId: string } }).value.requestId)?.note;
    const fresh = async () => valueOf<{ accountId: string }>(await call(table, 'accounts.register', { account: { platform: 'x', kind: 'principal', displayName: `Nota ${unique()}` } })).accountId;
    return [
      { name: 'accounts.register notes', store: (t) => call(table, 'accounts.register', base({ notes: t })), readBack: registered('notes') },
      { name: 'credentials.propose note', store: async (t) => call(table, 'credentials.propose', { accountId: await fresh(), secret: freshSecret(), reason: 'creation', note: t }), readBack: pendingNote },
      { name: 'totp.propose note', store: async (t) => call(table, 'totp.propose', { accountId: await fresh(), source: { secret: 'JBSWY3DPEHPK3PXP' }, note: t }), readBack: pendingNote },
      {
        name: 'recovery.replace note',
        store: async (t) => {
          const id = await fresh();
          valueOf(await call(table, 'recovery.store', { accountId: id, block: 'aaaa1111\nbbbb2222' }));
          return call(table, 'recovery.replace', { accountId: id, block: 'cccc3333\ndddd4444', note: t });
        },
        readBack: pendingNote,
      },
      { name: 'devices.add notes', store: (t) => call(table, 'devices.add', { label: `Celular ${unique()}`, number: '+51 987 654 321', institutionOwned: true, notes: t }), readBack: deviceOf('notes') },
      {
        name: 'recovery.markUsed reason',
        store: async (t) => {
          const id = await fresh();
          valueOf(await call(table, 'recovery.store', { accountId: id, block: 'eeee5555\nffff6666' }));
          const { codes } = valueOf<{ codes: { id: string }[] }>(await call(table, 'recovery.get', { accountId: id }));
          const result = await call(table, 'recovery.markUsed', { codeId: codes[0]!.id, reason: t });
          return result.ok ? { ok: true, value: { accountId: id } } : result;
        },
        readBack: async (r) => valueOf<{ codes: { used: { reason: string } | null }[] }>(await call(table, 'recovery.get', { accountId: (r as { value: { accountId: string } }).value.accountId })).codes.find((c) => c.used)?.used?.reason,
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
    const result = await call(table, 'accounts.register', base({ notes: '  Cafe\u0301 de prensa\n\tsegunda li\u0301nea\r\n  ' }));
    expect(await registered('notes')(result)).toBe('Café de prensa\n\tsegunda línea');
  });

  it('FINDING: store zero-width and other invisible format characters verbatim, where nobody reading the note can see them', async () => {
    const invisible: [string, string][] = [
      ['ZERO WIDTH SPACE', '\u200B'],
      ['WORD JOINER', '\u2060'],
      ['INVISIBLE TIMES', '\u2062'],
      ['SOFT HYPHEN', '\u00AD'],
      ['BYTE ORDER MARK', '\uFEFF'],
      ['HANGUL FILLER', '\u3164'],
      ['INTERLINEAR ANNOTATION (hides the text between)', '\uFFF9oculto\uFFFA\uFFFB'],
      ['TAG characters outside an emoji flag ("ASCII smuggling": hidden "APROBADO")', [...'APROBADO'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')],
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
  it('FINDING: its issuer and label reach the vault without the text rules: direction overrides, controls, zero-width characters, non-NFC text', async () => {
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
      const result = await call(table, 'totp.inspect', { source: { uri } });
      if (!result.ok) continue;
      const { issuer, label } = result.value as { issuer: string | null; label: string | null };
      for (const text of [issuer, label]) {
        if (text && (faulty.test(text) || text !== text.normalize('NFC'))) accepted.push(`${what}: ${hex(text)}`);
      }
    }

    // And once co-signed, it is what the account page shows.
    const id = valueOf<{ accountId: string }>(await call(table, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: `Con TOTP ${unique()}` } })).accountId;
    const proposed = await call(table, 'totp.propose', { accountId: id, source: { uri: uris[0]![1] } });
    if (proposed.ok) {
      valueOf(await call(table, 'cosign.approve', { requestId: (proposed.value as { requestId: string }).requestId, approverId: ids.head, passphrase: KNOWN.headPass }));
      const { totp } = valueOf<{ totp: { issuer: string | null } }>(await call(table, 'accounts.get', { accountId: id }));
      if (totp.issuer && faulty.test(totp.issuer)) accepted.push(`accounts.get totp.issuer after approval: ${hex(totp.issuer)}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('homoglyph domains are not the institution’s; a full-width address is read as the plain one it is (NFKC)', async () => {
    for (const email of [`ana@zafir\u043Equinta.gob.pe`, `ana@zafiroquinta\u3002gob.pe`]) {
      const result = await call(table, 'people.add', { name: `Homóglifo ${unique()}`, email });
      expect(result.ok, email).toBe(false);
      expect(['EMAIL_DOMAIN_INVALID', 'INVALID_REQUEST'], email).toContain(result.ok ? '' : result.error.code);
    }
    const fullWidth = await call(table, 'people.add', { name: `Ancho completo ${unique()}`, email: `ana.${unique()}@\uFF5Aafiroquinta.gob.pe` });
    expect(await personOf('email')(fullWidth)).toMatch(/^ana\.[^@]+@zafiroquinta\.gob\.pe$/);
  });

  it('FINDING: people.add and twoStep.update store e-mail "addresses" that are not addresses, and ones longer than 254 characters once lower-cased', async () => {
    const bad = [`<script>alert(1)</script>@${KNOWN.domain}`, `ana..quispe@${KNOWN.domain}`, `"@${KNOWN.domain}`, `${'a'.repeat(70)}@${KNOWN.domain}`, `${'İ'.repeat(230)}@${KNOWN.domain}`];
    const stored: string[] = [];
    for (const email of bad) {
      const result = await call(table, 'people.add', { name: `Correo ${unique()}`, email });
      if (result.ok) {
        const back = await personOf('email')(result);
        stored.push(`people.add ${JSON.stringify(email.slice(0, 40))}… → stored ${back?.length} characters: ${JSON.stringify(back?.slice(0, 40))}`);
      }
    }
    const long = `${'İ'.repeat(240)}@gmail.com`;
    const updated = await call(table, 'twoStep.update', { accountId, twoStep: { method: 'sms', recoveryEmail: long } });
    if (updated.ok) {
      const back = valueOf<{ recoveryEmail: string | null }>(await call(table, 'twoStep.get', { accountId })).recoveryEmail;
      stored.push(`twoStep.update recoveryEmail of ${long.length} characters → stored ${back?.length}`);
    }
    expect(stored).toEqual([]);
  });

  it('FINDING: a login written with a full-width or small commercial at (U+FF20, U+FE6B) escapes SEC-2 (no free e-mail providers)', async () => {
    expect(await call(table, 'accounts.register', base({ loginIdentifier: 'prensa@gmail.com' }))).toMatchObject({ ok: false, error: { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2' } });
    const accepted: string[] = [];
    for (const login of ['prensa\uFF20gmail.com', 'prensa\uFE6Bgmail.com']) {
      const result = await call(table, 'accounts.register', base({ loginIdentifier: login }));
      if (result.ok) accepted.push(`${login} → stored ${JSON.stringify(await registered('loginIdentifier')(result))}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe('normalization and lengths', () => {
  it('names are stored NFC; the length bound applies after normalization, both ways', async () => {
    const decomposed = await call(table, 'accounts.register', base({ displayName: `Pa\u0301gina Oficial ${unique()}` }));
    expect(await registered('displayName')(decomposed)).toMatch(/^Página Oficial \d+$/);
    const person = await call(table, 'people.add', { name: 'Jose\u0301 Nun\u0303ez', email: `jose${unique()}@${KNOWN.domain}` });
    expect(await personOf('name')(person)).toBe('José Nuñez');
    // 150 decomposed "é" are 300 UTF-16 units typed and 150 stored: within 200.
    expect((await call(table, 'accounts.register', base({ displayName: 'e\u0301'.repeat(150) }))).ok).toBe(true);
    // U+FB2C becomes three code points under NFC: 100 typed are 300 after normalization.
    expect('\uFB2C'.normalize('NFC')).toHaveLength(3);
    expect(await call(table, 'accounts.register', base({ displayName: '\uFB2C'.repeat(100) }))).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'displayName', reason: 'too_long', max: 200 } } });
  });

  it('lone surrogates are refused in every other string a channel takes: passphrases, secrets, URIs, queries, heads', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['vault.unlock', { keyholderId: ids.administrator, passphrase: 'clave\ud800' }],
      ['cosign.approve', { requestId: accountId, approverId: ids.head, passphrase: '\udc00' }],
      ['credentials.propose', { accountId, secret: 'Abc123!\ud83d', reason: 'scheduled' }],
      ['credentials.checkPolicy', { accountId, secret: '\udfffAbc' }],
      ['totp.inspect', { source: { uri: 'otpauth://totp/X:\ud800?secret=JBSWY3DPEHPK3PXP' } }],
      ['totp.inspect', { source: { secret: 'JBSWY3DPEHPK3PXP\ud800' } }],
      ['accounts.list', { query: 'prensa\udc00' }],
      ['audit.findHead', { head: '1A2B\ud800' }],
      ['recovery.store', { accountId, block: 'aaaa1111\n\ud800' }],
    ];
    for (const [channel, payload] of cases) {
      expect(await call(table, channel, payload), channel).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'lone_surrogate' } } });
    }
    expect(services.sessions.current()?.keyholderId).toBe(ids.administrator);
  });
});

describe('dates, phone numbers, profile URLs, prototype keys', () => {
  it('support dates are real calendar days in 2000-01-01…2100-12-31, end not before start; history filters likewise', async () => {
    const support = (supportStart: string, supportEnd: string) => call(table, 'accounts.register', { account: { platform: 'x', kind: 'support', displayName: `Apoyo ${unique()}`, supportStart, supportEnd } });
    for (const [start, end] of [['2000-01-01', '2100-12-31'], ['2024-02-29', '2024-03-01']]) {
      const { accountId: id } = valueOf<{ accountId: string }>(await support(start!, end!));
      expect(await account(id), `${start}..${end}`).toMatchObject({ supportStart: start, supportEnd: end });
    }
    const wrong = ['1999-12-31', '2101-01-01', '2024-02-30', '2023-02-29', '0000-00-00', '9999-12-31', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '２０２４-01-01', '2024-01-01\u0000', '+02024-01-01'];
    for (const date of wrong) {
      expect(await support(date, '2030-01-01'), date).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'supportStart', reason: 'date' } } });
      expect(await call(table, 'credentials.history', { from: date }), date).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await support('2030-01-02', '2030-01-01')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_INVALID', rule: 'LIFE-2', details: { reason: 'end_before_start' } } });
  });

  it('phone numbers must be real numbers, and are stored in one international form', async () => {
    for (const [typed, stored] of [['987654321', '+51 987 654 321'], ['+51 (987) 654-321', '+51 987 654 321'], ['+595 981 123456', '+595 981 123456'], ['+51\u00A0987 654 321', '+51 987 654 321']] as const) {
      const result = await call(table, 'devices.add', { label: `Celular ${unique()}`, number: typed, institutionOwned: true });
      expect(await deviceOf('number')(result), typed).toBe(stored);
    }
    for (const number of ['()()()', '000000', '+51 000 000 000', '123456', '9'.repeat(30), '+', '+51 987 654 321 ext 5', '+٥١ ٩٨٧ ٦٥٤ ٣٢١']) {
      const result = await call(table, 'devices.add', { label: 'Celular', number, institutionOwned: true });
      expect(result, number).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'number' } } });
    }
  });

  it('profile URLs are https only, with a real host and no credentials', async () => {
    const ok = await call(table, 'accounts.register', base({ profileUrl: 'https://www.facebook.com/ZafiroquintaOficial' }));
    expect(await registered('profileUrl')(ok)).toBe('https://www.facebook.com/ZafiroquintaOficial');
    const wrong = ['http://www.facebook.com/x', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://x.gob.pe/', 'https://user:pw@x.gob.pe/', 'https://user@x.gob.pe/', 'https://localhost/', '//www.facebook.com/x', 'www.facebook.com/x', 'https://', 'https:// evil.com'];
    for (const profileUrl of wrong) {
      expect(await call(table, 'accounts.register', base({ profileUrl })), profileUrl).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'profileUrl' } } });
    }
  });

  it('payloads with __proto__ and constructor keys are refused and pollute nothing', async () => {
    const settings = valueOf<Record<string, unknown>>(await call(table, 'settings.get', {}));
    const payloads: [string, string][] = [
      ['accounts.register', '{"account":{"platform":"x","kind":"principal","displayName":"P","__proto__":{"polluted":"yes"}}}'],
      ['accounts.register', '{"__proto__":{"polluted":"yes"},"account":{"platform":"x","kind":"principal","displayName":"P"}}'],
      ['accounts.register', '{"account":{"platform":"x","kind":"principal","displayName":"P","constructor":{"prototype":{"polluted":"yes"}}}}'],
      ['settings.propose', JSON.stringify({ settings: { ...settings, kindIntervals: {} } }).replace('"kindIntervals":{}', '"kindIntervals":{"__proto__":5,"constructor":3}')],
      ['people.add', `{"name":"P","email":"p@${KNOWN.domain}","__proto__":{"isAdmin":true}}`],
      ['vault.unlock', `{"keyholderId":"${ids.administrator}","passphrase":"x","__proto__":{"passphrase":"${KNOWN.adminPass}"}}`],
    ];
    for (const [channel, json] of payloads) {
      expect(await call(table, channel, JSON.parse(json)), json).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
