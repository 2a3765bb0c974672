import type { KeyholderRole } from '../../shared/domain';
import type { RuleSubset } from '../../shared/rules';
import type { TwoStepMethod } from '../../shared/totp';
import { isInstitutionalEmail } from './accounts';

/** What SEC-1 and SEC-3 look at for one account. */
export interface TwoStepFacts {
  /** Null while nobody has recorded how the account's second step is done. */
  method: TwoStepMethod | null;
  /** The linked mailbox's method, when the account has one (SEC-1 covers it too). */
  linkedEmail: { method: TwoStepMethod | null } | null;
  recoveryDevice: { institutionOwned: boolean; holderRole: KeyholderRole | null } | null;
  recoveryEmail: string | null;
  institutionDomains: string[];
}

export interface Finding {
  rule: RuleSubset<'SEC-1' | 'SEC-3'>;
  reason: string;
}

const ADMINISTRATORS: readonly KeyholderRole[] = ['administrator', 'backup_administrator'];

/**
 * SEC-1 (Congreso 6.2.1): two-step verification on for the account and its linked e-mail.
 * SEC-3 (Congreso 6.2.3; MITIC 6.1.1.I): the recovery phone is an institution-owned device held by
 * the administrator, and any recovery e-mail is institutional. Empty when both hold.
 */
export function twoStepFindings(f: TwoStepFacts): Finding[] {
  const findings: Finding[] = [];
  if (f.method === null) findings.push({ rule: 'SEC-1', reason: 'unknown' });
  else if (f.method === 'none') findings.push({ rule: 'SEC-1', reason: 'none' });
  if (f.linkedEmail && (f.linkedEmail.method === null || f.linkedEmail.method === 'none')) findings.push({ rule: 'SEC-1', reason: 'linked_email' });
  if (f.recoveryDevice && !f.recoveryDevice.institutionOwned) findings.push({ rule: 'SEC-3', reason: 'personal_phone' });
  if (f.recoveryDevice && (f.recoveryDevice.holderRole === null || !ADMINISTRATORS.includes(f.recoveryDevice.holderRole)))
    findings.push({ rule: 'SEC-3', reason: 'holder' });
  if (f.recoveryEmail !== null && !isInstitutionalEmail(f.recoveryEmail, f.institutionDomains)) findings.push({ rule: 'SEC-3', reason: 'recovery_email' });
  return findings;
}
