import type { ComplianceCell, ComplianceFix } from '../../../shared/compliance';
import { platformById } from '../../../shared/platforms';
import { isAdminFunction, isDirectLink } from '../../../shared/staff';
import { amber, judged, notApplicable, red } from './cells';
import type { AccountFacts, HolderFacts, PersonFacts } from './facts';

/**
 * ROLE-1..ROLE-5 (Congreso 5.1.2, 6.1.3–6.1.6; MITIC 6.1.1.I–III), on both sides: who holds what on
 * an account, and what one person holds across the office. The grants were judged when granted
 * (main/domain/platform-roles.ts); these say whether they still hold with the records as they stand.
 */
const people = (f: AccountFacts): ComplianceFix => ({ screen: 'account', accountId: f.accountId, section: 'summary' });
const reserved = (h: HolderFacts) => h.function !== null && isAdminFunction(h.function);

function repeatedFunction(admins: readonly HolderFacts[]): string | null {
  const seen = new Set<string>();
  for (const h of admins) {
    if (h.function === null) continue;
    if (seen.has(h.function)) return h.function;
    seen.add(h.function);
  }
  return null;
}

/** ROLE-1: admin-level roles only for the head, the account administrator and one backup; one of each. */
export function role1Account(f: AccountFacts): ComplianceCell<'ROLE-1'> {
  const admins = f.holders.filter((h) => h.admin);
  if (admins.length === 0) return notApplicable('ROLE-1', 'no_roles');
  const outsiders = admins.filter((h) => !reserved(h)).length;
  const repeated = repeatedFunction(admins);
  return judged(
    'ROLE-1',
    [outsiders > 0 && red('admin_not_reserved', { count: outsiders }), repeated !== null && red('admin_function_repeated', { function: repeated })],
    people(f),
  );
}

/** ROLE-2: the working team holds editor, analyst or lower. */
export function role2Account(f: AccountFacts): ComplianceCell<'ROLE-2'> {
  if (f.holders.length === 0) return notApplicable('ROLE-2', 'no_roles');
  const team = f.holders.filter((h) => h.admin && !reserved(h)).length;
  return judged('ROLE-2', [team > 0 && red('team_admin', { count: team })], people(f));
}

/** ROLE-3: whoever holds an admin-level role is permanent staff. */
export function role3Account(f: AccountFacts): ComplianceCell<'ROLE-3'> {
  const admins = f.holders.filter((h) => h.admin);
  if (admins.length === 0) return notApplicable('ROLE-3', 'no_roles');
  const other = admins.filter((h) => h.link !== 'permanent').length;
  return judged('ROLE-3', [other > 0 && red('admin_not_permanent', { count: other })], people(f));
}

/** ROLE-4: a holder who is not direct staff has a confidentiality agreement and an internal contact on file. */
export function role4Account(f: AccountFacts): ComplianceCell<'ROLE-4'> {
  if (f.holders.length === 0) return notApplicable('ROLE-4', 'no_roles');
  const outside = f.holders.filter((h) => h.link !== null && !isDirectLink(h.link));
  const noAgreement = outside.filter((h) => !h.hasAgreement);
  const noContact = outside.filter((h) => !h.contactOk);
  const first = noAgreement[0] ?? noContact[0];
  return judged(
    'ROLE-4',
    [
      noAgreement.length > 0 && red('agreement_missing', { count: noAgreement.length }),
      noContact.length > 0 && red('contact_missing', { count: noContact.length }),
    ],
    first ? { screen: 'personRecord', personId: first.personId } : people(f),
  );
}

/** ROLE-5 (MITIC 6.1.1.III, 6.1.6): on a platform with users of their own, nobody but an administrator holds the password. */
export function role5Account(f: AccountFacts): ComplianceCell<'ROLE-5'> {
  if (platformById(f.platform)?.multiUser !== true) return notApplicable('ROLE-5', 'single_user_platform');
  return judged('ROLE-5', [f.sharedWith > 0 && red('shared_password', { count: f.sharedWith })], {
    screen: 'account',
    accountId: f.accountId,
    section: 'distribution',
  });
}

const person = (p: PersonFacts): ComplianceFix => ({ screen: 'person', personId: p.personId });

export function role1Person(p: PersonFacts): ComplianceCell<'ROLE-1'> {
  const admin = p.grants.filter((g) => g.admin);
  if (admin.length === 0) return notApplicable('ROLE-1', 'no_roles');
  const isReserved = p.function !== null && isAdminFunction(p.function);
  const repeated = admin.filter((g) => g.functionRepeated).length;
  return judged(
    'ROLE-1',
    [
      !isReserved && red('admin_not_reserved', { count: admin.length }),
      repeated > 0 && red('admin_function_repeated', { count: repeated, function: p.function ?? '' }),
    ],
    person(p),
  );
}

export function role2Person(p: PersonFacts): ComplianceCell<'ROLE-2'> {
  if (p.function !== null && isAdminFunction(p.function)) return notApplicable('ROLE-2', 'not_admin_platform');
  if (p.grants.length === 0) return notApplicable('ROLE-2', 'no_roles');
  const admin = p.grants.filter((g) => g.admin).length;
  return judged('ROLE-2', [admin > 0 && red('team_admin', { count: admin })], person(p));
}

/** ROLE-3 applies to an administrator function, an administrator keyholder, or anyone holding an admin-level role. */
export function role3Person(p: PersonFacts): ComplianceCell<'ROLE-3'> {
  const subject =
    (p.function !== null && isAdminFunction(p.function)) ||
    p.keyholderRole === 'administrator' ||
    p.keyholderRole === 'backup_administrator' ||
    p.grants.some((g) => g.admin);
  if (!subject) return notApplicable('ROLE-3', 'no_roles');
  const fix: ComplianceFix = { screen: 'personRecord', personId: p.personId };
  if (p.link === null) return judged('ROLE-3', [amber('formulario_b_missing')], fix);
  return judged('ROLE-3', [p.link !== 'permanent' && red('admin_not_permanent', { link: p.link })], fix);
}

/** ROLE-4: red once they hold a role or something in force; amber while they hold nothing yet. */
export function role4Person(p: PersonFacts): ComplianceCell<'ROLE-4'> {
  if (p.link === null) return notApplicable('ROLE-4', 'formulario_b_missing');
  if (isDirectLink(p.link)) return notApplicable('ROLE-4', 'direct_staff');
  const holds = p.grants.length > 0 || p.exposedCurrent;
  const flag = holds ? red : amber;
  return judged('ROLE-4', [!p.hasAgreement && flag('agreement_missing', { link: p.link }), !p.contactOk && flag('contact_missing', { link: p.link })], {
    screen: 'personRecord',
    personId: p.personId,
  });
}

export function role5Person(p: PersonFacts): ComplianceCell<'ROLE-5'> {
  const first = p.sharedPasswords[0];
  return judged(
    'ROLE-5',
    [p.sharedPasswords.length > 0 && red('shared_password', { count: p.sharedPasswords.length })],
    first ? { screen: 'account', accountId: first.accountId, section: 'distribution' } : person(p),
  );
}
