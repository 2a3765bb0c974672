import { CREDENTIAL_PROPOSER_ROLES } from '../domain/cosign';
import { CustodiaError } from '../domain/errors';
import type { Actor } from './session';

/**
 * Work on the platforms themselves — applying a password, storing recovery codes, recording phones
 * and second-step methods — is the account administrator's (or the backup's), never the head's (POL-5).
 */
export function requireAdministrator(actor: Actor): void {
  if (!CREDENTIAL_PROPOSER_ROLES.includes(actor.role)) throw new CustodiaError('ACTION_ROLE', { role: actor.role }, 'POL-5');
}
