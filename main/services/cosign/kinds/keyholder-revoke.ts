import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { checkRevocation } from '../../../domain/keyholder-roles';
import { activeKeyholders, keyholderLine, openHandover, openHandoverOf, refuse } from '../../keyholders/roster-facts';
import type { CheckContext, InstitutionChangeKind } from '../change-kind';

/**
 * A keyholder revoked (HAND-1; design.md §4): their wrap and signing secret are deleted, their
 * public key stays (retired at this event: what they signed before still verifies, nothing after),
 * and the vault is re-keyed in the same transaction. With `handoverId`, it is the handover's
 * completion: refused while any item of its checklist, or any credential the outgoing keyholder saw,
 * is left (HAND-3).
 */
const payload = z.object({ keyholderId: z.string().uuid(), handoverId: z.string().uuid().nullable(), note: z.string().nullable() });
export type KeyholderRevokePayload = z.infer<typeof payload>;

function assertRevocable(ctx: CheckContext<null>, p: KeyholderRevokePayload, proposerId: string | null): void {
  const { db, s, services } = ctx;
  const handover = p.handoverId === null ? null : (openHandover(db, p.handoverId) ?? null);
  if (p.handoverId !== null && !handover) throw new CustodiaError('INVALID_REQUEST', { part: 'handover' });
  if (handover) services.integrity.assertRows([['handovers', handover.id]]);
  // The outgoing keyholder of an open handover leaves through its completion only (HAND-1, HAND-3); revoking the incoming one cancels it.
  if (p.handoverId === null && openHandoverOf(db, p.keyholderId)?.outgoing === p.keyholderId)
    throw new CustodiaError('KEYHOLDER_HANDOVER_OPEN', { part: 'outgoing' }, 'HAND-1');
  refuse(checkRevocation(activeKeyholders(db, s, services), p.keyholderId, proposerId, handover));
}

export const keyholderRevoke: InstitutionChangeKind<'keyholder.revoke', KeyholderRevokePayload> = {
  id: 'keyholder.revoke',
  scope: 'institution',
  payload,
  digestFields: (p) => ({ keyholderId: p.keyholderId, handoverId: p.handoverId, note: p.note }),
  checks: {
    request: (ctx, p) => assertRevocable(ctx, p, null),
    approve(ctx, p) {
      assertRevocable(ctx, p, null);
      // The keyholder revoked must not be the one whose session goes on under the new key.
      ctx.services.keyring.assertNotInSession(p.keyholderId);
      if (p.handoverId !== null) ctx.services.handover.assertComplete(ctx.db, p.handoverId);
    },
  },
  describe: (p, ctx) => ({ kind: 'keyholder.revoke', keyholder: keyholderLine(ctx, p.keyholderId), handoverId: p.handoverId }),
  apply(ctx, p) {
    const { db, request, now, details, services } = ctx;
    const retired = db
      .prepare(`UPDATE keyholders SET status = 'retired', retired_at = ?, wrapped_vk = NULL, sealed_sign_secret = NULL WHERE id = ? AND status = 'active'`)
      .run(now, p.keyholderId);
    if (retired.changes !== 1) throw new CustodiaError('KEYHOLDER_UNKNOWN');
    db.prepare('DELETE FROM keyholder_pending_wraps WHERE keyholder_id = ?').run(p.keyholderId);
    // The handover this completes, or the one whose incoming keyholder this revokes (cancelled).
    const closed = p.handoverId ?? openHandoverOf(db, p.keyholderId)?.id ?? null;
    if (closed !== null) {
      db.prepare(`UPDATE handovers SET status = ?, completed_at = ?, complete_request_id = ? WHERE id = ? AND status = 'open'`).run(
        p.handoverId === null ? 'cancelled' : 'completed',
        now,
        request.id,
        closed,
      );
    }
    // Everything sealed is sealed anew under a key the revoked keyholder never held; the remaining ones receive it boxed.
    details.retired = p.keyholderId;
    details.epoch = services.keyring.rekey(ctx);
    const touched: Record<string, string> = { keyholder: p.keyholderId };
    if (closed !== null) touched.handover = closed;
    return touched;
  },
};
