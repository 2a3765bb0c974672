import type { AuditEntry } from '../../../shared/audit-actions';
import type { LockedEvent, LockReason } from '../../../shared/channels';
import type { SessionInfo } from '../../../shared/contract';
import type { LastVisit } from '../../../shared/integrity';
import type { ErrorCode } from '../../../shared/result';
import { CustodiaError } from '../../domain/errors';
import { afterFailure, initialThrottle, isThrottled, type ThrottleState } from '../../domain/unlock-throttle';
import { appendEvent } from '../../vault/audit/log';
import { writeStamp, type Db } from '../../vault/db';
import { passphraseBytes, type KdfWorker } from '../../vault/kdf';
import { deriveVaultKeys, wipeVaultKeys, type VaultKeys } from '../../vault/keys';
import { claimWrap } from '../../vault/repositories/pending-wraps';
import { listKeyholders } from '../../vault/repositories/keyholders';
import { lastEvent } from '../../vault/audit/log';
import type { TrustedHead } from '../../vault/audit/verify';
import { touchAll } from '../../vault/integrity/capture';
import { compareSchema, readSchema } from '../../vault/integrity/schema';
import { checkSlot, openSlot } from './key-slot';
import type { Actor, Clock, Session } from './actor';
import { deriveSeenKey, lastVisit, LastSeenStore, vaultIdOf, type SeenRecord } from './last-seen';
import { SessionMarks } from './session-marks';
import { replacedSince } from './replaced-visit';
import type { Sodium } from '../../vault/sodium';
import { storageError } from '../../vault/storage-errors';
import type { VaultFile } from './vault-file';

export type { Actor, Clock, Session } from './actor';

/** A stamp that cannot be read makes no read-ahead hold; the unlock itself reports the storage's state. */
const stampOf = (db: Db): string | null => {
  try {
    return writeStamp(db);
  } catch {
    return null;
  }
};

