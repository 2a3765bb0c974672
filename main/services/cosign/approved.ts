import type { ChangeKindId } from '../../../shared/domain';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { findChangeRequest } from '../../vault/repositories/change-requests';
import type { IntegrityService } from '../integrity/integrity';
import type { CosignService } from './index';

/**
 * An approved request of `kind`, about to be carried out by a keyholder after the head's
 * authorization (the vault's replacement, the kit's printing): a request of another kind or none is
 * `refusal` (POL-5); its row is checked against the log first, so a request flipped to «approved»
 * with sqlite3 is named as tampering before anything is done; then approved, with its digest and
 * both signatures by two different people holding. Its validity is the caller's to check.
 */
export function approvedRequest(
  deps: { db: Db; integrity: Pick<IntegrityService, 'assertRows'>; cosign: Pick<CosignService, 'verifyApproved'> },
  requestId: string,
  kind: ChangeKindId,
  refusal: 'RESTORE_NOT_AUTHORIZED' | 'KIT_NOT_AUTHORIZED',
) {
  const request = findChangeRequest(deps.db, requestId);
  if (!request || request.kind !== kind) throw new CustodiaError(refusal, {}, 'POL-5');
  deps.integrity.assertRows([['change_requests', requestId]]);
  if (request.status !== 'approved') throw new CustodiaError(refusal, {}, 'POL-5');
  const check = deps.cosign.verifyApproved(requestId);
  if (!check.ok) throw new CustodiaError('COSIGN_INTEGRITY', { part: check.part });
  return request;
}
