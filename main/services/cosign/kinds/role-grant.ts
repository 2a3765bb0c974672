import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { platformRole } from '../../../../shared/platforms';
import { CustodiaError } from '../../../domain/errors';
import { accountKind } from '../../../vault/repositories/accounts';
import { insertGrant } from '../../../vault/repositories/platform-roles';
import { assertGrant, staffLine } from '../../people/facts';
import type { AccountChangeKind, CheckContext } from '../change-kind';

/**
 * A role on a platform for a person (ROLE-1..ROLE-4), checked when proposed and again when the
 * head authorizes it (a person whose link changed meanwhile is refused then). Once authorized the
 * administrator makes it on the platform and confirms it applied, as with passwords.
 */
const payload = z.object({ personId: z.string().uuid(), role: z.string(), note: z.string().nullable() });
export type RoleGrantPayload = z.infer<typeof payload>;

function check({ db, accountId, services }: CheckContext<string>, p: RoleGrantPayload): void {
  const account = accountKind(db, accountId);
  if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
  assertGrant(db, services, { accountId, platform: account.platform, personId: p.personId, role: p.role });
}

export const roleGrant: AccountChangeKind<'role.grant', RoleGrantPayload> = {
  id: 'role.grant',
  scope: 'account',
  payload,
  subject: (p) => p.personId,
  digestFields: (p) => ({ personId: p.personId, role: p.role, note: p.note }),
  checks: { request: check, approve: check },
  describe: (p, ctx) => ({
    kind: 'role.grant',
    person: staffLine(ctx, p.personId),
    role: p.role,
    admin: platformRole(accountKind(ctx.db, ctx.accountId)?.platform ?? '', p.role)?.admin ?? false,
  }),
  apply({ db, accountId, request, now }, p) {
    const account = accountKind(db, accountId)!;
    const grantId = randomUUID();
    insertGrant(db, {
      id: grantId,
      accountId,
      personId: p.personId,
      role: p.role,
      admin: platformRole(account.platform, p.role)!.admin,
      grantRequestId: request.id,
      authorizedAt: now,
    });
    // The role goes in the event's subjects: the verification holds the grant's row to it (a vocabulary id, never typed text).
    return { account: accountId, person: p.personId, grant: grantId, role: p.role };
  },
};
