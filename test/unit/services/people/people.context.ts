import { randomBytes } from 'node:crypto';
import type { PlatformId } from '../../../../shared/platforms';
import type { StaffProfile } from '../../../../shared/staff';
import type { Services } from '../../../../main/services';
import type { Actor } from '../../../../main/services/vault/session';
import { KNOWN, registerAccount, rotateApplied, type unlockedWithActors } from '../../../fixtures/vault';

/**
 * What the staff tests (test/unit/services/people) share: a Formulario B with unique values,
 * registrations and grants as the office makes them (the administrator proposes, the head
 * authorizes), accounts with a current password, and counts of what a refusal must not write.
 */
export type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;

let n = 0;
/** A number no other call in this process returns: unique cédulas, e-mails and mobiles. */
export const unique = () => ++n;

/** A community manager on the permanent staff, with values unique to this call; `change` says what differs. */
export function profile(change: Partial<StaffProfile> = {}): StaffProfile {
  const i = unique();
  return {
    names: `Persona${i}`,
    surnames: 'Prueba',
    documentId: `DOC${String(i).padStart(5, '0')}`,
    dependency: 'Prensa',
    link: 'permanent',
    email: `persona${i}@${KNOWN.domain}`,
    mobile: `+51 9${String(10_000_000 + i).slice(-8)}`,
    function: 'community_manager',
    agreement: null,
    internalContactId: null,
    startDate: '2024-01-01',
    ...change,
  };
}

/** Formulario B proposed by the administrator and authorized by the head; the person's id. */
export function registerStaff(ctx: Ctx, p: StaffProfile, personId?: string): string {
  const { requestId } = ctx.services.staff.proposeRegister(ctx.admin, { profile: p, ...(personId ? { personId } : {}) });
  return ctx.services.cosign.approve(requestId, ctx.head).subjects.person!;
}

/** An outsourced community manager with the agreement and an internal contact on file (ROLE-4 satisfied). */
export function outsourcedWithAgreement(ctx: Ctx, contactId: string, change: Partial<StaffProfile> = {}): string {
  return registerStaff(
    ctx,
    profile({
      link: 'outsourced',
      linkDetail: `Agencia ${unique()}`,
      agreement: { date: '2024-02-01', reference: `AC-${unique()}` },
      internalContactId: contactId,
      ...change,
    }),
  );
}

/** A person's Formulario B changed through the co-signed request. */
export function updateStaff(ctx: Ctx, personId: string, change: Partial<StaffProfile>): void {
  const current = ctx.services.staff.detail(personId).profile!;
  const { requestId } = ctx.services.staff.proposeUpdate(ctx.admin, { personId, profile: { ...current, ...change } });
  ctx.services.cosign.approve(requestId, ctx.head);
}

/** The person record the creation ceremony made for a keyholder. */
export function personOfKeyholder(services: Services, keyholderId: string): string {
  return services.staff.list().people.find((p) => p.keyholderId === keyholderId)!.id;
}

/** A role proposed, authorized and confirmed applied on the platform; the grant's id. */
export function grantApplied(ctx: Ctx, accountId: string, personId: string, role: string): string {
  const { requestId } = ctx.services.staff.proposeGrant(ctx.admin, { accountId, personId, role });
  const grant = ctx.services.cosign.approve(requestId, ctx.head).subjects.grant!;
  ctx.services.staff.confirmApplied(ctx.admin, grant);
  return grant;
}

/** An account on `platform` with a current password (applied). */
export function accountWithPassword(ctx: Ctx, platform: PlatformId, name = `Cuenta ${platform} ${unique()}`): string {
  const id = registerAccount(ctx.services, ctx.admin, ctx.head, { platform, kind: 'principal', displayName: name });
  rotateApplied(ctx, id);
  return id;
}

/** The account's current password handed to the person (they are made a recipient first if they are not). */
export function deliver(ctx: Ctx, accountId: string, personId: string, actor: Actor = ctx.admin): void {
  const db = ctx.services.vault.require();
  if (!db.prepare('SELECT 1 FROM account_recipients WHERE account_id = ? AND person_id = ?').get(accountId, personId))
    ctx.services.distribution.addRecipient(actor, accountId, personId);
  ctx.services.distribution.recordDelivery(actor, { accountId, personId, channel: 'in_person' });
}

/** A pasted block of ten fresh recovery codes. */
export const codeBlock = () => Array.from({ length: 10 }, (_, i) => `${i + 1}. ${randomBytes(5).toString('hex')}`).join('\n');

/** How many rows a table holds: what a refusal must leave as it was. */
export function counts(services: Services) {
  const db = services.vault.require();
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    events: count('audit_events'),
    requests: count('change_requests'),
    staff: count('staff'),
    people: count('people'),
    grants: count('platform_roles'),
    exposures: count('exposures'),
    codeExposures: count('code_exposures'),
    recipients: count('account_recipients'),
  };
}

export const statusOf = (services: Services, requestId: string) =>
  services.vault.require().prepare('SELECT status FROM change_requests WHERE id = ?').pluck().get(requestId) as string | undefined;
