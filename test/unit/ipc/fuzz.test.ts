import fc from 'fast-check';
import { cpSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/channels';
import { ERROR_CODES, type Result } from '../../../shared/result';
import { createHandlerTable, dispatch, type HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import { SAMPLE_ID, SAMPLE_PAYLOADS } from '../../fixtures/payloads';
import { richVault } from '../../fixtures/rich-vault';
import { freshServices, KNOWN, removeDir, tempDir } from '../../fixtures/vault';

/**
 * Every channel, in each of the three states (no vault, locked, unlocked), with at least 100
 * hostile payloads: random values, and well-formed requests whose fields are swapped for lone
 * surrogates, controls, direction overrides, impossible dates, extreme numbers, 1 MB strings and
 * the vault's own ids. The answer is always a typed Result — never INTERNAL, never a throw — and
 * afterwards the log verifies and every row is bound to the event that wrote it.
 */
const RUNS = 100;
const MEGABYTE = 'x'.repeat(1024 * 1024);

const hostileStrings = [
  '\ud800',
  'a\udc00b',
  '\udfff\ud800',
  'Página\u202Efdp.exe',
  '\u2066oculto\u2069',
  'nul\u0000byte',
  'bell\u0007',
  'línea\nnueva',
  'zero\u200Bwidth',
  '\uFEFF',
  '9999-12-31',
  '0000-00-00',
  '2024-02-30',
  '1999-12-31',
  '2101-01-01',
  '2026-13-01',
  '()()()',
  '+',
  '',
  ' ',
  '\t',
  MEGABYTE,
  '__proto__',
  'constructor',
  'toString',
  'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=',
  'OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP',
  'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP',
  'iVBORw0KGgo=',
  'https://user:pw@example.gob.pe',
  'javascript:alert(1)',
  'file:///etc/passwd',
  "'; DROP TABLE accounts; --",
  '%s%n%x',
  '../../../../etc/passwd',
  'A'.repeat(257),
  'ana@example.gob.pe',
  'x@zafiroquinta.gob.pe',
];
const hostileNumbers = [
  0,
  -0,
  -1,
  1,
  15,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

function arbitraries(ids: string[]) {
  const text = fc.oneof(
    fc.constantFrom(...hostileStrings),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.uuid(),
    fc.constantFrom('5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d', ...ids),
  );
  const scalar = fc.oneof(
    text,
    fc.constantFrom<unknown>(...hostileNumbers),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const value = fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'accountId', 'x'), scalar, { maxKeys: 3 }),
  );
  return { text, value };
}

/** A well-formed request with some of its fields, at any depth, replaced by hostile values (and sometimes an extra key). */
function mutated(sample: unknown, value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (sample === null || typeof sample !== 'object' || Array.isArray(sample)) return fc.oneof(fc.constant(sample), value);
  const entries = Object.entries(sample as Record<string, unknown>);
  const fields = Object.fromEntries(
    entries.map(([key, v]) => [key, fc.oneof({ weight: 1, arbitrary: fc.constant(v) }, { weight: 2, arbitrary: mutated(v, value) })]),
  );
  return fc
    .tuple(fc.record(fields), fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'note', 'passphrase'), value)))
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
}

const create = {
  institution: { name: 'Oficina', acronym: 'OF', emailDomains: ['oficina.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 },
  // Passphrases short enough to be refused: a fuzzed ceremony never derives keys nor founds a vault.
  keyholders: [
    { role: 'administrator', name: 'Ana', passphrase: 'corta' },
    { role: 'head', name: 'Luis', passphrase: 'breve' },
  ],
};
const SAMPLES: Record<Channel, unknown> = {
  ...SAMPLE_PAYLOADS,
  'people.add': { name: 'Ana Quispe', email: `ana@${KNOWN.domain}` },
  'vault.status': {},
  'vault.create': create,
  'vault.unlock': { keyholderId: '5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d', passphrase: 'x' },
} as Record<Channel, unknown>;

/** The samples with the vault's own ids in place of the placeholder (by field name), so that payloads reach past "unknown". */
function withIds<T>(value: T, real: Record<string, string>): T {
  if (Array.isArray(value)) return value.map((item) => withIds(item, real)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      typeof v === 'string' && real[key] && v === SAMPLE_ID ? real[key] : key === 'accountIds' && real.accountId ? [real.accountId] : withIds(v, real),
    ]),
  ) as T;
}

function isTypedResult(result: Result<unknown>): boolean {
  if (result.ok) return true;
  return (ERROR_CODES as readonly string[]).includes(result.error.code) && result.error.code !== 'INTERNAL';
}

