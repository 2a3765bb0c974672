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
