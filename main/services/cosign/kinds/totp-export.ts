import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { insertExportGrant, seedMeta } from '../../../vault/repositories/totp-seeds';
import type { AccountChangeKind, BasePayload } from '../change-kind';
import { storedSeed } from './totp-seed';

/**
 * Showing an account's seed as a QR, to enroll an institutional phone or a new administrator's:
 * the head authorizes it for the seed as it is now; the proposer may then show it once, for 60 s.
 */
export const totpExport: AccountChangeKind<'totp.export', BasePayload> = {
  id: 'totp.export',
  scope: 'account',
  payload: z.object({ note: z.string().nullable() }),
  digestFields: ({ note }) => ({ note }),
  checks: {
    request({ db, accountId }) {
      if (!storedSeed(db, accountId)) throw new CustodiaError('TOTP_NONE');
    },
  },
  describe: (_p, { db, accountId }) => ({ kind: 'totp.export', seed: storedSeed(db, accountId) }),
  apply({ db, accountId, request, approver, now }) {
    const seed = seedMeta(db, accountId);
    if (!seed) throw new CustodiaError('TOTP_NONE');
    insertExportGrant(db, {
      requestId: request.id,
      accountId,
      seedVersion: seed.version,
      requestedBy: request.proposedBy,
      authorizedBy: approver.keyholderId,
      authorizedAt: now,
    });
    return { account: accountId };
  },
};
