import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { touchAccount } from '../../../vault/repositories/accounts';
import { removeSeed } from '../../../vault/repositories/totp-seeds';
import type { AccountChangeKind, BasePayload } from '../change-kind';
import { storedSeed } from './totp-seed';

/** Removing an account's TOTP seed: co-signed like adding one. */
export const totpRemove: AccountChangeKind<'totp.remove', BasePayload> = {
  id: 'totp.remove',
  scope: 'account',
  payload: z.object({ note: z.string().nullable() }),
  digestFields: ({ note }) => ({ note }),
  checks: {
    request({ db, accountId }) {
      if (!storedSeed(db, accountId)) throw new CustodiaError('TOTP_NONE');
    },
  },
  describe: (_p, { db, accountId }) => ({ kind: 'totp.remove', from: storedSeed(db, accountId), to: null }),
  apply({ db, accountId, now }) {
    removeSeed(db, accountId);
    touchAccount(db, accountId, now);
    return { account: accountId };
  },
};
