import type { KeyholderRole, RequestStatus } from '../../shared/domain';
import { kindPolicy, PERMISSIONS } from '../../shared/permissions';
import type { AppError, RuleId } from '../../shared/result';

/**
 * POL-5 (Congreso 6.2.6; MITIC 6.1.1.III): only the account administrator (or the designated
 * backup) proposes a credential change, and only the office head authorizes it. Nobody ever
 * decides their own request — the loophole of hashicorp/vault#19214 stays closed.
 */
export const CREDENTIAL_PROPOSER_ROLES: readonly KeyholderRole[] = PERMISSIONS['credential.propose'].roles;
export const CREDENTIAL_APPROVER_ROLES: readonly KeyholderRole[] = PERMISSIONS['credential.propose'].decidedBy ?? [];

/** Who may propose and who may decide one kind of change, and the rule that says so. */
export interface CosignPolicy {
  proposerRoles: readonly KeyholderRole[];
  approverRoles: readonly KeyholderRole[];
  rule: RuleId;
}

/** Read from the permission table (shared/permissions.ts), which the screens read too. */
export const CREDENTIAL_CHANGE_POLICY: CosignPolicy = kindPolicy('credential.rotate');

export function checkProposer(role: KeyholderRole, policy: CosignPolicy): AppError | null {
  if (!policy.proposerRoles.includes(role)) return { code: 'COSIGN_ROLE', rule: policy.rule, details: { role, as: 'proposer' } };
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

/**
 * Nobody decides their own request, whatever the kind; the approver's role depends on the kind.
 * An expired request can no longer be authorized; it can still be refused, which only closes it
 * (an alta that expired undecided leaves its account rejected instead of «en trámite» for ever).
 */
export function checkDecision(c: DecisionContext, policy: CosignPolicy, decision: 'approve' | 'reject' = 'approve'): AppError | null {
  if (c.status !== 'pending') return { code: 'COSIGN_DECIDED', details: { status: c.status } };
  if (c.deciderId === c.proposerId) return { code: 'COSIGN_SELF_APPROVAL', rule: policy.rule };
  if (!policy.approverRoles.includes(c.deciderRole)) return { code: 'COSIGN_ROLE', rule: policy.rule, details: { role: c.deciderRole, as: 'approver' } };
  if (decision === 'approve' && c.now >= c.expiresAt) return { code: 'COSIGN_EXPIRED', details: { expiresAt: c.expiresAt } };
  return null;
}

export const isExpired = (expiresAt: string, now: string) => now >= expiresAt;
