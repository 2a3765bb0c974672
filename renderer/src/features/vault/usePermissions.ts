import { authorizerOf, may, PERMISSIONS, type Action } from '../../../../shared/permissions';
import type { KeyholderRole } from '../../../../shared/domain';
import { useVaultSession } from './session';

export interface Permissions {
  role: KeyholderRole;
  keyholderId: string;
  /** Whether the unlocked keyholder may do `action`: the same table the services refuse by (shared/permissions.ts). */
  may: (action: Action) => boolean;
  /** The roles that do `action`, and the roles that authorize it when it is a proposal. */
  doers: (action: Action) => readonly KeyholderRole[];
  authorizers: (action: Action) => readonly KeyholderRole[] | null;
}

/** What the unlocked keyholder may do: a screen offers exactly that, and names who does the rest. */
export function usePermissions(): Permissions {
  const { role, keyholderId } = useVaultSession().home.session;
  return {
    role,
    keyholderId,
    may: (action) => may(role, action),
    doers: (action) => PERMISSIONS[action].roles,
    authorizers: authorizerOf,
  };
}
