import { z } from 'zod';
import { currentVersion, nextVersionNumber, unappliedVersion } from '../../../vault/repositories/credential-versions';
import { secretFingerprint } from '../../../vault/signatures';
import { accountLine, storeAuthorizedVersion } from '../../lifecycle/entry';
import type { AccountChangeKind } from '../change-kind';
import { passwordChecks } from './credential-rotate';

/**
 * Baja of a profile (LIFE-3; MITIC 6.1.4): its password is changed first (reason 'decommission',
 * the whole policy, POL-1..3), authorized by the head; once the administrator confirms it applied
 * on the platform (RotationService.confirmApplied) the account is archived: read-only, kept with
 * its history, out of the deadlines and the dashboard.
 */
const payload = z.object({ secret: z.string(), note: z.string().nullable() });
export type AccountDecommissionPayload = z.infer<typeof payload>;

export const accountDecommission: AccountChangeKind<'account.decommission', AccountDecommissionPayload> = {
  id: 'account.decommission',
  scope: 'account',
  payload,
  digestFields: (p, { s, keys }) => ({ note: p.note, secretFingerprint: s.to_hex(secretFingerprint(s, keys.fingerprints, p.secret)) }),
  checks: passwordChecks,
  describe: (_p, ctx) => {
    const current = currentVersion(ctx.db, ctx.accountId);
    return {
      kind: 'account.decommission',
      account: accountLine(ctx, ctx.accountId),
      from: current ? { version: current.n } : null,
      to: { version: nextVersionNumber(ctx.db, ctx.accountId) },
    };
  },
  apply(ctx, p) {
    const version = storeAuthorizedVersion(ctx, { ...ctx, secret: p.secret, reason: 'decommission' });
    return { account: ctx.accountId, version };
  },
};

/** A baja the head authorized whose password still waits to be applied on the platform. */
export const decommissionAwaiting = (db: Parameters<typeof unappliedVersion>[0], accountId: string): boolean =>
  unappliedVersion(db, accountId)?.reason === 'decommission';
