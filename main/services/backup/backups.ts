import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupCreated, BackupFacts, BackupInspection, BackupInstalled, BackupOpened, BackupSaved } from '../../../shared/backup';
import { BACKUP_EXTENSION } from '../../../shared/backup';
import { CustodiaError } from '../../domain/errors';
import { afterFailure, initialThrottle, isThrottled, type ThrottleState } from '../../domain/unlock-throttle';
import { passphraseBytes, type KdfWorker } from '../../vault/kdf';
import { deriveVaultKeys, wipeVaultKeys } from '../../vault/keys';
import { publicKeyFingerprint, unwrapVaultKey } from '../../vault/keyring';
import { readRoster } from '../../vault/integrity/roster';
import { readMeta } from '../../vault/repositories/meta';
import type { Sodium } from '../../vault/sodium';
import { paperForm } from '../integrity/integrity';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { headerCore, type BackupHeader } from './format';
import { DecryptThread } from './decrypt';
import { EncryptThread } from './encrypt';
import { checkBackup, checkHeader, openBackupFile } from './reader';
import { verifyRestored, type RestoredFacts } from './restore';
import { snapshotHeader, takeSnapshot } from './snapshot';
import { StagedFile } from './staged';
import { publish, removeStalePartials, writePartialThreaded } from './writer';

/** Where a backup is written and which one is read: the system's save and open dialogs in the app. */
export interface BackupFilesPort {
  saveTo(suggestedName: string): Promise<string | null>;
  openFrom(): Promise<string | null>;
}

const CHUNK_BYTES = 64 * 1024;
const head = (seq: number, hash: string) => ({ seq, hash, short: paperForm(hash) });

interface Opened {
  handle: string;
  staged: StagedFile;
  header: BackupHeader;
  facts: RestoredFacts;
}

/**
 * Backup and restore (issue 18, scope 1 and 2). A backup is taken from a consistent snapshot,
 * encrypted as a stream under the vault's backup subkey, signed by the acting keyholder, written
 * under a temporary name and renamed; its event («backup.created») follows the snapshot, so the
 * header's chain head is the one before it. A restore checks the file without a passphrase, opens
 * it with any keyholder of that backup, verifies the restored vault whole, and installs it only on
 * a workstation without a vault (replacing one is a co-signed request: not built yet).
 */
