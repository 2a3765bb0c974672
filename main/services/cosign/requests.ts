import type { ChangeDescription, PersonRef } from '../../../shared/accounts';
import type { RequestState, RequestView } from '../../../shared/requests';
import { isExpired } from '../../domain/cosign';
import { openText } from '../../vault/fields';
import { openListNames } from '../../vault/repositories/accounts';
import { CustodiaError } from '../../domain/errors';
import { listRowsById } from '../accounts/name-lookup';
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
  const listed = listChangeRequests(db, { accountId, now, limit: REQUESTS_SHOWN });
  // Each account's name and platform, opened once for all the requests (its other fields stay sealed).
  const rows = listRowsById(db, [...new Set(listed.flatMap((r) => (r.accountId === null ? [] : [r.accountId])))]);
  const names = openListNames(s, keys.records, rows);
  const accounts = new Map(rows.map((row, i) => [row.id, { name: names[i]!, platform: row.platform }]));
  const accountOf = (id: string) => {
    const found = accounts.get(id);
    if (!found) throw new CustodiaError('VAULT_CORRUPT', { part: 'accounts' });
    return found;
  };
  return listed.map((r) => {
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
