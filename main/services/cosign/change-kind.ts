import type { SettingChange } from '../../../shared/accounts';
import type { ChangeReason } from '../../../shared/domain';
import type { DetailValue } from '../../../shared/result';
import type { CosignPolicy } from '../../domain/cosign';
import type { Db } from '../../vault/db';
import type { VaultKeys } from '../../vault/keys';
import type { ChangeRequestRow } from '../../vault/repositories/change-requests';
import type { Sodium } from '../../vault/sodium';
import type { Actor } from '../session';

/**
 * One kind of change that needs co-signing. The workflow (cosign/index.ts) owns requests,
 * digests, signatures, the decision rules and the audit trail; a kind says who may propose and
 * decide it, what its digest covers, and how it is applied once authorized.
 */
export interface ChangeKind<P> {
  id: ChangeRequestRow['kind'];
  policy: CosignPolicy;
  /** Whether a request names an (active) account or concerns the institution as a whole. */
  scope: 'account' | 'institution';
  /** What the digest covers besides the request's own fields. Secrets only as keyed fingerprints. */
  digestFields(payload: P, crypto: { s: Sodium; keys: VaultKeys }): Record<string, DetailValue>;
  /** Shown in the list of pending requests. */
  describe(payload: P, ctx: ReadContext): RequestDescription;
  /** Applies the authorized change inside the decision's transaction; returns the ids it touched. */
  apply(ctx: ApplyContext, payload: P): Record<string, string>;
}

export interface RequestDescription {
  reason: ChangeReason | null;
  note: string | null;
  changes: SettingChange[] | null;
}

/** A change whose only free text is the proposer's note (seed removal or export). */
export interface NotePayload {
  note: string | null;
}

/** How a change with no password reason or settings diff shows in the pending list. */
export const describeNote = (p: NotePayload): RequestDescription => ({ reason: null, note: p.note, changes: null });

export interface ReadContext {
  db: Db;
  s: Sodium;
  keys: VaultKeys;
}

export interface ApplyContext {
  db: Db;
  s: Sodium;
  keys: VaultKeys;
  request: ChangeRequestRow;
  approver: Actor;
  now: string;
}
