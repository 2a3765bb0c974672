import type { LockReason } from '../../shared/channels';
import type { SessionInfo } from '../../shared/contract';
import type { KeyholderRole } from '../../shared/domain';
import { CustodiaError } from '../domain/errors';
import { afterFailure, initialThrottle, isThrottled, type ThrottleState } from '../domain/unlock-throttle';
import { appendEvent, type NewAuditEvent } from '../vault/audit/log';
import type { Db } from '../vault/db';
import { passphraseBytes, type KdfWorker } from '../vault/kdf';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from '../vault/keys';
import { openSigningSecret, unwrapVaultKey } from '../vault/keyring';
import { findKeyholder } from '../vault/repositories/keyholders';
import type { Sodium } from '../vault/sodium';
import type { VaultFile } from './vault-file';

/** A keyholder who has proven their passphrase: who acts, with what role, and their signing key. */
export interface Actor {
  keyholderId: string;
  role: KeyholderRole;
  signSecret: Uint8Array;
}

/** What the unlocked keyholder holds in memory. Zeroed on lock. */
export interface Session extends Actor {
  keys: VaultKeys;
}

export type Clock = () => Date;

export class SessionService {
  private session: Session | undefined;
  private throttle: ThrottleState = initialThrottle;
  private unlocking = false;
  private readonly lockListeners = new Set<(reason: LockReason) => void>();

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly kdf: KdfWorker,
    private readonly clock: Clock,
  ) {}

  current(): Session | undefined {
    return this.session;
  }

  require(): Session {
    if (!this.session) throw new CustodiaError('VAULT_LOCKED');
    return this.session;
  }

  info(): SessionInfo | null {
    return this.session ? { keyholderId: this.session.keyholderId, role: this.session.role } : null;
  }

  retryAt(): number | null {
    return isThrottled(this.throttle, this.clock().getTime()) ? this.throttle.retryAt : null;
  }

  onLock(listener: (reason: LockReason) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  /**
   * A failed attempt reads the keyholder row and nothing else: the vault file is not written.
   * Failures are counted in memory and recorded with the next successful unlock.
   */
  async unlock(keyholderId: string, passphrase: string): Promise<SessionInfo> {
    const proven = await this.prove(keyholderId, passphrase);
    if (this.session) this.wipe();
    this.session = { keyholderId: proven.keyholderId, role: proven.role, signSecret: proven.signSecret, keys: deriveVaultKeys(this.s, proven.vk) };
    const failedAttempts = this.throttle.failures;
    this.throttle = initialThrottle;
    this.record({ at: this.clock().toISOString(), action: 'vault.unlocked', subjects: { keyholder: proven.keyholderId }, details: { failedAttempts } });
    return { keyholderId: proven.keyholderId, role: proven.role };
  }

  /**
   * The co-sign dialog: a second keyholder, at the same workstation, proves their passphrase while
   * the vault is unlocked. Their key slot must open to the very vault key in use. Wrong
   * passphrases count toward the same growing delay as unlock attempts.
   */
  async authenticate(keyholderId: string, passphrase: string): Promise<Actor> {
    const session = this.require();
    const proven = await this.prove(keyholderId, passphrase);
    const same = proven.vk.length === session.keys.vk.length && this.s.memcmp(proven.vk, session.keys.vk);
    this.s.memzero(proven.vk);
    if (!same) {
      this.s.memzero(proven.signSecret);
      throw new CustodiaError('VAULT_CORRUPT', { part: 'keyring' });
    }
    this.throttle = initialThrottle;
    return { keyholderId: proven.keyholderId, role: proven.role, signSecret: proven.signSecret };
  }

  /** Zeroes an actor's signing key once the action it was proven for is done. */
  release(actor: Actor): void {
    if (actor !== this.session) this.s.memzero(actor.signSecret);
  }

  private async prove(keyholderId: string, passphrase: string): Promise<Actor & { vk: Uint8Array }> {
    const db = this.vault.require();
    const now = this.clock().getTime();
    if (this.unlocking || isThrottled(this.throttle, now)) {
      throw new CustodiaError('UNLOCK_THROTTLED', { retryAt: this.throttle.retryAt ?? now });
    }
    const keyholder = findKeyholder(db, keyholderId);
    if (!keyholder || keyholder.status !== 'active' || !keyholder.wrappedVk || !keyholder.sealedSignSecret) {
      throw new CustodiaError('KEYHOLDER_UNKNOWN');
    }
    this.unlocking = true;
    let kek: Uint8Array | undefined;
    try {
      kek = await this.kdf.derive(passphraseBytes(passphrase), keyholder.kdf);
      let vk: Uint8Array;
      try {
        vk = unwrapVaultKey(this.s, kek, keyholder.wrappedVk, keyholder.id);
      } catch {
        this.throttle = afterFailure(this.throttle, this.clock().getTime());
        throw new CustodiaError('UNLOCK_FAILED', { failures: this.throttle.failures, retryAt: this.throttle.retryAt });
      }
      const signSecret = openSigningSecret(this.s, kek, keyholder.sealedSignSecret, keyholder.id);
      return { keyholderId: keyholder.id, role: keyholder.role, signSecret, vk };
    } finally {
      if (kek) this.s.memzero(kek);
      this.unlocking = false;
    }
  }

  /** Used by the creation ceremony, which already holds the founding administrator's keys. */
  begin(session: Session): SessionInfo {
    if (this.session) this.wipe();
    this.session = session;
    return { keyholderId: session.keyholderId, role: session.role };
  }

  lock(reason: LockReason): void {
    if (!this.session) return;
    try {
      this.record({ at: this.clock().toISOString(), action: 'vault.locked', subjects: {}, details: { reason } });
    } finally {
      this.wipe();
      for (const listener of this.lockListeners) listener(reason);
    }
  }

  /**
   * Runs one use case: the change and its audit event, signed by the acting keyholder (the
   * unlocked one unless another proved their passphrase), in one transaction. Both or neither.
   */
  commit<T>(change: (db: Db) => T, event: (result: T) => NewAuditEvent, actor: Actor = this.require()): T {
    const session = this.require();
    const db = this.vault.require();
    const signer = { keyholderId: actor.keyholderId, secretKey: actor.signSecret };
    return db.transaction(() => {
      const result = change(db);
      appendEvent(db, this.s, session.keys.audit, signer, event(result));
      return result;
    })();
  }

  private record(event: NewAuditEvent): void {
    this.commit(() => undefined, () => event);
  }

  private wipe(): void {
    if (!this.session) return;
    wipeVaultKeys(this.s, this.session.keys);
    this.s.memzero(this.session.signSecret);
    this.session = undefined;
  }
}
