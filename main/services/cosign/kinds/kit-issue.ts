import { z } from 'zod';
import { KIT_MAX_SHARES } from '../../../../shared/kit';
import { CustodiaError } from '../../../domain/errors';
import { kitInForce } from '../../../vault/repositories/recovery-kits';
import type { CheckContext, InstitutionChangeKind } from '../change-kind';

/**
 * The emergency kit (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): the administrator asks
 * for one (a single recovery key, or k-of-n shares naming the officials who keep them), the head
 * authorizes it (POL-5, never one's own request). Approving writes nothing but the decision: the key
 * is generated, wrapped and printed once, afterwards, by KitService.print, so it exists only on paper.
 */
const payload = z.object({
  shares: z
    .object({
      k: z.number().int().min(2).max(KIT_MAX_SHARES),
      n: z.number().int().min(2).max(KIT_MAX_SHARES),
      holders: z.array(z.string().min(1).max(120)).min(2).max(KIT_MAX_SHARES),
    })
    .nullable(),
  note: z.string().nullable(),
});
export type KitIssuePayload = z.infer<typeof payload>;

function assertShares(_ctx: CheckContext<null>, p: KitIssuePayload): void {
  if (p.shares && (p.shares.k > p.shares.n || p.shares.holders.length !== p.shares.n))
    throw new CustodiaError('INVALID_REQUEST', { field: 'shares', reason: 'invalid' });
}

export const kitIssue: InstitutionChangeKind<'kit.issue', KitIssuePayload> = {
  id: 'kit.issue',
  scope: 'institution',
  payload,
  digestFields: (p) => ({ shares: p.shares ? { k: p.shares.k, n: p.shares.n, holders: [...p.shares.holders] } : null, note: p.note }),
  checks: { request: assertShares, approve: assertShares },
  describe: (p, { db }) => ({
    kind: 'kit.issue',
    shares: p.shares ? { k: p.shares.k, n: p.shares.n, holders: [...p.shares.holders] } : null,
    supersedes: kitInForce(db)?.id ?? null,
  }),
  // Nothing is written but the decision: printing performs it (one kit per authorized request, recovery_kits.request_id).
  apply: () => ({}),
};