/** Runs the fuzz; returns the channels that accepted at least one payload and the refusal codes met (proof it went past validation). */
async function fuzzEveryChannel(
  table: HandlerTable,
  ids: string[],
  skip: readonly Channel[] = [],
  real: Record<string, string> = {},
): Promise<{ accepted: Set<Channel>; codes: Set<string> }> {
  const { value } = arbitraries(ids);
  const samples = withIds(SAMPLES, real);
  const accepted = new Set<Channel>();
  const codes = new Set<string>();
  for (const channel of CHANNELS) {
    if (skip.includes(channel)) continue;
    const payload = fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 3, arbitrary: mutated(samples[channel], value) });
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        let result: Result<unknown>;
        try {
          result = await dispatch(table, channel, p);
        } catch (error) {
          throw new Error(`${channel} threw ${String(error)}`);
        }
        if (!isTypedResult(result)) throw new Error(`${channel} answered ${JSON.stringify(result).slice(0, 300)}`);
        if (result.ok) accepted.add(channel);
        else codes.add(result.error.code);
      }),
      // The channel's own sample, as it is, first: that the payloads reach the services (asserted below) does not hang on
      // chance (a strict schema refuses the extra key most mutations add: ~15 % of runs met no accepted call on some channel).
      { numRuns: RUNS, examples: [[samples[channel]]] },
    );
  }
  return { accepted, codes };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function open(dir: string): Promise<{ services: Services; table: HandlerTable; reported: string[] }> {
  const services = await freshServices(dir);
  const reported: string[] = [];
  cleanups.push(
    () => services.close(),
    () => removeDir(dir),
  );
  return { services, table: createHandlerTable(services, (channel, error) => reported.push(`${channel}: ${String(error)}`)), reported };
}

describe('IPC fuzz: every channel, every state, hostile payloads', () => {
  it('with no vault: typed answers only, and still no vault (the ceremony is never half-made)', async () => {
    const { services, table, reported } = await open(tempDir('custodia-fuzz-empty-'));
    await fuzzEveryChannel(table, []);
    expect(reported).toEqual([]);
    expect(services.setup.status().state).toBe('empty');
  }, 600_000);

  it('locked and unlocked: typed answers only; afterwards the log verifies and every row is bound to its event', async () => {
    const rich = await richVault();
    const dir = tempDir('custodia-fuzz-');
    cpSync(rich.dir, dir, { recursive: true });
    const { services, table, reported } = await open(dir);
    const ids = Object.values(rich.ids);

    let started = Date.now();
    await fuzzEveryChannel(table, ids);
    expect(services.sessions.current()).toBeUndefined();
    console.log(`fuzz locked: ${Date.now() - started} ms`);
    started = Date.now();

    await services.sessions.unlock(rich.ids.admin, KNOWN.adminPass);
    // Locking and unlocking are fuzzed in the locked state; here they would end the session under test.
    const real = {
      accountId: rich.ids.facebook,
      personId: rich.ids.person,
      codeId: rich.ids.usedCode,
      requestId: rich.ids.rejected,
      approverId: rich.ids.head,
      grantId: rich.ids.grant,
      deviceId: rich.ids.returnedDevice,
    };
    const { accepted, codes } = await fuzzEveryChannel(table, ids, ['vault.lock', 'vault.unlock'], real);
    console.log(`fuzz unlocked: ${Date.now() - started} ms; accepted on ${accepted.size} channels; refusals: ${[...codes].sort().join(' ')}`);
    // The payloads reach the services, not only the schemas: writes and reads were accepted, and services refused with their own codes.
    // (The alta, accounts.register, carries a whole Formulario A: a random mutation rarely leaves every field valid, so it is not asked
    // here; the lifecycle journey, test/e2e/lifecycle-journey.test.ts, requests one through this same handler table.)
    for (const channel of ['accounts.list', 'accounts.page', 'people.add', 'credentials.checkPolicy', 'totp.inspect'] as const)
      expect(accepted, channel).toContain(channel);
    // Which service refusals random payloads meet varies from run to run (POLICY_VIOLATION needs a password that passes the schema and
    // fails the policy); that several services answered with their own codes does not.
    expect(codes, 'INVALID_REQUEST').toContain('INVALID_REQUEST');
    expect([...codes].filter((code) => code !== 'INVALID_REQUEST').length, [...codes].join(' ')).toBeGreaterThanOrEqual(8);
    expect(reported).toEqual([]);
    expect(services.sessions.current()?.keyholderId).toBe(rich.ids.admin);

    expect(services.audit.verify()).toMatchObject({ ok: true });
    const integrity = services.integrity.verify();
    expect(integrity.ok, JSON.stringify(integrity.faults.slice(0, 3))).toBe(true);
    const db = services.vault.require();
    // Every account is one registered alone (before issue 17), one whose alta was requested (LIFE-1), or one of an
    // «inventario inicial» (issue 18), born with its request.
    const registered = db
      .prepare("SELECT count(*) FROM audit_events WHERE action IN ('account.registered', 'account.create.proposed')")
      .pluck()
      .get() as number;
    const imported = db
      .prepare("SELECT count(*) FROM accounts WHERE created_at IN (SELECT proposed_at FROM change_requests WHERE kind = 'inventory.import')")
      .pluck()
      .get() as number;
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(registered + imported);
  }, 900_000);
});
