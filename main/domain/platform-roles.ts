import { platformById, platformRole } from '../../shared/platforms';
import type { AppError } from '../../shared/result';
import { isAdminFunction, isDirectLink, LINK_DETAIL_REQUIRED, type LinkKind, type StaffFunction, type StaffStatus } from '../../shared/staff';

/**
 * Who may hold which role on a platform (ROLE-1..ROLE-4; Congreso PTA 01-2023 §5.1.2, §6.1.3–6.1.6;
 * MITIC 678/2022 §6.1.1.I–II), and what a person's record must say first. Pure: the services
 * gather the facts, judge them here at proposal and again at approval.
 */
export interface GrantCandidate {
  function: StaffFunction;
  link: LinkKind;
  hasAgreement: boolean;
  hasInternalContact: boolean;
  status: StaffStatus;
}

export interface GrantFacts {
  platform: string;
  role: string;
  person: GrantCandidate | null;
  /** Functions of the other people who hold (or are being granted) an admin-level role on the account. */
  otherAdminFunctions: readonly StaffFunction[];
  /** The person already holds a live role on the account, or a grant to them is being decided. */
  alreadyHeld: boolean;
}

export function checkGrant(f: GrantFacts): AppError | null {
  const role = platformRole(f.platform, f.role);
  if (!role) return { code: 'ROLE_UNKNOWN', details: { platform: f.platform, role: f.role } };
  if (!f.person) return { code: 'PERSON_INCOMPLETE' };
  if (f.person.status !== 'active') return { code: 'PERSON_NOT_ACTIVE', details: { status: f.person.status } };
  // ROLE-4 first: nobody outside the direct staff gets any role before the agreement and the contact.
  if (!isDirectLink(f.person.link) && !(f.person.hasAgreement && f.person.hasInternalContact))
    return { code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4', details: { link: f.person.link } };
  if (f.alreadyHeld) return { code: 'ROLE_HELD' };
  if (role.admin) {
    // ROLE-2: the working team gets editor, analyst or lower.
    if (!isAdminFunction(f.person.function)) return { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2', details: { role: f.role, function: f.person.function } };
    // ROLE-3: administrators are permanent staff, never someone outside the institution.
    if (f.person.link !== 'permanent') return { code: 'ROLE_PERMANENT_ONLY', rule: 'ROLE-3', details: { link: f.person.link } };
    // ROLE-1: the head, the account administrator and one backup administrator; one of each.
    if (f.otherAdminFunctions.includes(f.person.function))
      return { code: 'ROLE_ADMIN_RESERVED', rule: 'ROLE-1', details: { role: f.role, function: f.person.function } };
  }
  return null;
}

export interface ProfileFacts {
  function: StaffFunction;
  link: LinkKind;
  linkDetail: string | undefined;
  hasAgreement: boolean;
  internalContact: { isSelf: boolean; exists: boolean; direct: boolean; active: boolean } | null;
}

/** What a Formulario B must hold to be registered (the agreement may come later: ROLE-4 blocks roles until then). */
export function checkProfile(p: ProfileFacts): AppError | null {
  if (LINK_DETAIL_REQUIRED.includes(p.link) && !p.linkDetail) return { code: 'STAFF_LINK_DETAIL', details: { link: p.link } };
  // ROLE-3: an administrator function is for permanent staff only.
  if (isAdminFunction(p.function) && p.link !== 'permanent') return { code: 'ROLE_PERMANENT_ONLY', rule: 'ROLE-3', details: { link: p.link } };
  const c = p.internalContact;
  if (c && (c.isSelf || !c.exists || !c.direct || !c.active)) return { code: 'STAFF_CONTACT', rule: 'ROLE-4' };
  return null;
}

/** ROLE-5: a non-administrator holding the password of an account whose platform gives each person their own user. */
export function sharesAccount(platform: string, fn: StaffFunction | null): boolean {
  return platformById(platform)?.multiUser === true && !(fn && isAdminFunction(fn));
}
