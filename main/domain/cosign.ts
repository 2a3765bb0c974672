import type { KeyholderRole, RequestStatus } from '../../shared/domain';
import type { AppError } from '../../shared/result';

/**
 * POL-5 (Congreso 6.2.6; MITIC 6.1.1.III): only the account administrator (or the designated
 * backup) proposes a credential change, and only the office head authorizes it. Nobody ever
 * decides their own request — the loophole of hashicorp/vault#19214 stays closed.
 */
export const CREDENTIAL_PROPOSER_ROLES: readonly KeyholderRole[] = ['administrator', 'backup_administrator'];
export const CREDENTIAL_APPROVER_ROLES: readonly KeyholderRole[] = ['head'];

export function checkProposer(role: KeyholderRole): AppError | null {
  if (!CREDENTIAL_PROPOSER_ROLES.includes(role)) return { code: 'COSIGN_ROLE', rule: 'POL-5', details: { role, as: 'proposer' } };
  return null;
}

export interface DecisionContext {
  status: RequestStatus;
  proposerId: string;
  deciderId: string;
  deciderRole: KeyholderRole;
  expiresAt: string;
  now: string;
}

export function checkDecision(c: DecisionContext): AppError | null {
  if (c.status !== 'pending') return { code: 'COSIGN_DECIDED', details: { status: c.status } };
  if (c.deciderId === c.proposerId) return { code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' };
  if (!CREDENTIAL_APPROVER_ROLES.includes(c.deciderRole)) return { code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: c.deciderRole, as: 'approver' } };
  if (c.now >= c.expiresAt) return { code: 'COSIGN_EXPIRED', details: { expiresAt: c.expiresAt } };
  return null;
}

export const isExpired = (expiresAt: string, now: string) => now >= expiresAt;
