import { CustodiaError } from '../../../../main/domain/errors';
import type { IncidentAction, IncidentView } from '../../../../shared/incidents';
import { grantRole, registerStaff, staffProfile } from '../../../fixtures/staff';
import { freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * A two-account office on 1 December 2026 (Lima, UTC−5) before a lost phone (SUP-2): both accounts
 * already had a password with reason «incidente» applied (an earlier incident), the Facebook page a
 * seed, and a designer holds a role on it. The clock moves one second per reading, and an hour on demand.
 */
export const START = Date.parse('2026-12-01T14:00:00Z');
export const SEED = 'JBSWY3DPEHPK3PXP';

export interface Office {
  ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
  fb: string;
  ig: string;
  designer: string;
  grant: string;
  clock: { now: number };
}

export async function incidentOffice(): Promise<Office> {
  const clock = { now: START };
  const ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  const { services, admin, head } = ctx;
  const fb = registerAccount(services, admin, head, { platform: 'facebook', kind: 'principal', displayName: 'Página Incidente Facebook' });
  const ig = registerAccount(services, admin, head, { platform: 'instagram', kind: 'principal', displayName: 'Perfil Incidente Instagram' });
  for (const id of [fb, ig]) rotateApplied(ctx, id, freshSecret(), admin, 'incident');
  services.cosign.approve(services.totp.propose(admin, fb, { secret: SEED }).requestId, head);
  const designer = registerStaff(services, admin, head, staffProfile('Evarista'));
  const grant = grantRole(services, admin, head, { accountId: fb, personId: designer, role: 'partial_content' });
  return { ctx, fb, ig, designer, grant, clock };
}

/** The day and time (Lima) of the office clock now, rounded down to the minute, as the form sends them. */
export function localNow(o: Office): { on: string; time: string } {
  const lima = new Date(o.clock.now - 5 * 3_600_000);
  return { on: lima.toISOString().slice(0, 10), time: lima.toISOString().slice(11, 16) };
}

export const refusal = (f: () => unknown): CustodiaError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CustodiaError) return error;
    throw error;
  }
  throw new Error('not refused');
};

/** Each account's actions as `action:state` (`action:missing` when open). */
export function states(view: IncidentView, accountId: string): Partial<Record<IncidentAction, string>> {
  const account = view.accounts.find((a) => a.accountId === accountId)!;
  return Object.fromEntries(account.actions.map((x) => [x.action, x.state === 'open' ? x.missing! : x.state]));
}

export const actionOf = (view: IncidentView, accountId: string, action: IncidentAction) =>
  view.accounts.find((a) => a.accountId === accountId)!.actions.find((x) => x.action === action)!;

export const eventCount = (o: Office) => o.ctx.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