export class SessionService {
  private session: Session | undefined;
  private throttle: ThrottleState = initialThrottle;
  private unlocking = false;
  private readonly lockListeners = new Set<(event: LockedEvent) => void>();
  private readonly unlockListeners = new Set<() => void>();
  private readonly unlockingListeners = new Set<() => void>();
  private visit: LastVisit | null = null;
  /** Found altered, the head found whole, the last event written (reset at unlock and lock; IntegrityService reads and sets them). */
  readonly marks = new SessionMarks();
  private readonly seen: LastSeenStore;
  /** The file's write stamp when onUnlocking listeners read, and after the unlock's own writes, if none came between. */
  private readAhead: { db: Db; stamp: string; after: string } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly kdf: KdfWorker,
    private readonly clock: Clock,
  ) {
    this.seen = new LastSeenStore(s, vault.dataDir);
  }

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

  /** When the next unlock attempt is allowed (null: now). Under a clock that cannot be read, any pending wait is shown as it stands: unlock itself refuses that clock. */
  retryAt(): number | null {
    let now: number;
    try {
      now = this.clock().getTime();
    } catch {
      return this.throttle.retryAt;
    }
    return isThrottled(this.throttle, now) ? this.throttle.retryAt : null;
  }

  onLock(listener: (event: LockedEvent) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  /** Called while an unlock's KDF runs in its worker, for work that needs no key (reading sealed rows ahead). */
  onUnlocking(listener: () => void): () => void {
    this.unlockingListeners.add(listener);
    return () => this.unlockingListeners.delete(listener);
  }

  /**
   * Whether what an onUnlocking listener read at `stamp` (writeStamp) is still what the file holds:
   * nothing was written while the KDF ran, and nothing since but the unlock's own audit event.
   */
  readAheadHolds(db: Db, stamp: string): boolean {
    const ahead = this.readAhead;
    return ahead !== undefined && ahead.db === db && ahead.stamp === stamp && ahead.after === stampOf(db);
  }

  onUnlock(listener: () => void): () => void {
    this.unlockListeners.add(listener);
    return () => this.unlockListeners.delete(listener);
  }

  /** A chain head the unlocked keyholder's own earlier verification found whole (their sealed record says so). */
  verifiedHead(): TrustedHead | undefined {
    return this.session ? this.marks.verified : undefined;
  }

  /** What the unlocked keyholder's last-seen record said at this unlock. */
  lastVisit(): LastVisit | null {
    return this.session ? this.visit : null;
  }

  /**
   * A failed attempt reads the keyholder row and nothing else: the vault file is not written.
   * Failures are counted in memory and recorded with the next successful unlock.
   */
  async unlock(keyholderId: string, passphrase: string): Promise<SessionInfo> {
    const db = this.vault.require();
    const altered = compareSchema(readSchema(db), this.vault.referenceSchema());
    if (altered.length > 0) throw new CustodiaError('VAULT_TAMPERED', { part: 'schema', object: altered[0]!.key ?? '' });
    const proving = this.prove(keyholderId, passphrase);
    this.readAhead = undefined;
    const ahead = stampOf(db);
    // This thread is idle while Argon2id runs in the worker: keyless reads for the first screens go here.
    for (const listener of this.unlockingListeners) {
      try {
        listener();
      } catch {
        // a head start only: what it would have read is read after the unlock
      }
    }
    const proven = await proving;
    const keyed = stampOf(db);
    if (this.session) this.wipe();
    this.session = {
      keyholderId: proven.keyholderId,
      role: proven.role,
      signSecret: proven.signSecret,
      seenKey: proven.seenKey,
      keys: deriveVaultKeys(this.s, proven.vk),
    };
    this.marks.clear();
    const vaultId = vaultIdOf(db);
    const record = this.seen.read(vaultId, proven.keyholderId, proven.seenKey);
    let visit = lastVisit(db, this.s, record);
    // Issue 18: an authorized replacement by an older backup is read from the backup's head, not as a rollback.
    const replaced = visit.state === 'rolled_back' && typeof record === 'object' ? replacedSince(db, this.s, this.vault, record) : null;
    if (replaced) visit = lastVisit(db, this.s, replaced);
    this.visit = visit;
    this.marks.verified = visit.state === 'ok' && typeof record === 'object' && !replaced ? record.verified : undefined;
    const failedAttempts = this.throttle.failures;
    try {
      if (!proven.rostered) this.adopt(db);
      if (proven.claim) this.claim(db, proven.keyholderId, proven.claim);
      this.record({ at: this.clock().toISOString(), action: 'vault.unlocked', subjects: { keyholder: proven.keyholderId }, details: { failedAttempts } });
    } catch (error) {
      this.wipe();
      throw error;
    }
    // The unlock wrote its own event (and, once, the adoption's): rows read during the KDF still hold if nothing else was written.
    const after = stampOf(db);
    if (ahead !== null && keyed === ahead && after !== null) this.readAhead = { db, stamp: ahead, after };
    this.throttle = initialThrottle;
    // A record the chain no longer holds is kept as it is, so the rollback is reported again at every unlock.
    if (visit.state === 'rolled_back') this.marks.tampered = 'rolled_back';
    else this.saveSeen(this.session);
    for (const listener of this.unlockListeners) listener();
    return { keyholderId: proven.keyholderId, role: proven.role, lastVisit: visit };
  }

  /**
   * A vault made before its state was bound to the log: its current state and roster are adopted as found, in one event
   * signed by whoever unlocks first after the upgrade; from then on every write is bound to the log.
   */
  private adopt(db: Db): void {
    const roster = listKeyholders(db).map((k) => ({ id: k.id, role: k.role, key: this.s.to_hex(k.signPublicKey) }));
    this.commit(
      (tx) => touchAll(tx),
      () => ({ at: this.clock().toISOString(), action: 'integrity.adopted', subjects: {}, details: { roster } }),
      this.require(),
      true,
    );
  }

  /** The first unlock after a re-key or an enrolment: the boxed vault key becomes an ordinary wrap under this passphrase. */
  private claim(db: Db, keyholderId: string, wrapped: Uint8Array): void {
    this.commit(
      (tx) => claimWrap(tx, keyholderId, wrapped),
      (epoch) => ({ at: this.clock().toISOString(), action: 'keyholder.wrap_claimed', subjects: { keyholder: keyholderId }, details: { epoch } }),
      this.require(),
      true,
    );
  }

  /**
   * Inside a commit only (a re-key): the session goes on under the new vault keys. Should the
   * transaction fail, commit puts the old ones back and wipes these; once it holds, the old ones are wiped.
   */
  replaceKeys(next: VaultKeys): void {
    this.require().keys = next;
  }

  /** After the unlocked keyholder changed their passphrase: their last-seen record goes under its new key. */
  replaceSeenKey(seenKey: Uint8Array): void {
    const session = this.require();
    if (session.seenKey) this.s.memzero(session.seenKey);
    session.seenKey = seenKey;
    this.saveSeen(session);
  }

  /** Remembers, outside the vault, the chain head this keyholder has now seen. */
  private saveSeen(actor: Actor, verified = actor === this.session ? this.marks.verified : undefined): void {
    // Never the head of a file found altered (lock() records the head the session knew).
    if (!actor.seenKey || this.marks.tampered) return;
    try {
      const head = lastEvent(this.vault.require());
      this.writeSeen(actor.keyholderId, actor.seenKey, { seq: head.seq, hash: this.s.to_hex(head.hash), at: head.at ?? '', ...(verified ? { verified } : {}) });
    } catch {
      // A record that cannot be written leaves the previous one: the next visit shows more events, never fewer.
    }
  }

  private writeSeen(keyholderId: string, seenKey: Uint8Array, record: SeenRecord): void {
    try {
      this.seen.write(vaultIdOf(this.vault.require()), keyholderId, seenKey, record);
    } catch {
      // As above: the previous record stays.
    }
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
    // A co-signer whose key still waits in a box claims it at their own next unlock.
    if (proven.claim) this.s.memzero(proven.claim);
    if (!same) {
      this.s.memzero(proven.signSecret);
      this.s.memzero(proven.seenKey);
      throw new CustodiaError('VAULT_CORRUPT', { part: 'keyring' });
    }
    this.throttle = initialThrottle;
    return { keyholderId: proven.keyholderId, role: proven.role, signSecret: proven.signSecret, seenKey: proven.seenKey };
  }

  /** Zeroes an actor's keys once the action it was proven for is done; they have seen the chain up to it. */
  release(actor: Actor): void {
    if (actor === this.session) return;
    this.saveSeen(actor);
    this.s.memzero(actor.signSecret);
    if (actor.seenKey) this.s.memzero(actor.seenKey);
  }

  private async prove(
    keyholderId: string,
    passphrase: string,
  ): Promise<Actor & { vk: Uint8Array; seenKey: Uint8Array; rostered: boolean; claim?: Uint8Array | undefined }> {
    const db = this.vault.require();
    const now = this.clock().getTime();
    if (this.unlocking || isThrottled(this.throttle, now)) {
      throw new CustodiaError('UNLOCK_THROTTLED', { retryAt: this.throttle.retryAt ?? now });
    }
    const slot = checkSlot(db, this.s, keyholderId);
    const { keyholder, role, fingerprint } = slot;
    this.unlocking = true;
    let kek: Uint8Array | undefined;
    try {
      kek = await this.kdf.derive(passphraseBytes(passphrase), keyholder.kdf);
      let opened: ReturnType<typeof openSlot>;
      try {
        opened = openSlot(db, this.s, slot, kek);
      } catch (error) {
        if (error instanceof CustodiaError && error.code === 'VAULT_TAMPERED') throw error;
        this.throttle = afterFailure(this.throttle, this.clock().getTime());
        // A wrong passphrase and an altered key slot look the same: the fingerprint on paper tells them apart.
        throw new CustodiaError('UNLOCK_FAILED', { failures: this.throttle.failures, retryAt: this.throttle.retryAt, fingerprint });
      }
      const { vk, signSecret, claim } = opened;
      return { keyholderId: keyholder.id, role, signSecret, vk, seenKey: deriveSeenKey(this.s, kek), rostered: slot.roster !== undefined, claim };
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

  /**
   * Never fails: the keys and the session go first, whatever the disk says; then the lock is
   * recorded, signed with a copy of the signing key kept only for that write. What could not be
   * recorded is said, not thrown.
   */
  lock(reason: LockReason): LockedEvent {
    const session = this.session;
    if (!session) return { reason };
    let unrecorded: ErrorCode | undefined;
    const signSecret = session.signSecret.slice();
    const audit = session.keys.audit.slice();
    const seenKey = this.marks.tampered === 'rolled_back' ? undefined : session.seenKey?.slice();
    const verified = this.marks.verified;
    // A session that found the file altered under it records, as seen, the head it knew (written or verified), never the file's:
    // a file rolled back under the session is then still reported at the next unlock.
    const known = this.marks.tampered ? (this.marks.knownHead() ?? null) : undefined;
    this.wipe();
    try {
      const db = this.vault.require();
      const signer = { keyholderId: session.keyholderId, secretKey: signSecret };
      const locked: AuditEntry = { at: this.clock().toISOString(), action: 'vault.locked', subjects: {}, details: { reason } };
      db.transaction(() => appendEvent(db, this.s, audit, signer, locked))();
      if (seenKey && known === undefined) this.saveSeen({ keyholderId: session.keyholderId, role: session.role, signSecret, seenKey }, verified);
      else if (seenKey && known) this.writeSeen(session.keyholderId, seenKey, { seq: known.seq, hash: known.hash, at: known.at ?? '' });
    } catch (error) {
      // A cut log, a full disk, the clock: the lock holds all the same, and the person is told.
      this.vault.failed(error);
      unrecorded = error instanceof CustodiaError ? error.code : (storageError(error, true)?.code ?? 'INTERNAL');
    } finally {
      this.s.memzero(signSecret);
      this.s.memzero(audit);
      if (seenKey) this.s.memzero(seenKey);
    }
    const event: LockedEvent = unrecorded ? { reason, unrecorded } : { reason };
    for (const listener of this.lockListeners) listener(event);
    return event;
  }

  /**
   * Runs one use case: the change and its audit event, signed by the acting keyholder (the
   * unlocked one unless another proved their passphrase), in one transaction. Both or neither.
   */
  commit<T>(change: (db: Db) => T, event: (result: T) => AuditEntry, actor: Actor = this.require(), evenIfTampered = false): T {
    const session = this.require();
    if (this.marks.tampered && !evenIfTampered) throw new CustodiaError('VAULT_TAMPERED', { part: this.marks.tampered });
    const db = this.vault.require();
    // A keyholder revoked since they proved their passphrase signs nothing more (HAND-1).
    if ((db.prepare('SELECT status FROM keyholders WHERE id = ?').pluck().get(actor.keyholderId) ?? 'retired') === 'retired')
      throw new CustodiaError('KEYHOLDER_REVOKED');
    const signer = { keyholderId: actor.keyholderId, secretKey: actor.signSecret };
    const keys = session.keys;
    let result: T;
    let appended: { seq: number; hash: Uint8Array; at: string } | undefined;
    try {
      result = db.transaction(() => {
        const value = change(db);
        // After a re-key (replaceKeys) the event is appended under the new audit key, which sealed the head anew.
        appended = appendEvent(db, this.s, session.keys.audit, signer, event(value));
        return value;
      })();
      if (appended) this.marks.written = { seq: appended.seq, hash: this.s.to_hex(appended.hash), at: appended.at };
    } catch (error) {
      if (session.keys !== keys) {
        wipeVaultKeys(this.s, session.keys);
        session.keys = keys;
      }
      this.vault.failed(error);
      throw error;
    }
    if (session.keys !== keys) wipeVaultKeys(this.s, keys);
    return result;
  }

  /** Unlock and lock are recorded even in a vault found altered: who opened it stays on the record. */
  private record(event: AuditEntry): void {
    this.commit(
      () => undefined,
      () => event,
      this.require(),
      true,
    );
  }

  private wipe(): void {
    this.readAhead = undefined;
    this.marks.clear();
    if (!this.session) return;
    wipeVaultKeys(this.s, this.session.keys);
    this.s.memzero(this.session.signSecret);
    if (this.session.seenKey) this.s.memzero(this.session.seenKey);
    this.session = undefined;
  }
}
