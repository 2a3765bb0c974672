import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import { CHANNELS, type Channel } from '../../../shared/channels';
import { ERROR_CODES, type Result } from '../../../shared/result';
import { ALTA_FORM, SAMPLE_ID, SAMPLE_PAYLOADS } from '../../fixtures/payloads';
import { KNOWN, registerAccount, servicesOnCopy } from '../../fixtures/vault';
import { call, keyholderIds, tableOf, valueOf } from './helpers';

/**
 * Issue 11: every answer is a typed Result — never INTERNAL, never a thrown exception — for
 * hostile but schema-valid values: extreme numbers, megabyte strings, a thousand ids, deep and wide
 * payloads, and a clock at the far end of the vault's range. Afterwards the log and the state verify.
 */
let services: Services;
let table: HandlerTable;
const internals: string[] = [];
let ids: { administrator: string; head: string };
let accountId: string;
let personId: string;

const TYPED = new Set<string>(ERROR_CODES.filter((code) => code !== 'INTERNAL'));
const untyped = (result: Result<unknown>) => !result.ok && !TYPED.has(result.error.code);

/** Calls a channel and records any answer that is not a typed Result (or a throw) for the failure message. */
async function answer(channel: string, payload: unknown, problems: string[], label = ''): Promise<Result<unknown>> {
  let result: Result<unknown>;
  try {
    result = await call(table, channel, payload);
  } catch (error) {
    problems.push(`${channel} ${label}: threw ${String(error)}`);
    return { ok: false, error: { code: 'INTERNAL' } };
  }
  if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean' || untyped(result))
    problems.push(`${channel} ${label}: ${JSON.stringify(result).slice(0, 200)}`);
  return result;
}

beforeAll(async () => {
  services = await servicesOnCopy({ withBackup: false });
  table = tableOf(services, internals);
  ids = keyholderIds(services);
  valueOf(await call(table, 'vault.unlock', { keyholderId: ids.administrator, passphrase: KNOWN.adminPass }));
  const alta = valueOf<{ accountId: string; requestId: string }>(
    await call(table, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: 'Página de prensa' }, form: ALTA_FORM }),
  );
  accountId = alta.accountId;
  // In force once the head authorizes its alta (LIFE-1).
  valueOf(await call(table, 'cosign.approve', { requestId: alta.requestId, approverId: ids.head, passphrase: KNOWN.headPass }));
  const proposed = valueOf<{ personId: string; requestId: string }>(
    await call(table, 'people.add', { name: 'Wilmer Ancasi', email: `wilmer@${KNOWN.domain}` }),
  );
  // A new recipient is on record once the head authorizes it (LIFE-4).
  valueOf(await call(table, 'cosign.approve', { requestId: proposed.requestId, approverId: ids.head, passphrase: KNOWN.headPass }));
  personId = proposed.personId;
});

