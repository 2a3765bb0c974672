import { CustodiaError } from '../../domain/errors';
import { readRoster } from '../../vault/integrity/roster';
import { deriveVaultKeys, generateVaultKey } from '../../vault/keys';
import { listKeyholders } from '../../vault/repositories/keyholders';
import { putPendingWrap } from '../../vault/repositories/pending-wraps';
import { closeKitInForce } from '../../vault/repositories/recovery-kits';
import { rekeyVault } from '../../vault/rekey/rekey';
import { SEALED_TABLES } from '../../vault/rekey/sealed-columns';
import { writeWholeTables } from '../../vault/integrity/capture';
import type { Sodium } from '../../vault/sodium';
import type { ApplyContext } from '../cosign/change-kind';
import type { SessionService } from '../vault/session';

export interface RekeyProgress {
  done: number;
  total: number;
}

/**
 * The re-key of a revocation (HAND-1; design.md §4), inside its approval's transaction: a new vault
 * key, everything sealed anew (main/vault/rekey), the new key boxed by the approver for every
 * keyholder still active (each claims it at their next unlock), and the session going on under it.
 * A kill at any point leaves the file wholly under the old key or wholly under the new one.
 */
export class RekeyService {
  private readonly listeners = new Set<(progress: RekeyProgress) => void>();

  constructor(
    private readonly s: Sodium,
    private readonly sessions: SessionService,
  ) {}

  /** Progress of a running re-key, for the screen (a main → renderer event). */
  onProgress(listener: (progress: RekeyProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A revocation is authorized from another keyholder's session: the revoked one's never goes on under the new key (HAND-1). */
  assertNotInSession(keyholderId: string): void {
    if (this.sessions.require().keyholderId === keyholderId) throw new CustodiaError('KEYHOLDER_IN_SESSION', {}, 'HAND-1');
  }

  /** Returns the new key's epoch. */
  rekey({ db, approver, now }: Pick<ApplyContext<null>, 'db' | 'approver' | 'now'>): number {
    const from = this.sessions.require().keys;
    const to = deriveVaultKeys(this.s, generateVaultKey());
    try {
      // Every row of the sealed tables is rewritten: bound as whole tables (integrity/capture.ts), not row by row.
      const { epoch } = writeWholeTables(
        db,
        SEALED_TABLES.map((t) => t.table),
        () => rekeyVault(db, this.s, from, to, { at: now, onProgress: (p) => this.emit(p) }),
      );
      // The emergency kit in force wrapped the old vault key: superseded, its wraps deleted; a new kit is needed (issue 18, 0009).
      closeKitInForce(db, 'superseded', now);
      // The recipients' keys are the signed roster's, never a slot's own column.
      const roster = readRoster(db, this.s);
      for (const k of listKeyholders(db).filter((k) => k.status === 'active')) {
        const key = roster?.get(k.id)?.key;
        if (roster && key !== this.s.to_hex(k.signPublicKey)) throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: k.id });
        putPendingWrap(db, this.s, {
          keyholderId: k.id,
          recipientKey: k.signPublicKey,
          senderId: approver.keyholderId,
          senderSecret: approver.signSecret,
          vk: to.vk,
          at: now,
        });
      }
      this.sessions.replaceKeys(to);
      return epoch;
    } catch (error) {
      if (this.sessions.require().keys !== to) for (const key of Object.values(to)) this.s.memzero(key);
      throw error;
    }
  }

  private emit(progress: RekeyProgress): void {
    for (const listener of this.listeners) {
      try {
        listener(progress);
      } catch {
        // a screen that cannot be told does not stop the re-key
      }
    }
  }
}
