/**
 * What the full verification of a vault finds (design.md §4, "the file is not trusted, the log is").
 * Each fault names the event (seq) or the table and row key it is about; the renderer translates the kind.
 */
export const INTEGRITY_FAULT_KINDS = [
  // the chain itself
  'sequence_gap',
  'chain_broken',
  'hash_mismatch',
  'signature_invalid',
  'unknown_actor',
  // a keyholder revoked at a handover signs nothing after it (HAND-1)
  'actor_retired',
  'truncated',
  // authority replayed from the signed roster
  'roster_invalid',
  'role_refused',
  'self_approval',
  'request_unknown',
  'request_decided',
  'request_expired',
  'clock_backwards',
  'write_refused',
  // the state against what the log recorded
  'row_unrecorded',
  'row_altered',
  'row_missing',
  'table_undeclared',
  'schema_altered',
  'key_not_pinned',
  'current_version_foreign',
  'export_unshown',
  'recovery_code_unused',
  'grant_unauthorized',
] as const;

export type IntegrityFaultKind = (typeof INTEGRITY_FAULT_KINDS)[number];

export interface IntegrityFault {
  kind: IntegrityFaultKind;
  seq?: number;
  table?: string;
  key?: string;
  action?: string;
}

export interface IntegrityReport {
  ok: boolean;
  /** Events in the chain, and its head as hex. */
  events: number;
  headHash: string;
  /** Covered rows compared with the digests their last events recorded. */
  rows: number;
  /** Signatures checked: all, or those after the head this keyholder's earlier verification found whole. */
  signatures: number;
  faults: IntegrityFault[];
  /** Faults past this many are counted, not listed. */
  moreFaults: number;
  /** For a vault made before its state was bound to the log: the event from which its state is bound (trusted as found then). */
  baselineSeq: number | null;
}

/** What changed in the chain since this keyholder last saw it (kept sealed outside the vault file). */
export type LastVisit =
  | { state: 'first' }
  | { state: 'unreadable' }
  | { state: 'ok'; seenSeq: number; seenAt: string; events: number; byActor: Record<string, number>; byAction: Record<string, number> }
  /** The chain no longer holds the event this keyholder last saw: it was cut, or the file replaced by an older copy. */
  | { state: 'rolled_back'; seenSeq: number; seenAt: string; chainEvents: number };

/** A chain head as a person writes it on paper: four groups of four characters and its sequence number. */
export interface PaperHead {
  seq: number;
  short: string;
}

export type PaperHeadMatch = { found: true; seq: number; at: string; actorId: string; actorName: string } | { found: false };

/** What the home screen shows about the vault's integrity. */
export interface IntegrityStatus {
  report: IntegrityReport;
  lastVisit: LastVisit | null;
  head: PaperHead;
}
