import { afterAll, beforeAll, expect } from 'vitest';
import type { HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import type { Actor } from '../../../main/services/vault/session';
import type { Result } from '../../../shared/result';
import { KNOWN, servicesOnCopy } from '../../fixtures/vault';
import { call, keyholderIds, tableOf, valueOf } from './helpers';
import { ALTA_FORM } from '../../fixtures/payloads';

/**
 * Issue 11, input sanity (design.md §4, shared/input.ts): lone surrogates, control characters,
 * direction overrides and isolates, zero-width and other invisible characters are refused in every
 * identifier-like field of every channel (names, handles, logins, e-mails, labels); free text never
 * stores them invisibly; text is NFC-normalized and bounded after normalization; dates are real
 * days in 2000-01-01…2100-12-31; phone numbers are real; profile URLs are https. What a channel
 * accepts is read back through a read channel. Tests named "fixed finding" describe an attack that once got through and now must be refused.
 */
export const ctx = {} as {
  services: Services;
  table: HandlerTable;
  ids: { administrator: string; head: string };
  /** The head, proven once: a new person is on record when the head authorizes the request (LIFE-4). */
  head: Actor;
  accountId: string;
  personId: string;
};
const internals: string[] = [];
let n = 0;
export const unique = () => ++n;

/** One vault copy for the test file, unlocked as the administrator, with one account and one person; checked whole at the end. */
export function useVault(): void {
  beforeAll(async () => {
    ctx.services = await servicesOnCopy({ withBackup: false });
    ctx.table = tableOf(ctx.services, internals);
    ctx.ids = keyholderIds(ctx.services);
    valueOf(await call(ctx.table, 'vault.unlock', { keyholderId: ctx.ids.administrator, passphrase: KNOWN.adminPass }));
    const alta = valueOf<{ accountId: string; requestId: string }>(
      await call(ctx.table, 'accounts.register', { account: { platform: 'facebook', kind: 'principal', displayName: 'Cuenta base' }, form: ALTA_FORM }),
    );
    ctx.accountId = alta.accountId;
    ctx.head = await ctx.services.sessions.authenticate(ctx.ids.head, KNOWN.headPass);
    // In force once the head authorizes its alta (LIFE-1).
    ctx.services.cosign.approve(alta.requestId, ctx.head);
    ctx.personId = authorized(await call(ctx.table, 'people.add', { name: 'Persona base', email: `base@${KNOWN.domain}` }));
  });

  afterAll(async () => {
    ctx.services.sessions.release(ctx.head);
    expect(internals, 'answers that were INTERNAL').toEqual([]);
    expect(await call(ctx.table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    await ctx.services.close();
  });
}

export const hex = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
/** The text with each of the hostile characters made visible, for the failure message. */
export const mark = (text: string | null | undefined, hostile: string) =>
  typeof text === 'string'
    ? JSON.stringify([...new Set(hostile)].filter((c) => !/[\x20-\x7e]/.test(c)).reduce((t, c) => t.replaceAll(c, `⟨${hex(c)}⟩`), text))
    : String(text);

export interface Account {
  displayName: string;
  handle: string | null;
  altHandle: string | null;
  profileUrl: string | null;
  loginIdentifier: string | null;
  notes: string | null;
}
export const account = async (id: string) => valueOf<Account>(await call(ctx.table, 'accounts.get', { accountId: id }));
export const people = async () => valueOf<{ id: string; name: string; email: string }[]>(await call(ctx.table, 'people.list', {}));
export const devices = async () => valueOf<{ id: string; label: string; number: string; notes: string | null }[]>(await call(ctx.table, 'devices.list', {}));

/**
 * Every identifier-like field a channel takes, as: the channel, the payload with the hostile text in
 * it, and how to read back what was stored (undefined where nothing can be read back: the answer
 * alone shows the value passed validation).
 */
export interface Field {
  name: string;
  channel: string;
  payload: (hostile: string) => Record<string, unknown>;
  /** The answer when the text passes validation but the request cannot go further (a ceremony over an existing vault). */
  passed?: string;
  readBack?: (result: Result<unknown>) => Promise<string | null | undefined>;
}

export const registered = (key: keyof Account) => async (r: Result<unknown>) => (await account((r as { value: { accountId: string } }).value.accountId))[key];
/** An account requested through the channel (its alta) and authorized by the head (LIFE-1); returns its id. */
export async function activeAccount(account: Record<string, unknown>): Promise<string> {
  const { accountId, requestId } = valueOf<{ accountId: string; requestId: string }>(await call(ctx.table, 'accounts.register', { account, form: ALTA_FORM }));
  ctx.services.cosign.approve(requestId, ctx.head);
  return accountId;
}

/** The person a `people.add` proposed, once the head authorizes the request; returns their id. */
export function authorized(result: Result<unknown>): string {
  const { personId, requestId } = valueOf<{ personId: string; requestId: string }>(result);
  ctx.services.cosign.approve(requestId, ctx.head);
  return personId;
}
export const personOf = (key: 'name' | 'email') => async (r: Result<unknown>) => {
  const personId = authorized(r);
  return (await people()).find((p) => p.id === personId)?.[key];
};
export const deviceOf = (key: 'label' | 'number' | 'notes') => async (r: Result<unknown>) =>
  (await devices()).find((d) => d.id === (r as { value: { deviceId: string } }).value.deviceId)?.[key];
export const base = (extra: Record<string, unknown>) => ({
  account: { platform: 'x', kind: 'principal', displayName: `Base ${unique()}`, ...extra },
  form: ALTA_FORM,
});
export const institution = { name: 'Oficina', acronym: 'OF', emailDomains: ['oficina.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 };
export const founders = [
  { role: 'administrator', name: 'Ana', passphrase: 'corta' },
  { role: 'head', name: 'Luis', passphrase: 'breve' },
];

export const IDENTIFIER_FIELDS: Field[] = [
  {
    name: 'displayName',
    channel: 'accounts.register',
    payload: (h) => base({ displayName: `Página${h}Oficial ${unique()}` }),
    readBack: registered('displayName'),
  },
  { name: 'handle', channel: 'accounts.register', payload: (h) => base({ handle: `@prensa${h}oficial` }), readBack: registered('handle') },
  { name: 'altHandle', channel: 'accounts.register', payload: (h) => base({ altHandle: `@prensa${h}alterna` }), readBack: registered('altHandle') },
  {
    name: 'loginIdentifier',
    channel: 'accounts.register',
    payload: (h) => base({ loginIdentifier: `prensa${h}login` }),
    readBack: registered('loginIdentifier'),
  },
  {
    name: 'profileUrl',
    channel: 'accounts.register',
    payload: (h) => base({ profileUrl: `https://www.facebook.com/prensa${h}oficial` }),
    readBack: registered('profileUrl'),
  },
  { name: 'name', channel: 'people.add', payload: (h) => ({ name: `Wilmer${h}Ancasi`, email: `p${unique()}@${KNOWN.domain}` }), readBack: personOf('name') },
  { name: 'email', channel: 'people.add', payload: (h) => ({ name: 'Persona', email: `ana${unique()}${h}x@${KNOWN.domain}` }), readBack: personOf('email') },
  {
    name: 'label',
    channel: 'devices.add',
    payload: (h) => ({ label: `Celular${h}prensa`, number: '+51 987 654 321', institutionOwned: true }),
    readBack: deviceOf('label'),
  },
  {
    name: 'number',
    channel: 'devices.add',
    payload: (h) => ({ label: 'Celular', number: `+51 987${h}654 321`, institutionOwned: true }),
    readBack: deviceOf('number'),
  },
  {
    name: 'recoveryEmail',
    channel: 'twoStep.update',
    payload: (h) => ({ accountId: ctx.accountId, twoStep: { method: 'sms', recoveryEmail: `soporte${h}x@${KNOWN.domain}` } }),
    readBack: async () => valueOf<{ recoveryEmail: string | null }>(await call(ctx.table, 'twoStep.get', { accountId: ctx.accountId })).recoveryEmail,
  },
  {
    name: 'issuer',
    channel: 'totp.inspect',
    payload: (h) => ({ source: { secret: 'JBSWY3DPEHPK3PXP', issuer: `Face${h}book` } }),
    readBack: async (r) => (r as { value: { issuer: string } }).value.issuer,
  },
  {
    name: 'label',
    channel: 'totp.inspect',
    payload: (h) => ({ source: { secret: 'JBSWY3DPEHPK3PXP', label: `prensa${h}x` } }),
    readBack: async (r) => (r as { value: { label: string } }).value.label,
  },
  {
    name: 'channel',
    channel: 'distribution.recordDelivery',
    payload: (h) => ({ accountId: ctx.accountId, personId: ctx.personId, channel: `in${h}_person` }),
    passed: 'DELIVERY_CHANNEL',
  },
  {
    name: 'name',
    channel: 'vault.create',
    payload: (h) => ({ institution: { ...institution, name: `Oficina${h}Prensa` }, keyholders: founders }),
    passed: 'VAULT_EXISTS',
  },
  {
    name: 'acronym',
    channel: 'vault.create',
    payload: (h) => ({ institution: { ...institution, acronym: `OF${h}P` }, keyholders: founders }),
    passed: 'VAULT_EXISTS',
  },
  {
    name: 'name',
    channel: 'vault.create',
    payload: (h) => ({ institution, keyholders: [{ ...founders[0]!, name: `Ana${h}Quispe` }, founders[1]!] }),
    passed: 'VAULT_EXISTS',
  },
];

/** What each field does with one hostile text: refused (with its reason), or accepted and stored as read back. */
export async function probe(
  field: Field,
  hostile: string,
): Promise<{ refused: true; error: Result<unknown> } | { refused: false; stored: string | null | undefined }> {
  const result = await call(ctx.table, field.channel, field.payload(hostile));
  if (!result.ok && result.error.code !== field.passed) return { refused: true, error: result };
  return {
    refused: false,
    stored: field.readBack && result.ok ? await field.readBack(result) : `(passed validation: ${result.ok ? 'ok' : result.error.code})`,
  };
}
