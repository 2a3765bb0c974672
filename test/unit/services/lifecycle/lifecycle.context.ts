import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { accountInput, type AccountInput } from '../../../../shared/accounts';
import { formularioA } from '../../../../shared/lifecycle';
import { CustodiaError } from '../../../../main/domain/errors';
import { FORM_A, unlockedWithActors } from '../../../fixtures/vault';

/**
 * What the lifecycle tests share (issue 17): a vault unlocked as the administrator with the head and
 * backup as actors, a clock the test moves forward, and edits of the file made the way an attacker
 * makes them (another connection, sqlite3's own), never through Custodia's.
 */
export type LifecycleContext = Awaited<ReturnType<typeof lifecycleContext>>;

export async function lifecycleContext(start = Date.UTC(2026, 2, 2, 15)) {
  const clock = { now: start };
  const ctx = await unlockedWithActors({ clock: () => new Date(clock.now) });
  return {
    ...ctx,
    clock,
    advanceHours(hours: number) {
      clock.now += hours * 3_600_000;
    },
    /** The alta requested by the administrator (not yet authorized). */
    requestAlta(account: AccountInput, extra: { secret?: string; form?: typeof FORM_A } = {}) {
      return ctx.services.lifecycle.requestAlta(ctx.admin, {
        account: accountInput.parse(account),
        form: formularioA.parse(extra.form ?? FORM_A),
        ...(extra.secret ? { secret: extra.secret } : {}),
      });
    },
    /** An edit of the vault file through a connection of its own, as with sqlite3. */
    editFile(sql: string, ...params: unknown[]) {
      const db = new Database(ctx.services.vault.path);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    statusOf(accountId: string): string {
      return ctx.services.vault.require().prepare('SELECT status FROM accounts WHERE id = ?').pluck().get(accountId) as string;
    },
    eventCount(): number {
      return ctx.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    },
  };
}

/** The refusal a call throws (a typed CustodiaError), for toMatchObject. */
export function refusalOf(run: () => unknown): { code: string; rule: string | undefined; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof CustodiaError) return { code: error.code, rule: error.rule, details: error.details };
    throw error;
  }
  expect.fail('expected a refusal');
}

export const SUPPORT = {
  platform: 'instagram',
  kind: 'support',
  displayName: 'Campaña Ñandutí Esmeralda',
  handle: '@nanduti.esmeralda',
  loginIdentifier: 'campania.nanduti@zafiroquinta.gob.pe',
  supportStart: '2026-03-01',
  supportEnd: '2026-03-31',
} as const satisfies AccountInput;
