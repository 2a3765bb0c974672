import type { AppError } from './result';
import type { KeyholderRole, KeyholderStatus } from './domain';
import type { LastVisit } from './integrity';

/** What a locked vault shows: roles and public fingerprints, never names (they are sealed). */
export interface KeyholderBadge {
  id: string;
  role: KeyholderRole;
  fingerprint: string;
  /** Revoked (HAND-1): listed after the active ones, so the person who left is told why their passphrase opens nothing. */
  revoked: boolean;
}

export interface VaultStatus {
  /** `unavailable`: the folder or disk fails (full, read-only, unreadable, in use, newer format) — see `error`; never offered a ceremony. */
  state: 'empty' | 'corrupt' | 'unavailable' | 'locked' | 'unlocked';
  error?: AppError;
  keyholders: KeyholderBadge[];
  /** When unlock attempts are throttled, the epoch ms after which the next one is accepted. */
  retryAt: number | null;
}

export interface SessionInfo {
  keyholderId: string;
  role: KeyholderRole;
  /** At unlock: what happened since this keyholder's last visit, checked against the record they keep. */
  lastVisit?: LastVisit;
}

export interface KeyholderView extends Omit<KeyholderBadge, 'revoked'> {
  name: string;
  status: KeyholderStatus;
  createdAt: string;
}

export interface HomeView {
  institution: { name: string; acronym: string; emailDomains: string[]; timeZone: string; idleLockMinutes: number; rotationIntervalDays: number };
  keyholders: KeyholderView[];
  session: SessionInfo;
  audit: { events: number; headHash: string };
}

export type AuditVerification = { ok: true; events: number; headHash: string } | { ok: false; events: number; firstBad: { seq: number; reason: AuditFault } };

export type AuditFault = 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'signature_invalid' | 'unknown_actor' | 'truncated';
