import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { findGrant, markRevoking } from '../../../vault/repositories/platform-roles';
import { staffLine, verifiedStaff } from '../../people/facts';
import type { AccountChangeKind, CheckContext } from '../change-kind';

/** Removing a person's role on a platform (HAND-2): authorized by the head, then applied and confirmed. */
const payload = z.object({ grantId: z.string().uuid(), personId: z.string().uuid(), note: z.string().nullable() });
export type RoleRevokePayload = z.infer<typeof payload>;

function liveGrant({ db, accountId, services }: CheckContext<string>, p: RoleRevokePayload) {
  const grant = findGrant(db, p.grantId);
  if (grant) verifiedStaff(db, services, [], [grant.id]);
  if (!grant || grant.accountId !== accountId || grant.personId !== p.personId) throw new CustodiaError('GRANT_UNKNOWN');
  if (grant.state === 'revoking' || grant.state === 'revoked') throw new CustodiaError('GRANT_NOT_AWAITING', { state: grant.state });
  return grant;
}

export const roleRevoke: AccountChangeKind<'role.revoke', RoleRevokePayload> = {
  id: 'role.revoke',
  scope: 'account',
  payload,
  withdraws: true,
  subject: (p) => p.personId,
  digestFields: (p) => ({ grantId: p.grantId, personId: p.personId, note: p.note }),
  checks: { request: (ctx, p) => void liveGrant(ctx, p), approve: (ctx, p) => void liveGrant(ctx, p) },
  describe: (p, ctx) => {
    const grant = findGrant(ctx.db, p.grantId);
    return { kind: 'role.revoke', person: staffLine(ctx, p.personId), role: grant?.role ?? '', admin: grant?.admin ?? false, grantId: p.grantId };
  },
  apply({ db, accountId, request }, p) {
    if (!markRevoking(db, p.grantId, request.id)) throw new CustodiaError('GRANT_NOT_AWAITING');
    return { account: accountId, person: p.personId, grant: p.grantId };
  },
};
