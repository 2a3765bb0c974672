import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { ERROR_CODES, type Result } from '../../../shared/result';
import type { HandlerTable } from '../../../main/ipc/handlers';
import { CustodiaError } from '../../../main/domain/errors';
import { createServices, type Services } from '../../../main/services';
import type { Actor } from '../../../main/services/vault/session';
import { NEW_PASSPHRASES, registerPermanent } from '../../fixtures/keyholders';
import { unlockedWithActors } from '../../fixtures/vault';
import { call, counts, Leftovers, tableOf } from './helpers';

/**
 * Issue 16's roster (HAND-1) under attack by the administrator: hostile payloads to the keyholders
 * channels, deciding their own keyholder changes or having the wrong role decide them, forged and
 * replayed roster events signed with their own key, a clock set back, and sqlite3 edits of the
 * handover rows. The office runs one administrator handover, in order, from its start to its
 * completion; every refusal is typed and changes nothing.
 *
 * The setup the keyholder-attacks-roster*.test.ts files share: `useRoster()` opens the office's vault
 * once per file, unlocked by the administrator, and checks after the file that no answer was INTERNAL.
 */
export const left = new Leftovers();
/** The clock of every service here: one second per reading; a test may set it back or forward. */
export const time = { now: Date.parse('2026-11-22T15:00:00Z') };
export const clock = () => new Date((time.now += 1000));
export const internals: string[] = [];
export let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
export let table: HandlerTable;
export let services: Services;
export let incomingPerson: string;
export let spare: string;
/** The administrator handover under way: its id, the incoming keyholder and their proven session. */
export interface Handover {
  handoverId: string;
  incomingKeyholderId: string;
  incoming: Actor;
}

/** Opens the vault before the file's tests; after them, no INTERNAL answer, then everything closed and removed. */
export function useRoster(): void {
  beforeAll(async () => {
    ctx = await unlockedWithActors({ clock });
    services = ctx.services;
    left.dirs.push(services.vault.dataDir);
    await services.integrity.status();
    table = tableOf(services, internals);
    incomingPerson = registerPermanent(services, ctx.admin, ctx.head, 'Maximiliano');
    spare = registerPermanent(services, ctx.admin, ctx.head, 'Gumercinda');
  }, 120_000);

  afterAll(async () => {
    expect(internals, 'answers that were INTERNAL').toEqual([]);
    await services.close();
    await left.clean();
  });
}

export const TYPED = new Set<string>(ERROR_CODES.filter((code) => code !== 'INTERNAL'));
export const ids = () => ({ admin: ctx.admin.keyholderId, head: ctx.head.keyholderId, backup: ctx.backup.keyholderId });
export const db = () => services.vault.require();
export const n = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...args) as number;
export const snapshot = () => ({
  ...counts(services),
  keyholders: n('SELECT count(*) FROM keyholders'),
  requests: n('SELECT count(*) FROM change_requests'),
  epochs: n('SELECT count(*) FROM key_epochs'),
});

export const codeOf = async (run: () => unknown): Promise<{ code: string; rule?: string; details?: unknown }> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof CustodiaError) return { code: error.code, rule: error.rule, details: error.details };
    return { code: `not typed: ${String(error)}` };
  }
  return { code: 'none' };
};

/** A service call refused with `code` (a string, or a pattern of several acceptable codes); nothing is written. */
export async function refusedCall(run: () => unknown, code: string | RegExp): Promise<void> {
  const before = snapshot();
  const got = await codeOf(run);
  if (typeof code === 'string') expect(got.code).toBe(code);
  else expect(got.code).toMatch(code);
  expect(snapshot()).toEqual(before);
}

/** An IPC call refused with a typed `code` (and `part` or `rule` when given); nothing is written. */
export async function refused(channel: string, payload: unknown, code: string, more: { rule?: string; part?: string } = {}): Promise<void> {
  const before = snapshot();
  const result = await call(table, channel, payload);
  const label = `${channel} ${JSON.stringify(payload)?.slice(0, 160)}`;
  expect(result.ok, label).toBe(false);
  const { error } = result as Extract<Result<unknown>, { ok: false }>;
  expect(TYPED.has(error.code), label).toBe(true);
  expect(
    { code: error.code, ...(more.rule ? { rule: error.rule } : {}), ...(more.part ? { part: (error.details as { part?: string } | undefined)?.part } : {}) },
    label,
  ).toEqual({
    code,
    ...more,
  });
  expect(snapshot(), label).toEqual(before);
}

export const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
export const enrolPayload = (change: Record<string, unknown> = {}) => ({
  personId: spare,
  role: 'backup_administrator',
  passphrase: NEW_PASSPHRASES.other,
  confirm: NEW_PASSPHRASES.other,
  replaces: ids().backup,
  ...change,
});

/** Services over a copy of the vault as it is now, left locked, with its handler table. */
export async function lockedTable() {
  const dir = await copyNow();
  const other = await createServices({ dataDir: dir, clock });
  left.services.push(other);
  const events = () => other.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
  return { table: tableOf(other, internals), events, before: events() };
}

/** A copy of the vault's file as it is now (the services keep running on the original). */
export async function copyNow(): Promise<string> {
  const dir = left.dir();
  db().exec(`VACUUM INTO '${join(dir, 'vault.sqlite')}'`);
  return dir;
}

/**
 * The handover as keyholder-attacks-roster.test.ts leaves it before the head authorizes its completion
 * (there with every refusal in between): the incoming administrator enrolled on the head's
 * authorization, authenticated, and the completion they proposed left pending.
 */
export async function startHandover(): Promise<{ handover: Handover; pendingCompletion: string }> {
  const { requestId } = await services.keyholders.proposeEnrol(ctx.admin, {
    personId: incomingPerson,
    role: 'administrator',
    passphrase: NEW_PASSPHRASES.incoming,
    confirm: NEW_PASSPHRASES.incoming,
    replaces: ids().admin,
  });
  const { subjects } = services.cosign.approve(requestId, ctx.head);
  const incoming = await services.sessions.authenticate(subjects.keyholder!, NEW_PASSPHRASES.incoming);
  const handover = { handoverId: subjects.handover!, incomingKeyholderId: subjects.keyholder!, incoming };
  const completion = services.keyholders.proposeRevoke(incoming, { keyholderId: ids().admin, handoverId: handover.handoverId });
  return { handover, pendingCompletion: completion.requestId };
}