afterAll(async () => {
  expect(internals, 'answers that were INTERNAL').toEqual([]);
  expect(await call(table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  expect(await call(table, 'integrity.verify', {})).toMatchObject({ ok: true, value: { report: { ok: true } } });
  await services.close();
});

/** The well-formed samples with this vault's account and person in place (other ids stay unknown: no passphrase is tried, nothing throttles). */
function samples(): Record<Channel, unknown> {
  const real: Record<string, string> = { accountId, personId };
  const swap = (value: unknown, key = ''): unknown => {
    if (typeof value === 'string') return value === SAMPLE_ID && real[key] ? real[key] : value;
    if (Array.isArray(value)) return value.map((v) => (v === SAMPLE_ID && key === 'accountIds' ? accountId : swap(v)));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, k)]));
    return value;
  };
  const all = {
    ...SAMPLE_PAYLOADS,
    'vault.status': {},
    'vault.unlock': { keyholderId: SAMPLE_ID, passphrase: 'x' },
    'vault.create': {
      institution: { name: 'Oficina', acronym: 'OF', emailDomains: ['oficina.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 },
      keyholders: [
        { role: 'administrator', name: 'Ana', passphrase: 'corta' },
        { role: 'head', name: 'Luis', passphrase: 'breve' },
      ],
    },
    'people.add': { name: 'Ana Quispe', email: `ana@${KNOWN.domain}` },
  } as Record<Channel, unknown>;
  return swap(all) as Record<Channel, unknown>;
}

/** Every path to a string leaf of a payload. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
  return { ...(value as Record<string, unknown>), [head!]: replaced((value as Record<string, unknown>)[head!], rest, by) };
}

/** Channels that would end the session or need a second keyholder's passphrase are left out of the blanket runs. */
const SKIP: readonly Channel[] = ['vault.lock'];

describe('hostile but schema-valid values get typed answers', () => {
  it('extreme numbers in every setting of settings.propose (and per kind): SETTINGS_INVALID or INVALID_REQUEST, never INTERNAL', async () => {
    const settings = valueOf<Record<string, unknown>>(await call(table, 'settings.get', {}));
    const extremes = [
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      2 ** 31,
      2 ** 32 + 1,
      2 ** 53 + 2,
      1e21,
      -1,
      0,
      -0,
      0.5,
      1e308,
      -1e308,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
    ];
    const problems: string[] = [];
    const codes = new Set<string>();
    for (const key of Object.keys(settings).filter((k) => typeof settings[k] === 'number')) {
      for (const value of extremes) {
        const result = await answer('settings.propose', { settings: { ...settings, [key]: value } }, problems, `${key}=${value}`);
        codes.add(result.ok ? 'ok' : result.error.code);
      }
    }
    for (const kind of ['principal', 'support', 'authority', 'linked_email']) {
      for (const value of extremes) {
        const result = await answer(
          'settings.propose',
          { settings: { ...settings, kindIntervals: { [kind]: value } } },
          problems,
          `kindIntervals.${kind}=${value}`,
        );
        codes.add(result.ok ? 'ok' : result.error.code);
      }
    }
    expect(problems).toEqual([]);
    expect([...codes]).toEqual(expect.arrayContaining(['SETTINGS_INVALID', 'INVALID_REQUEST']));
  });

  it('a 1 MB string in every string field of every channel (plain, decomposed, all NULs): a typed answer each time', async () => {
    const megabytes = ['x'.repeat(1 << 20), 'e\u0301'.repeat(1 << 19), '\u0000'.repeat(1 << 20)];
    const problems: string[] = [];
    const all = samples();
    let tried = 0;
    for (const channel of CHANNELS) {
      if (SKIP.includes(channel)) continue;
      for (const path of stringPaths(all[channel])) {
        for (const big of megabytes) {
          await answer(channel, replaced(all[channel], path, big), problems, path.join('.'));
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    expect(services.sessions.current()).toBeDefined();
  });

  it('totp.codes with 1000 ids: a thousand real accounts, a thousand unknown ones, one account a thousand times, 1001 ids', async () => {
    const admin = services.sessions.require();
    const head = await services.sessions.authenticate(ids.head, KNOWN.headPass);
    const many = Array.from({ length: 1000 }, (_, i) =>
      registerAccount(services, admin, head, { platform: 'x', kind: 'principal', displayName: `Cuenta ${i}` }),
    );
    for (const id of many.slice(0, 3)) services.cosign.approve(services.totp.propose(admin, id, { secret: 'JBSWY3DPEHPK3PXP' }).requestId, head);
    services.sessions.release(head);
    const problems: string[] = [];
    const codes = await answer('totp.codes', { accountIds: many }, problems, '1000 real');
    expect(
      valueOf<{ accountId: string }[]>(codes)
        .map((c) => c.accountId)
        .sort(),
    ).toEqual(many.slice(0, 3).sort());
    expect(await answer('totp.codes', { accountIds: Array.from({ length: 1000 }, () => randomUUID()) }, problems, '1000 unknown')).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_UNKNOWN' },
    });
    expect(valueOf<unknown[]>(await answer('totp.codes', { accountIds: Array(1000).fill(many[0]) }, problems, 'one x1000'))).toHaveLength(1);
    expect(await answer('totp.codes', { accountIds: [...many, accountId] }, problems, '1001')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await answer('accounts.list', {}, problems)).toMatchObject({ ok: true });
    expect(problems).toEqual([]);
  });

  it('deep, wide and odd payloads on every channel: INVALID_REQUEST (or the channel’s own typed answer), never a throw', async () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 10_000; i++) deep = { account: deep, accountId: deep };
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i % 2 ? '\u202E' : i]));
    const longArray = Array.from({ length: 5_000 }, () => SAMPLE_ID);
    const odd: [string, unknown][] = [
      ['deep', deep],
      ['wide', wide],
      ['array', longArray],
      ['string', 'x'.repeat(1 << 20)],
      ['number', Number.MAX_VALUE],
      ['null', null],
      ['undefined', undefined],
      ['NaN', Number.NaN],
      ['bigint-like', { value: '9'.repeat(400) }],
      ['date', new Date(8.64e15)],
      ['typed array', new Uint8Array(1024)],
      ['map', new Map([['accountId', accountId]])],
      ['proto-null', Object.assign(Object.create(null) as object, { accountId })],
    ];
    const problems: string[] = [];
    for (const channel of CHANNELS) {
      if (SKIP.includes(channel)) continue;
      for (const [what, payload] of odd) await answer(channel, payload, problems, what);
      await answer(channel, { ...(samples()[channel] as object), accountIds: longArray }, problems, 'extra long array');
    }
    expect(problems).toEqual([]);
    expect(services.sessions.current()).toBeDefined();
  });

  it('extreme numbers elsewhere: password lengths, TOTP digits and periods, idle minutes of a ceremony', async () => {
    const problems: string[] = [];
    for (const length of [12, 128, 11, 129, 0, -1, 0.5, 1e9, Number.MAX_SAFE_INTEGER, Number.NaN])
      await answer('credentials.generate', { accountId, length }, problems, `length=${length}`);
    for (const digits of [6, 8, 9, 0, -6, 2 ** 53 - 1, 1e308]) {
      for (const period of [30, 60, 0, -30, 2 ** 31, 1e308])
        await answer('totp.inspect', { source: { secret: 'JBSWY3DPEHPK3PXP', digits, period } }, problems, `digits=${digits} period=${period}`);
    }
    for (const uri of [
      'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=99&period=999999',
      'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=-1&period=1e308',
      'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algorithm=SHA-1024',
      `otpauth://totp/X:y?secret=${'A'.repeat(2000)}`,
    ]) {
      await answer('totp.inspect', { source: { uri } }, problems, uri.slice(0, 60));
    }
    for (const idleLockMinutes of [0, 61, 1e308, -1, 0.5]) {
      const { institution, keyholders } = samples()['vault.create'] as { institution: object; keyholders: object[] };
      await answer('vault.create', { institution: { ...institution, idleLockMinutes }, keyholders }, problems, `idle=${idleLockMinutes}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('a clock at the far end of the vault’s range', () => {
  it('2100-12-31 23:59: every channel answers with a typed Result; a clock before the last event is CLOCK_BEHIND, and lock still succeeds', async () => {
    let now = new Date(Date.UTC(2100, 11, 31, 23, 59, 0));
    const late = await servicesOnCopy({ withBackup: false, clock: () => now });
    try {
      const lateTable = tableOf(late, internals);
      const problems: string[] = [];
      const own = keyholderIds(late);
      valueOf(await call(lateTable, 'vault.unlock', { keyholderId: own.administrator, passphrase: KNOWN.adminPass }));
      const id = valueOf<{ accountId: string }>(
        await call(lateTable, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: 'Cuenta tardía' }, form: ALTA_FORM }),
      ).accountId;
      const swap = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll(accountId, id).replaceAll(personId, SAMPLE_ID)) as unknown;
      const all = samples();
      for (const channel of CHANNELS) {
        if (SKIP.includes(channel)) continue;
        const result = await call(lateTable, channel, swap(all[channel]));
        if (untyped(result)) problems.push(`${channel}: ${JSON.stringify(result)}`);
      }
      expect(problems).toEqual([]);
      now = new Date(Date.UTC(2100, 11, 31, 23, 0, 0));
      expect(
        await call(lateTable, 'accounts.register', { account: { platform: 'x', kind: 'principal', displayName: 'Antes' }, form: ALTA_FORM }),
      ).toMatchObject({
        ok: false,
        error: { code: 'CLOCK_BEHIND' },
      });
      expect(await call(lateTable, 'vault.lock', {})).toMatchObject({ ok: true, value: { reason: 'manual', unrecorded: 'CLOCK_BEHIND' } });
      expect(late.sessions.current()).toBeUndefined();
      expect(await call(lateTable, 'vault.unlock', { keyholderId: own.administrator, passphrase: KNOWN.adminPass })).toMatchObject({
        ok: false,
        error: { code: 'CLOCK_BEHIND' },
      });
      expect(late.sessions.current()).toBeUndefined();
    } finally {
      await late.close();
    }
  });
});
