import type { AccountKind, KeyholderRole, RotationStatus } from '../../../shared/domain';
import type { VerificationStatus } from '../../../shared/lifecycle';
import type { LinkKind, StaffFunction } from '../../../shared/staff';
import type { TwoStepFacts } from '../two-step';
import { emailDomain, isInstitutionalEmail } from '../accounts';
import { isFreeProviderDomain } from '../email-domains';

/**
 * The facts the compliance rules judge (issue 17; SUP-1), plain values gathered by
 * main/services/compliance from the vault. A fact the vault does not record yet is `null`, and the
 * rule that needs it says «not evaluated»: never green by default.
 */

/** What the whole institution contributes: today in its zone, and POL-1's minimum over time. */
export interface InstitutionFacts {
  /** The calendar date today in the institution's time zone (YYYY-MM-DD). */
  today: string;
  /** The last date, warningDays ahead, that still counts as «soon» (YYYY-MM-DD). */
  soon: string;
  /** The last time POL-1's minimum length was raised, with its values; null if never. */
  minLengthRaised: { at: string; from: number; to: number } | null;
}

/** SUP-2 asks to act «at once» (MITIC 6.1.1.III): an incident still open a working day after it happened is red. */
export const SUP2_ACT_WITHIN_HOURS = 24;

/** SEC-2: what an account's login or linked mailbox is, judged once per row version (the text is not kept). */
export type LoginClass = 'none' | 'not_email' | 'institutional' | 'free_provider' | 'not_institutional';

/** A person holding a live role on an account, as their Formulario B says (ROLE-1..4). */
export interface HolderFacts {
  personId: string;
  admin: boolean;
  /** Null for a person without a Formulario B (a role cannot be granted to one; tampering aside). */
  function: StaffFunction | null;
  link: LinkKind | null;
  hasAgreement: boolean;
  /** ROLE-4: an internal contact who is direct staff and active. */
  contactOk: boolean;
}

export interface AccountFacts {
  accountId: string;
  platform: string;
  kind: AccountKind;
  /** «En trámite» (LIFE-1). */
  pending: boolean;
  /** The password in force, null while none was applied. */
  current: { authorizedAt: string; cosigned: boolean; reused: boolean } | null;
  deadline: { status: RotationStatus; dueAt: string | null; applyLate: boolean };
  /** Versions of the account not applied through both signatures (POL-5). */
  versionsNotCosigned: number;
  /** Changes recorded (during an incident) as made outside Custodia since the current version; null: not recorded yet. */
  outsideChanges: number | null;
  /** POL-4's notice and POL-6's channels: the distribution list against the current version. */
  recipients: { total: number; notified: number; refusedChannel: number };
  /** SEC-1, SEC-3: the recovery e-mail comes judged (null: none recorded), never as text. */
  twoStep: Omit<TwoStepFacts, 'institutionDomains' | 'recoveryEmail'> & { recoveryEmailInstitutional: boolean | null };
  login: LoginClass;
  /** The linked mailbox's login, when the account has one. */
  linkedLogin: LoginClass | null;
  /** SEC-4; null: not recorded yet. */
  verification: VerificationStatus | null;
  /** LIFE-1 / LIFE-4 / LIFE-3; null: not recorded yet. */
  lifecycle: { alta: 'authorized' | 'without_form' | 'pending'; decommissioning: boolean } | null;
  support: { start: string | null; end: string | null };
  holders: HolderFacts[];
  /** ROLE-5: people (not administrators) given the current password of a platform that gives each their own user. */
  sharedWith: number;
  /** HAND-1: an open handover, and its items still open on this account. */
  handover: { handoverId: string; openItems: number } | null;
  /** HAND-2: people leaving who still hold a role on it; `overdue` once their leaving date has passed. */
  leavingHolders: { personId: string; overdue: boolean }[];
  /** HAND-3: people leaving who were given what is in force on it (password, codes, seed). */
  leavingExposed: { personId: string; overdue: boolean }[];
  /** HAND-3: revoked keyholders who were shown what is in force on it. */
  retiredExposed: number;
  /** SUP-2: open incidents with something left on this account (the first one's id), those past SUP2_ACT_WITHIN_HOURS; null: not recorded yet. */
  incidents: { open: number; overdue: number; incidentId: string | null } | null;
}

export interface PersonFacts {
  personId: string;
  /** A Formulario B is on record (LIFE-4). */
  complete: boolean;
  function: StaffFunction | null;
  link: LinkKind | null;
  hasAgreement: boolean;
  contactOk: boolean;
  keyholderRole: KeyholderRole | null;
  /** Live roles held: admin-level or not, and whether another holder of the same function holds admin on the same account. */
  grants: { accountId: string; admin: boolean; functionRepeated: boolean }[];
  /** ROLE-5: accounts whose current password they hold though the platform would give them their own user. */
  sharedPasswords: { accountId: string }[];
  /** Given or shown something still in force (a password, codes, a seed). */
  exposedCurrent: boolean;
  /** Null unless their departure is authorized; items still open by kind. */
  departure: { overdue: boolean; roleItems: number; exposureItems: number } | null;
  /** HAND-1: an open handover in which they are the outgoing or the incoming keyholder. */
  handover: { handoverId: string; left: number } | null;
}

/** SEC-2 for one login (or mailbox address): the same test as on entry (main/domain/accounts.ts). */
export function classifyLogin(login: string | null, institutionDomains: string[]): LoginClass {
  if (login === null || login.trim() === '') return 'none';
  const domain = emailDomain(login);
  if (domain === null) return login.includes('@') ? 'not_institutional' : 'not_email';
  if (isFreeProviderDomain(domain)) return 'free_provider';
  return isInstitutionalEmail(login, institutionDomains) ? 'institutional' : 'not_institutional';
}
