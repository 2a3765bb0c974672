import { z } from 'zod';
import type { ChangeDescription, PersonRef } from './accounts';
import type { ChangeKindId } from './domain';
import type { PlatformId } from './platforms';

/**
 * Co-signed requests as both sides read them (issue 13): the proposer sees what became of theirs
 * (pending, authorized and waiting to be applied, applied, rejected with why, expired), the head
 * sees what waits for them. Never a secret: a new password or seed is named by its version.
 */
export const REQUEST_STATES = ['pending', 'authorized', 'applied', 'rejected', 'expired'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const requestsRequest = z.object({ accountId: z.string().uuid().optional() }).strict();
export type RequestsRequest = z.input<typeof requestsRequest>;

export interface RequestView {
  id: string;
  kind: ChangeKindId;
  /** Null for a change to the institution's settings. */
  accountId: string | null;
  accountName: string | null;
  platform: PlatformId | null;
  /**
   * `authorized`: approved, and the approved change still waits for a last step (a password to be
   * changed on the platform and confirmed, a seed export to be shown); `applied`: nothing left to do.
   * `expired`: still pending in the file, past its expiry by the service's clock.
   */
  state: RequestState;
  proposedBy: PersonRef;
  proposedAt: string;
  expiresAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  /** The head's reason for a rejection (sealed at rest); null otherwise. */
  rejectionReason: string | null;
  /** The proposer's note. */
  reason: string | null;
  description: ChangeDescription;
}
