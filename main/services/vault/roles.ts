import { PERMISSIONS, may, type Action } from '../../../shared/permissions';
import { CustodiaError } from '../../domain/errors';
import type { Actor } from './session';

/**
 * Refuses an action the actor's role may not do, by the permission table the screens read too
 * (shared/permissions.ts): work on the platforms themselves — applying a password, storing recovery
 * codes, recording phones and second-step methods — is the account administrator's (or the
 * backup's), never the head's (POL-5).
 */
export function requireAction(actor: Actor, action: Action): void {
  if (!may(actor.role, action)) throw new CustodiaError('ACTION_ROLE', { role: actor.role, action }, PERMISSIONS[action].rule);
}