export class BackupService {
  private readonly chosen = new Map<string, string>();
  private opened: Opened | undefined;
  private throttle: ThrottleState = initialThrottle;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly kdf: KdfWorker,
    private readonly clock: Clock,
    private readonly files?: BackupFilesPort,
  ) {}

  /** The save dialog, then the backup; nothing when it is cancelled (or there is no dialog: tests). */
  async save(actor: Actor): Promise<BackupSaved> {
    requireAction(actor, 'backup.create');
    if (!this.files) return { saved: false };
    const day = this.clock().toISOString().slice(0, 10);
    const path = await this.files.saveTo(`custodia-respaldo-${day}.${BACKUP_EXTENSION}`);
    if (!path) return { saved: false };
    const created = await this.create(actor, path);
    return { saved: true, file: basename(path), ...created };
  }

  /**
   * Takes the snapshot and writes the backup: its body encrypted in a worker thread started first
   * (its start-up hidden behind the snapshot) while this thread digests it (encrypt.ts), with a copy
   * of the backups subkey taken with the snapshot and wiped at the end. A session locked or changed
   * while the body is written: VAULT_LOCKED, and the partial file is removed.
   */
  async create(actor: Actor, destination: string): Promise<BackupCreated> {
    requireAction(actor, 'backup.create');
    const session = this.sessions.require();
    const db = this.vault.require();
    const target = resolve(destination);
    // A backup renamed over the vault, its journal or its lock would destroy what it saves.
    if (dirname(target) === resolve(this.vault.dataDir)) throw new CustodiaError('BACKUP_DESTINATION');
    const createdAt = this.clock().toISOString();
    const temp = mkdtempSync(join(tmpdir(), 'custodia-backup-'));
    const thread = EncryptThread.start();
    let key: Uint8Array | undefined;
    let partial: string | undefined;
    try {
      removeStalePartials(target);
      const snapshot = join(temp, 'snapshot.sqlite');
      takeSnapshot(db, snapshot);
      // The key of the snapshot's time: a re-key or a lock while the body is written does not change it.
      key = session.keys.backups.slice();
      const signer = { keyholderId: actor.keyholderId, publicKey: this.s.crypto_sign_ed25519_sk_to_pk(actor.signSecret) };
      const draft = snapshotHeader(this.s, snapshot, signer, createdAt, CHUNK_BYTES, this.vault.nativeBinding);
      rmSync(`${snapshot}-wal`, { force: true });
      const current = () => {
        if (this.sessions.current() !== session) throw new CustodiaError('VAULT_LOCKED');
        return actor.signSecret;
      };
      const written = await writePartialThreaded(this.s, thread, key, current, draft, snapshot, target);
      partial = written.partial;
      const { header, bytes } = written;
      const records = Object.values(header.counts).reduce((a, b) => a + b, 0);
      // Recorded before the rename: a backup that exists under its name is always in the log.
      this.sessions.commit(
        () => undefined,
        () => ({
          at: createdAt,
          action: 'backup.created',
          subjects: {},
          details: { bytes, seq: header.chainHead.seq, head: header.chainHead.hash, tables: Object.keys(header.counts).length, records },
        }),
        actor,
      );
      publish(written.partial, target);
      partial = undefined;
      return { createdAt, chainHead: head(header.chainHead.seq, header.chainHead.hash), counts: header.counts, bytes };
    } finally {
      thread.close();
      if (key) this.s.memzero(key);
      if (partial) rmSync(partial, { force: true });
      rmSync(temp, { recursive: true, force: true });
    }
  }

  /** The open dialog, then the checks that need no passphrase. */
  async choose(): Promise<BackupInspection> {
    const path = this.files ? await this.files.openFrom() : null;
    if (!path) return { chosen: false };
    return this.inspect(path);
  }

  inspect(path: string): BackupInspection & { chosen: true } {
    const checked = checkBackup(path);
    const sameVault = this.againstOpenVault(checked.header);
    const handle = randomUUID();
    this.chosen.set(handle, resolve(path));
    return { chosen: true, handle, file: basename(path), facts: this.facts(checked.header, checked.bytes), sameVault };
  }

  /**
   * Opens a chosen backup with one of its keyholders' passphrases (Argon2id in the worker, as an
   * unlock), decrypts it into a private staged file in the vault's folder and verifies it whole.
   * The header and signature are checked first; the body is read once, digested as it is decrypted
   * (decrypt.ts) and compared with the signed digest before the verification reads a byte of it.
   * Wrong passphrases count toward a growing delay, as at unlock; Argon2id is what resists an
   * offline attack on the file.
   */
  async open(handle: string, keyholderId: string, passphrase: string): Promise<BackupOpened> {
    const path = this.chosen.get(handle);
    if (!path) throw new CustodiaError('BACKUP_UNKNOWN');
    const now = this.clock().getTime();
    if (isThrottled(this.throttle, now)) throw new CustodiaError('UNLOCK_THROTTLED', { retryAt: this.throttle.retryAt ?? now });
    const fd = openBackupFile(path);
    // Started now, so it is ready when Argon2id ends; stopped on any refusal before the body.
    const thread = DecryptThread.start();
    try {
      const checked = checkHeader(fd);
      const { header } = checked;
      this.againstOpenVault(header);
      const slot = header.keyholders.find((k) => k.id === keyholderId);
      if (!slot) throw new CustodiaError('KEYHOLDER_UNKNOWN');
      const kdf = { alg: slot.kdf.alg, opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit, salt: this.s.from_hex(slot.kdf.salt) };
      const kek = await this.kdf.derive(passphraseBytes(passphrase), kdf);
      let vk: Uint8Array;
      try {
        vk = unwrapVaultKey(this.s, kek, this.s.from_hex(slot.wrappedVk), slot.id);
      } catch (error) {
        if (!(error instanceof CustodiaError) || error.code !== 'UNLOCK_FAILED') throw error;
        this.throttle = afterFailure(this.throttle, this.clock().getTime());
        const fingerprint = publicKeyFingerprint(this.s, this.s.from_hex(slot.signPublicKey));
        throw new CustodiaError('UNLOCK_FAILED', { failures: this.throttle.failures, retryAt: this.throttle.retryAt, fingerprint });
      } finally {
        this.s.memzero(kek);
      }
      this.throttle = initialThrottle;
      const keys = deriveVaultKeys(this.s, vk);
      this.discard();
      let staged: StagedFile | undefined;
      try {
        staged = StagedFile.create(this.vault);
        const body = { fd, position: checked.bodyAt, chunkBytes: header.chunkBytes, firstAd: headerCore(this.s, header), bodyDigest: header.bodyDigest };
        await thread.run(this.s, keys.backups, body, staged.descriptor);
        const facts = await verifyRestored(this.s, staged.path, header, keys, this.vault.referenceSchema(), { nativeBinding: this.vault.nativeBinding });
        // What is installed later is this file as verified now (staged.ts says what that covers).
        await staged.seal();
        this.opened = { handle, staged, header, facts };
      } catch (error) {
        staged?.remove();
        throw error;
      } finally {
        wipeVaultKeys(this.s, keys);
      }
      const { facts } = this.opened;
      return {
        handle,
        institution: facts.institution,
        createdAt: header.createdAt,
        header: head(header.chainHead.seq, header.chainHead.hash),
        restored: head(facts.head.seq, facts.head.hash),
        counts: facts.counts,
        events: facts.events,
        installable: this.vault.state() === 'empty',
      };
    } finally {
      thread.close();
      closeSync(fd);
    }
  }

  /**
   * Installs the backup opened under `handle` on a workstation without a vault (renamed into place:
   * the file verified, refused as BACKUP_CORRUPT `staged` if it is not that file as verified any
   * more, and then removed); the person then unlocks it as usual.
   */
  install(handle: string): BackupInstalled {
    const opened = this.opened;
    if (!opened || opened.handle !== handle) throw new CustodiaError('BACKUP_UNKNOWN');
    // Replacing an existing vault is a co-signed request (replace.ts).
    if (this.vault.state() !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    try {
      this.vault.install(opened.staged.path, opened.staged);
    } finally {
      this.discard();
    }
    return { installed: true, chainHead: head(opened.facts.head.seq, opened.facts.head.hash) };
  }

  /**
   * The decrypted, verified file opened under `handle`, for the co-signed replacement of a vault
   * (replace.ts): the staged file with its guard (to be renamed into place, never copied), the
   * signed header and the chain head it holds.
   */
  openedCopy(handle: string): { staged: StagedFile; header: BackupHeader; head: { seq: number; hash: string } } {
    const opened = this.opened;
    if (!opened || opened.handle !== handle) throw new CustodiaError('BACKUP_UNKNOWN');
    return { staged: opened.staged, header: opened.header, head: opened.facts.head };
  }

  /** Drops the staged file unless it was installed (on a new open, after install, and when the app quits). */
  discard(): void {
    this.opened?.staged.remove();
    this.opened = undefined;
  }

  /** With a vault open here: the backup must be of it, signed by a key its signed roster names. */
  private againstOpenVault(header: BackupHeader): boolean | null {
    if (this.vault.state() !== 'present') return null;
    const db = this.vault.require();
    if (String(readMeta(db, 'vault_id') ?? '') !== header.vaultId) throw new CustodiaError('BACKUP_FOREIGN');
    const member = readRoster(db, this.s)?.get(header.signer.keyholderId);
    if (!member || member.key !== header.signer.publicKey) throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'signer_not_in_roster' });
    return true;
  }

  private facts(header: BackupHeader, bytes: number): BackupFacts {
    const fingerprint = (hex: string) => publicKeyFingerprint(this.s, this.s.from_hex(hex));
    return {
      format: header.format,
      createdAt: header.createdAt,
      vaultId: header.vaultId,
      chainHead: head(header.chainHead.seq, header.chainHead.hash),
      counts: header.counts,
      keyholders: header.keyholders.map((k) => ({ id: k.id, role: k.role, fingerprint: fingerprint(k.signPublicKey) })),
      signer: { keyholderId: header.signer.keyholderId, fingerprint: fingerprint(header.signer.publicKey) },
      bytes,
    };
  }
}
