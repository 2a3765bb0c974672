import type { KeyholderRole } from '../../shared/domain';
import type { AppError } from '../../shared/result';

/**
 * A vault is founded by exactly one account administrator and one office head, who co-signs
 * (POL-5), and at most one designated backup administrator (Congreso 6.1.6).
 */
export function checkFoundingRoles(roles: KeyholderRole[]): AppError | null {
  const count = (role: KeyholderRole) => roles.filter((r) => r === role).length;
  if (count('administrator') !== 1 || count('head') !== 1 || count('backup_administrator') > 1) {
    return {
      code: 'KEYHOLDER_ROLES',
      rule: 'POL-5',
      details: { administrator: count('administrator'), head: count('head'), backup_administrator: count('backup_administrator') },
    };
  }
  return null;
}

export interface ActiveKeyholder {
  id: string;
  role: KeyholderRole;
}

/**
 * HAND-1: a role is held by one keyholder, except during its handover, when the incoming one is
 * enrolled beside the outgoing one (one handover per role at a time). Enrolling into a vacant role
 * (a backup administrator the vault never had) needs no handover.
 */
export function checkEnrolment(
  active: readonly ActiveKeyholder[],
  openHandoverRoles: readonly KeyholderRole[],
  role: KeyholderRole,
  replaces: string | null,
): AppError | null {
  if (replaces === null) return active.some((k) => k.role === role) ? { code: 'KEYHOLDER_ROLE_HELD', rule: 'HAND-1', details: { role } } : null;
  const outgoing = active.find((k) => k.id === replaces);
  if (!outgoing || outgoing.role !== role) return { code: 'KEYHOLDER_UNKNOWN', details: { role } };
  if (openHandoverRoles.includes(role)) return { code: 'KEYHOLDER_HANDOVER_OPEN', rule: 'HAND-1', details: { role } };
  return null;
}

/**
 * HAND-1: a vault never loses its last way in: after a revocation one head and one account
 * administrator remain active. Outside a handover no one proposes their own revocation; a
 * handover's completion revokes its outgoing keyholder only.
 */
export function checkRevocation(
  active: readonly ActiveKeyholder[],
  revokedId: string,
  proposerId: string | null,
  handover: { outgoing: string } | null,
): AppError | null {
  if (!active.some((k) => k.id === revokedId)) return { code: 'KEYHOLDER_UNKNOWN' };
  if (handover && handover.outgoing !== revokedId) return { code: 'INVALID_REQUEST', details: { part: 'handover' } };
  if (!handover && proposerId === revokedId) return { code: 'KEYHOLDER_SELF', rule: 'HAND-1' };
  const left = active.filter((k) => k.id !== revokedId);
  for (const role of ['head', 'administrator'] as const) {
    if (!left.some((k) => k.role === role)) return { code: 'KEYHOLDER_LAST', rule: 'HAND-1', details: { role } };
  }
  return null;
}
