import type { SettingChange, StaffLine } from '../../../shared/accounts';
import type { DetailValue } from '../../../shared/result';
import type { StaffFunction, StaffProfile } from '../../../shared/staff';
import { checkGrant, checkProfile } from '../../domain/platform-roles';
import { CustodiaError } from '../../domain/errors';
import { checkInstitutionalEmail } from '../../domain/accounts';
import type { Db } from '../../vault/db';
import { findPerson, listPeople } from '../../vault/repositories/people';
import { liveGrantOf, liveGrants } from '../../vault/repositories/platform-roles';
import { readInstitution } from '../../vault/repositories/institution';
import { staffRow } from '../../vault/repositories/staff';
import type { KindServices, VaultContext } from '../cosign/change-kind';
import type { RowRef } from '../integrity/integrity';

/**
 * The rows a rule is judged on, checked against the signed log first: a link or function edited
 * with sqlite3 (an outsider made «permanente») is refused as tampering, never judged as true.
 */
export function verifiedStaff(db: Db, services: Pick<KindServices, 'integrity'>, personIds: readonly string[], grantIds: readonly string[] = []): void {
  const refs: RowRef[] = [
    ...personIds.filter((id) => staffRow(db, id) !== undefined).map((id): RowRef => ['staff', id]),
    ...grantIds.map((id): RowRef => ['platform_roles', id]),
  ];
  services.integrity.assertRows(refs);
}

/**
 * What the staff and role kinds check, gathered from the vault (the rules themselves are pure:
 * main/domain/platform-roles.ts). Each throws the refusal naming its rule.
 */
const refuse = (e: { code: CustodiaError['code']; details?: CustodiaError['details']; rule?: CustodiaError['rule'] } | null) => {
  if (e) throw new CustodiaError(e.code, e.details, e.rule);
};

export function staffLine({ db, s, keys }: VaultContext, personId: string): StaffLine {
  const person = findPerson(db, s, keys.records, personId);
  if (!person) throw new CustodiaError('PERSON_UNKNOWN');
  const row = staffRow(db, personId);
  return { id: personId, name: person.name, function: row?.function ?? null, link: row?.link ?? null };
}

/** SEC-2 for the address, the e-mail not another person's, and Formulario B's own rules (ROLE-3, ROLE-4's contact). */
export function assertProfile(
  ctx: VaultContext & { services: Pick<KindServices, 'integrity'> },
  personId: string,
  email: string,
  profile: StaffProfile | null,
): void {
  const { db, s, keys } = ctx;
  verifiedStaff(db, ctx.services, [personId, ...(profile?.internalContactId ? [profile.internalContactId] : [])]);
  const institution = readInstitution(db, s, keys.records)!;
  refuse(checkInstitutionalEmail('email', email, institution.emailDomains));
  if (listPeople(db, s, keys.records).some((p) => p.id !== personId && p.email !== '' && p.email === email))
    throw new CustodiaError('PERSON_EXISTS', { field: 'email' });
  if (!profile) return;
  const contactId = profile.internalContactId;
  const contact = contactId ? staffRow(db, contactId) : undefined;
  refuse(
    checkProfile({
      function: profile.function,
      link: profile.link,
      linkDetail: profile.linkDetail,
      hasAgreement: profile.agreement !== null,
      internalContact: contactId
        ? {
            isSelf: contactId === personId,
            exists: contact !== undefined,
            direct: contact !== undefined && ['permanent', 'contracted', 'seconded'].includes(contact.link),
            active: contact?.status === 'active',
          }
        : null,
    }),
  );
}

/** ROLE-1..ROLE-4 for granting `role` on an account to a person, as the vault stands now (every row read verified). */
export function assertGrant(
  db: Db,
  services: Pick<KindServices, 'integrity'>,
  g: { accountId: string; platform: string; personId: string; role: string },
): void {
  const live = liveGrants(db, { accountId: g.accountId });
  // Every grant row, not only those the query shows live on this account: one hidden by an edit
  // (marked revoked, moved to another account) is refused as tampering, never judged absent.
  verifiedStaff(db, services, [g.personId, ...live.map((x) => x.personId)], db.prepare('SELECT id FROM platform_roles').pluck().all() as string[]);
  const row = staffRow(db, g.personId);
  const others = live.filter((x) => x.personId !== g.personId && x.admin);
  const functions = others.map((x) => staffRow(db, x.personId)?.function).filter((f): f is StaffFunction => f !== undefined);
  refuse(
    checkGrant({
      platform: g.platform,
      role: g.role,
      person: row
        ? { function: row.function, link: row.link, hasAgreement: row.hasAgreement, hasInternalContact: row.internalContactId !== null, status: row.status }
        : null,
      otherAdminFunctions: functions,
      alreadyHeld: liveGrantOf(db, g.accountId, g.personId) !== undefined,
    }),
  );
}

/** A change of internal contact names the people, as the head reads it, not their ids. */
export function namedContacts({ db, s, keys }: VaultContext, changes: SettingChange[]): SettingChange[] {
  const name = (v: DetailValue): DetailValue => (typeof v === 'string' ? (findPerson(db, s, keys.records, v)?.name ?? v) : v);
  return changes.map((c) => (c.setting === 'internalContactId' ? { setting: 'internalContact', from: name(c.from), to: name(c.to) } : c));
}

export function assertPersonActive(db: Db, personId: string): void {
  const row = staffRow(db, personId);
  if (row && row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status });
}
