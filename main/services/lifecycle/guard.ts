import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { accountKind } from '../../vault/repositories/accounts';

/**
 * The one check every write on an account passes (issue 17): only an account in force takes
 * changes. «En trámite» until the head authorizes its alta (LIFE-1), never official once its alta
 * is refused (LIFE-1, SUP-4), read-only once archived by its baja (LIFE-3). Co-signed proposals and
 * approvals (main/services/cosign) and every direct write on an account (reveal and copy, apply,
 * two-step, recovery codes, distribution, roles, handover) call it inside their transaction.
 */
export function assertAccountWritable(db: Db, accountId: string, options: { withdrawal?: boolean } = {}): void {
  const account = accountKind(db, accountId);
  if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
  switch (account.status) {
    case 'active':
      return;
    // HAND-2: taking a person's access away (a role's revocation) stays possible once the profile is archived.
    case 'archived':
      if (options.withdrawal) return;
      throw new CustodiaError('ACCOUNT_ARCHIVED', { status: account.status }, 'LIFE-3');
    case 'pending':
      throw new CustodiaError('ACCOUNT_PENDING', { status: account.status }, 'LIFE-1');
    case 'rejected':
      throw new CustodiaError('ACCOUNT_REJECTED', { status: account.status }, 'LIFE-1');
  }
}
