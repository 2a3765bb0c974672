import type { PlatformId } from '../../../../shared/platforms';
import type { HandoverItemId, HandoverPlanView } from '../../../../shared/handover';
import type { Actor } from '../../../../main/services/vault/session';
import { startHandover } from '../../../fixtures/handover';
import { freshSecret, keyholderId, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import { codeBlock, grantApplied, personOfKeyholder, profile, registerStaff, type Ctx } from '../people/people.context';

/**
 * An office of five accounts whose administrator hands over (issue 16's acceptance): the outgoing
 * administrator holds the admin role on each, was shown every password and one recovery code, holds
 * the recovery phone; one account has a seed, one stored recovery codes. Then the handover starts.
 */
export const INCOMING_PASS = 'cóndor andino sobre la cordillera 58';
export const PLATFORMS: readonly { platform: PlatformId; role: string; name: string }[] = [
  { platform: 'facebook', role: 'full_control', name: 'Página Entrega Facebook' },
  { platform: 'instagram', role: 'full_control', name: 'Perfil Entrega Instagram' },
  { platform: 'youtube', role: 'owner', name: 'Canal Entrega YouTube' },
  { platform: 'tiktok', role: 'admin', name: 'Cuenta Entrega TikTok' },
  { platform: 'x', role: 'owner', name: 'Cuenta Entrega X' },
];
export const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DP';

export interface Office {
  ctx: Ctx;
  accounts: string[];
  grants: string[];
  outgoingPerson: string;
  incomingPerson: string;
  phone: string;
  handoverId: string;
  incomingId: string;
  incoming: Actor;
  clock: { now: number };
}

export async function handoverOffice(): Promise<Office> {
  const clock = { now: Date.parse('2026-12-01T14:00:00Z') };
  const ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  const { services, admin, head } = ctx;
  const adminId = keyholderId(services, 'administrator');
  // The outgoing administrator's record completed (Formulario B), and the incoming one registered: both permanent staff.
  const outgoingPerson = registerStaff(
    ctx,
    profile({ names: 'Rosalinda', surnames: 'Quispecahua Trelles', documentId: '40111222', function: 'account_administrator' }),
    personOfKeyholder(services, adminId),
  );
  const incomingPerson = registerStaff(
    ctx,
    profile({ names: 'Wilfredo', surnames: 'Condori Apaza', documentId: '41333444', function: 'account_administrator' }),
  );
  const phone = services.twoStep.addDevice(admin, {
    label: 'Teléfono de recuperación',
    number: '+51 987 100 200',
    institutionOwned: true,
    holderKeyholderId: adminId,
  }).deviceId;
  const accounts: string[] = [];
  const grants: string[] = [];
  for (const p of PLATFORMS) {
    const id = registerAccount(services, admin, head, { platform: p.platform, kind: 'principal', displayName: p.name });
    rotateApplied(ctx, id);
    services.credentials.reveal(admin, id);
    grants.push(grantApplied(ctx, id, outgoingPerson, p.role));
    services.twoStep.update(admin, id, { method: 'totp_vault', recoveryDeviceId: phone, recoveryEmail: `prensa@${KNOWN.domain}` });
    accounts.push(id);
  }
  services.cosign.approve(services.totp.propose(admin, accounts[0]!, { secret: SEED }).requestId, head);
  services.recovery.store(admin, accounts[1]!, codeBlock());
  services.recovery.reveal(admin, services.recovery.view(accounts[1]!).codes[0]!.id);
  clock.now += 3_600_000;
  const { handoverId, incomingKeyholderId, incoming } = await startHandover(services, admin, head, {
    personId: incomingPerson,
    role: 'administrator',
    replaces: adminId,
    passphrase: INCOMING_PASS,
  });
  clock.now += 3_600_000;
  return { ctx, accounts, grants, outgoingPerson, incomingPerson, phone, handoverId, incomingId: incomingKeyholderId, incoming, clock };
}

/** Each account's items as `item:state` (or `item:missing` when open). */
export function states(plan: HandoverPlanView, accountId: string): Record<HandoverItemId, string> {
  const account = plan.accounts.find((a) => a.accountId === accountId)!;
  return Object.fromEntries(account.items.map((i) => [i.item, i.state === 'open' ? i.missing! : i.state])) as Record<HandoverItemId, string>;
}

export const itemOf = (plan: HandoverPlanView, accountId: string, item: HandoverItemId) =>
  plan.accounts.find((a) => a.accountId === accountId)!.items.find((i) => i.item === item)!;

/** A rotation proposed by `proposer` with `reason`, authorized by the head and applied by the proposer. */
export function rotate(o: Office, accountId: string, proposer: Actor, reason: 'handover' | 'scheduled' = 'handover'): string {
  return rotateApplied(o.ctx, accountId, freshSecret(), proposer, reason);
}

/** A role revocation authorized by the head and confirmed applied on the platform by `by`. */
export function revokeApplied(o: Office, grantId: string, by: Actor): void {
  const { services, head } = o.ctx;
  services.cosign.approve(services.staff.proposeRevoke(by, { grantId }).requestId, head);
  services.staff.confirmApplied(by, grantId);
}

/** A role grant authorized by the head and confirmed applied by `by`. */
export function grantAppliedBy(o: Office, accountId: string, personId: string, role: string, by: Actor): string {
  const { services, head } = o.ctx;
  const grant = services.cosign.approve(services.staff.proposeGrant(by, { accountId, personId, role }).requestId, head).subjects.grant!;
  services.staff.confirmApplied(by, grant);
  return grant;
}

export { codeBlock };
