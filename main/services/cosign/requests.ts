import type { ChangeDescription, PersonRef } from '../../../shared/accounts';
import type { RequestState, RequestView } from '../../../shared/requests';
import { isExpired } from '../../domain/cosign';
import { openText } from '../../vault/fields';
import { findAccount } from '../../vault/repositories/accounts';
import { listChangeRequests, type ListedChangeRequest } from '../../vault/repositories/change-requests';
import type { Sodium } from '../../vault/sodium';
import { personOf } from '../accounts/views';
import type { BoundChange, VaultContext } from './change-kind';

/** The newest requests a list shows besides every open one (older decided ones stay in the audit log). */
export const REQUESTS_SHOWN = 500;

export const decisionReasonRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'decision_reason', version: 1 });

/** Where a request stands, by the service's clock. */
export function requestState(r: Pick<ListedChangeRequest, 'status' | 'expiresAt' | 'awaiting'>, now: string): RequestState {
  if (r.status === 'pending') return isExpired(r.expiresAt, now) ? 'expired' : 'pending';
  if (r.status === 'rejected') return 'rejected';
  return r.awaiting ? 'authorized' : 'applied';
}

/** An approved password change names the version it became, not the one it would become today. */
function asDecided(r: ListedChangeRequest, description: ChangeDescription): ChangeDescription {
  if (description.kind !== 'credential.rotate' || r.versionN === null) return description;
  return { ...description, from: r.versionN > 1 ? { version: r.versionN - 1 } : null, to: { version: r.versionN } };
}

export interface RequestsContext extends VaultContext {
  people: Map<string, PersonRef>;
  now: string;
  open: (row: ListedChangeRequest) => BoundChange;
}

/** Requests, newest first, with their account, their state and, for a rejection, the head's reason. */
export function requestViews(ctx: RequestsContext, accountId: string | null): RequestView[] {
  const { db, s, keys, people, now } = ctx;
  const accounts = new Map<string, { name: string; platform: RequestView['platform'] }>();
  const accountOf = (id: string) => {
    let found = accounts.get(id);
    if (!found) {
      const account = findAccount(db, s, keys.records, id)!;
      found = { name: account.displayName, platform: account.platform };
      accounts.set(id, found);
    }
    return found;
  };
  return listChangeRequests(db, { accountId, now, limit: REQUESTS_SHOWN }).map((r) => {
    const change = ctx.open(r);
    const account = r.accountId === null ? null : accountOf(r.accountId);
    return {
      id: r.id,
      kind: r.kind,
      accountId: r.accountId,
      accountName: account?.name ?? null,
      platform: account?.platform ?? null,
      state: requestState(r, now),
      proposedBy: personOf(people, r.proposedBy),
      proposedAt: r.proposedAt,
      expiresAt: r.expiresAt,
      decidedBy: r.decidedBy === null ? null : personOf(people, r.decidedBy),
      decidedAt: r.decidedAt,
      rejectionReason: rejectionReason(s, keys.records, r),
      reason: change.note,
      description: asDecided(r, change.describe({ db, s, keys })),
    };
  });
}

function rejectionReason(s: Sodium, recordsKey: Uint8Array, r: ListedChangeRequest): string | null {
  if (r.status !== 'rejected' || r.decisionReason === null) return null;
  return openText(s, recordsKey, decisionReasonRef(r.id), r.decisionReason);
}
