import type { ParsedAccountInput } from '../../shared/accounts';
import type { AccountKind, AccountStatus } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { isFreeProviderDomain } from './email-domains';

/** The domain of an e-mail address, or null when the text is not one. */
export function emailDomain(text: string): string | null {
  const match = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/.exec(text.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** An address is institutional when its domain is one of the institution's or a subdomain of one. */
export function isInstitutionalEmail(address: string, institutionDomains: string[]): boolean {
  const domain = emailDomain(address);
  return domain !== null && !isFreeProviderDomain(domain) && institutionDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** SEC-2 (Congreso 6.2.2; MITIC 6.1.1.I): free providers always refused, other domains refused too. */
export function checkInstitutionalEmail(field: string, address: string, institutionDomains: string[]): AppError | null {
  const domain = emailDomain(address);
  if (domain === null) return { code: 'ACCOUNT_INVALID', details: { field, reason: 'email_required' } };
  if (isFreeProviderDomain(domain)) return { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field, domain, reason: 'free_provider' } };
  if (!isInstitutionalEmail(address, institutionDomains))
    return { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field, domain, reason: 'not_institutional' } };
  return null;
}

export interface AccountContext {
  institutionDomains: string[];
  /** The account named as linked e-mail, if any, as stored. */
  linkedEmail: { kind: AccountKind; status: AccountStatus } | null | undefined;
}

/** Checks a new account before anything is written. */
export function checkAccount(a: ParsedAccountInput, ctx: AccountContext): AppError | null {
  const login = a.loginIdentifier;
  if (a.kind === 'linked_email' && !login) return { code: 'ACCOUNT_INVALID', details: { field: 'loginIdentifier', reason: 'email_required' } };
  // A login that is an e-mail address (or any login of a mailbox) must be institutional.
  if (login && (a.kind === 'linked_email' || login.includes('@'))) {
    const violation = checkInstitutionalEmail('loginIdentifier', login, ctx.institutionDomains);
    if (violation) return violation;
  }
  if (a.linkedEmailAccountId) {
    if (a.kind === 'linked_email') return { code: 'ACCOUNT_INVALID', details: { field: 'linkedEmailAccountId', reason: 'mailbox_has_no_linked_email' } };
    if (!ctx.linkedEmail) return { code: 'ACCOUNT_UNKNOWN', details: { field: 'linkedEmailAccountId' } };
    if (ctx.linkedEmail.kind !== 'linked_email') return { code: 'ACCOUNT_INVALID', details: { field: 'linkedEmailAccountId', reason: 'not_linked_email' } };
  }
  if (a.kind === 'support') {
    // LIFE-2 (MITIC 4, 6.1.2): a support account lives between a start and an end date.
    if (!a.supportStart || !a.supportEnd)
      return { code: 'ACCOUNT_INVALID', rule: 'LIFE-2', details: { field: 'supportEnd', reason: 'support_dates_required' } };
    if (a.supportEnd < a.supportStart) return { code: 'ACCOUNT_INVALID', rule: 'LIFE-2', details: { field: 'supportEnd', reason: 'end_before_start' } };
  } else if (a.supportStart || a.supportEnd) {
    return { code: 'ACCOUNT_INVALID', details: { field: 'supportStart', reason: 'dates_only_for_support' } };
  }
  return null;
}
