import { describe, expect, it } from 'vitest';
import { KNOWN } from '../../fixtures/vault';
import { call, valueOf } from './helpers';
import { ctx, unique, account, registered, personOf, deviceOf, base, useVault } from './input-sanity.context';
import { ALTA_FORM } from '../../fixtures/payloads';

/** Issue 11, input sanity: see input-sanity.context.ts. */
useVault();

describe('e-mail addresses', () => {
  it('homoglyph domains are not the institution’s; a full-width address is read as the plain one it is (NFKC)', async () => {
    for (const email of [`ana@zafir\u043Equinta.gob.pe`, `ana@zafiroquinta\u3002gob.pe`]) {
      const result = await call(ctx.table, 'people.add', { name: `Homóglifo ${unique()}`, email });
      expect(result.ok, email).toBe(false);
      expect(['EMAIL_DOMAIN_INVALID', 'INVALID_REQUEST'], email).toContain(result.ok ? '' : result.error.code);
    }
    const fullWidth = await call(ctx.table, 'people.add', { name: `Ancho completo ${unique()}`, email: `ana.${unique()}@\uFF5Aafiroquinta.gob.pe` });
    expect(await personOf('email')(fullWidth)).toMatch(/^ana\.[^@]+@zafiroquinta\.gob\.pe$/);
  });

  it('fixed finding: people.add and twoStep.update store e-mail "addresses" that are not addresses, and ones longer than 254 characters once lower-cased', async () => {
    const bad = [
      `<script>alert(1)</script>@${KNOWN.domain}`,
      `ana..quispe@${KNOWN.domain}`,
      `"@${KNOWN.domain}`,
      `${'a'.repeat(70)}@${KNOWN.domain}`,
      `${'İ'.repeat(230)}@${KNOWN.domain}`,
    ];
    const stored: string[] = [];
    for (const email of bad) {
      const result = await call(ctx.table, 'people.add', { name: `Correo ${unique()}`, email });
      if (result.ok) {
        const back = await personOf('email')(result);
        stored.push(`people.add ${JSON.stringify(email.slice(0, 40))}… → stored ${back?.length} characters: ${JSON.stringify(back?.slice(0, 40))}`);
      }
    }
    const long = `${'İ'.repeat(240)}@gmail.com`;
    const updated = await call(ctx.table, 'twoStep.update', { accountId: ctx.accountId, twoStep: { method: 'sms', recoveryEmail: long } });
    if (updated.ok) {
      const back = valueOf<{ recoveryEmail: string | null }>(await call(ctx.table, 'twoStep.get', { accountId: ctx.accountId })).recoveryEmail;
      stored.push(`twoStep.update recoveryEmail of ${long.length} characters → stored ${back?.length}`);
    }
    expect(stored).toEqual([]);
  });

  it('fixed finding: a login written with a full-width or small commercial at (U+FF20, U+FE6B) escapes SEC-2 (no free e-mail providers)', async () => {
    expect(await call(ctx.table, 'accounts.register', base({ loginIdentifier: 'prensa@gmail.com' }))).toMatchObject({
      ok: false,
      error: { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2' },
    });
    const accepted: string[] = [];
    for (const login of ['prensa\uFF20gmail.com', 'prensa\uFE6Bgmail.com']) {
      const result = await call(ctx.table, 'accounts.register', base({ loginIdentifier: login }));
      if (result.ok) accepted.push(`${login} → stored ${JSON.stringify(await registered('loginIdentifier')(result))}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe('normalization and lengths', () => {
  it('names are stored NFC; the length bound applies after normalization, both ways', async () => {
    const decomposed = await call(ctx.table, 'accounts.register', base({ displayName: `Pa\u0301gina Oficial ${unique()}` }));
    expect(await registered('displayName')(decomposed)).toMatch(/^Página Oficial \d+$/);
    const person = await call(ctx.table, 'people.add', { name: 'Jose\u0301 Nun\u0303ez', email: `jose${unique()}@${KNOWN.domain}` });
    expect(await personOf('name')(person)).toBe('José Nuñez');
    // 150 decomposed "é" are 300 UTF-16 units typed and 150 stored: within 200.
    expect((await call(ctx.table, 'accounts.register', base({ displayName: 'e\u0301'.repeat(150) }))).ok).toBe(true);
    // U+FB2C becomes three code points under NFC: 100 typed are 300 after normalization.
    expect('\uFB2C'.normalize('NFC')).toHaveLength(3);
    expect(await call(ctx.table, 'accounts.register', base({ displayName: '\uFB2C'.repeat(100) }))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', details: { field: 'displayName', reason: 'too_long', max: 200 } },
    });
  });

  it('lone surrogates are refused in every other string a channel takes: passphrases, secrets, URIs, queries, heads', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['vault.unlock', { keyholderId: ctx.ids.administrator, passphrase: 'clave\ud800' }],
      ['cosign.approve', { requestId: ctx.accountId, approverId: ctx.ids.head, passphrase: '\udc00' }],
      ['credentials.propose', { accountId: ctx.accountId, secret: 'Abc123!\ud83d', reason: 'scheduled' }],
      ['credentials.checkPolicy', { accountId: ctx.accountId, secret: '\udfffAbc' }],
      ['totp.inspect', { source: { uri: 'otpauth://totp/X:\ud800?secret=JBSWY3DPEHPK3PXP' } }],
      ['totp.inspect', { source: { secret: 'JBSWY3DPEHPK3PXP\ud800' } }],
      ['accounts.list', { query: 'prensa\udc00' }],
      ['audit.findHead', { head: '1A2B\ud800' }],
      ['recovery.store', { accountId: ctx.accountId, block: 'aaaa1111\n\ud800' }],
    ];
    for (const [channel, payload] of cases) {
      expect(await call(ctx.table, channel, payload), channel).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', details: { reason: 'lone_surrogate' } },
      });
    }
    expect(ctx.services.sessions.current()?.keyholderId).toBe(ctx.ids.administrator);
  });
});

describe('dates, phone numbers, profile URLs, prototype keys', () => {
  it('support dates are real calendar days in 2000-01-01…2100-12-31, end not before start; history filters likewise', async () => {
    const support = (supportStart: string, supportEnd: string) =>
      call(ctx.table, 'accounts.register', {
        account: { platform: 'x', kind: 'support', displayName: `Apoyo ${unique()}`, supportStart, supportEnd },
        form: ALTA_FORM,
      });
    for (const [start, end] of [
      ['2000-01-01', '2100-12-31'],
      ['2024-02-29', '2024-03-01'],
    ]) {
      const { accountId: id } = valueOf<{ accountId: string }>(await support(start!, end!));
      expect(await account(id), `${start}..${end}`).toMatchObject({ supportStart: start, supportEnd: end });
    }
    const wrong = [
      '1999-12-31',
      '2101-01-01',
      '2024-02-30',
      '2023-02-29',
      '0000-00-00',
      '9999-12-31',
      '2024-13-01',
      '2024-1-01',
      '2024-01-01T00:00:00Z',
      ' 2024-01-01',
      '２０２４-01-01',
      '2024-01-01\u0000',
      '+02024-01-01',
    ];
    for (const date of wrong) {
      expect(await support(date, '2030-01-01'), date).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', details: { field: 'supportStart', reason: 'date' } },
      });
      expect(await call(ctx.table, 'credentials.history', { from: date }), date).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await support('2030-01-02', '2030-01-01')).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_INVALID', rule: 'LIFE-2', details: { reason: 'end_before_start' } },
    });
  });

  it('phone numbers must be real numbers, and are stored in one international form', async () => {
    for (const [typed, stored] of [
      ['987654321', '+51 987 654 321'],
      ['+51 (987) 654-321', '+51 987 654 321'],
      ['+595 981 123456', '+595 981 123456'],
      ['+51\u00A0987 654 321', '+51 987 654 321'],
    ] as const) {
      const result = await call(ctx.table, 'devices.add', { label: `Celular ${unique()}`, number: typed, institutionOwned: true });
      expect(await deviceOf('number')(result), typed).toBe(stored);
    }
    for (const number of ['()()()', '000000', '+51 000 000 000', '123456', '9'.repeat(30), '+', '+51 987 654 321 ext 5', '+٥١ ٩٨٧ ٦٥٤ ٣٢١']) {
      const result = await call(ctx.table, 'devices.add', { label: 'Celular', number, institutionOwned: true });
      expect(result, number).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'number' } } });
    }
  });

  it('profile URLs are https only, with a real host and no credentials', async () => {
    const ok = await call(ctx.table, 'accounts.register', base({ profileUrl: 'https://www.facebook.com/ZafiroquintaOficial' }));
    expect(await registered('profileUrl')(ok)).toBe('https://www.facebook.com/ZafiroquintaOficial');
    const wrong = [
      'http://www.facebook.com/x',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://x.gob.pe/',
      'https://user:pw@x.gob.pe/',
      'https://user@x.gob.pe/',
      'https://localhost/',
      '//www.facebook.com/x',
      'www.facebook.com/x',
      'https://',
      'https:// evil.com',
    ];
    for (const profileUrl of wrong) {
      expect(await call(ctx.table, 'accounts.register', base({ profileUrl })), profileUrl).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', details: { field: 'profileUrl' } },
      });
    }
  });

  it('payloads with __proto__ and constructor keys are refused and pollute nothing', async () => {
    const settings = valueOf<Record<string, unknown>>(await call(ctx.table, 'settings.get', {}));
    const form = JSON.stringify(ALTA_FORM);
    const payloads: [string, string][] = [
      ['accounts.register', `{"form":${form},"account":{"platform":"x","kind":"principal","displayName":"P","__proto__":{"polluted":"yes"}}}`],
      ['accounts.register', `{"__proto__":{"polluted":"yes"},"form":${form},"account":{"platform":"x","kind":"principal","displayName":"P"}}`],
      ['accounts.register', `{"form":${form},"account":{"platform":"x","kind":"principal","displayName":"P","constructor":{"prototype":{"polluted":"yes"}}}}`],
      [
        'accounts.register',
        `{"account":{"platform":"x","kind":"principal","displayName":"P"},"form":${form.replace('"authorizedUsers":[]', '"authorizedUsers":[],"__proto__":{"polluted":"yes"}')}}`,
      ],
      [
        'settings.propose',
        JSON.stringify({ settings: { ...settings, kindIntervals: {} } }).replace('"kindIntervals":{}', '"kindIntervals":{"__proto__":5,"constructor":3}'),
      ],
      ['people.add', `{"name":"P","email":"p@${KNOWN.domain}","__proto__":{"isAdmin":true}}`],
      ['vault.unlock', `{"keyholderId":"${ctx.ids.administrator}","passphrase":"x","__proto__":{"passphrase":"${KNOWN.adminPass}"}}`],
    ];
    for (const [channel, json] of payloads) {
      expect(await call(ctx.table, channel, JSON.parse(json)), json).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
