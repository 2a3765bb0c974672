import type { TrustedHead } from '../../vault/audit/verify';

/**
 * What a session knows of its vault beyond the file itself (SessionService keeps one, reset at every
 * unlock and lock): whether a verification found the file altered, the head its verifications found
 * whole, and the last event it appended. The last two are what a later verification must still find
 * in the file (IntegrityService: an earlier copy put back under the session is a rollback, however
 * whole in itself).
 */
export class SessionMarks {
  /** Set when the vault is found altered: nothing is written to it but unlock and lock events. */
  tampered: string | null = null;
  /** The head this keyholder's verifications found whole (from their record, then from this session's verification). */
  verified: TrustedHead | undefined;
  /** The newest event this session appended (its hash as hex). */
  written: { seq: number; hash: string; at: string } | undefined;

  clear(): void {
    this.tampered = null;
    this.verified = undefined;
    this.written = undefined;
  }

  /** The full verification found the vault altered: every write is refused until a verification finds it whole again. */
  refuse(part: string): void {
    if (this.tampered !== 'rolled_back') this.tampered = part;
  }

  /**
   * A later full verification found the file whole (the edit that made an earlier one fail was undone): writes are
   * allowed again, as the next unlock's verification would allow them. A rollback found at unlock is never lifted here.
   */
  foundWhole(): void {
    if (this.tampered !== 'rolled_back') this.tampered = null;
  }

  /** The newest chain head this session knows the file held: the last event it appended, or the head found whole. */
  knownHead(): { seq: number; hash: string; at?: string } | undefined {
    const { verified, written } = this;
    if (!verified) return written;
    if (!written || verified.seq > written.seq) return { seq: verified.seq, hash: verified.hash };
    return written;
  }
}
