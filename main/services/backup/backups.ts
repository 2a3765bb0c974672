import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, constants, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
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
import { checkBackup, openBackupFile, withFd } from './reader';
import { verifyRestored, type RestoredFacts } from './restore';
import { snapshotHeader, takeSnapshot } from './snapshot';
import { decryptBody, fileDigest } from './stream';
import { publish, removeStalePartials, writePartial } from './writer';

/** Where a backup is written and which one is read: the system's save and open dialogs in the app. */
export interface BackupFilesPort {
  saveTo(suggestedName: string): Promise<string | null>;
  openFrom(): Promise<string | null>;
}

const CHUNK_BYTES = 64 * 1024;
const head = (seq: number, hash: string) => ({ seq, hash, short: paperForm(hash) });

interface Opened {
  handle: string;
  dir: string;
  file: string;
  digest: string;
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
    const created = this.create(actor, path);
    return { saved: true, file: basename(path), ...created };
  }

  create(actor: Actor, destination: string): BackupCreated {
    requireAction(actor, 'backup.create');
    const session = this.sessions.require();
    const db = this.vault.require();
    const target = resolve(destination);
    // A backup renamed over the vault, its journal or its lock would destroy what it saves.
    if (dirname(target) === resolve(this.vault.dataDir)) throw new CustodiaError('BACKUP_DESTINATION');
    const createdAt = this.clock().toISOString();
    removeStalePartials(target);
    const temp = mkdtempSync(join(tmpdir(), 'custodia-backup-'));
    let partial: string | undefined;
    try {
      const snapshot = join(temp, 'snapshot.sqlite');
      takeSnapshot(db, snapshot);
      const signer = { keyholderId: actor.keyholderId, publicKey: this.s.crypto_sign_ed25519_sk_to_pk(actor.signSecret) };
      const draft = snapshotHeader(this.s, snapshot, signer, createdAt, CHUNK_BYTES, this.vault.nativeBinding);
      rmSync(`${snapshot}-wal`, { force: true });
      const written = writePartial(this.s, session.keys.backups, actor.signSecret, draft, snapshot, target);
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
   * unlock), decrypts it into a private temporary folder and verifies it whole. Wrong passphrases
   * count toward a growing delay, as at unlock; Argon2id is what resists an offline attack on the file.
   */
  async open(handle: string, keyholderId: string, passphrase: string): Promise<BackupOpened> {
    const path = this.chosen.get(handle);
    if (!path) throw new CustodiaError('BACKUP_UNKNOWN');
    const now = this.clock().getTime();
    if (isThrottled(this.throttle, now)) throw new CustodiaError('UNLOCK_THROTTLED', { retryAt: this.throttle.retryAt ?? now });
    const fd = openBackupFile(path);
    try {
      const checked = withFd(fd);
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
      const dir = mkdtempSync(join(tmpdir(), 'custodia-restore-'));
      const file = join(dir, 'vault.sqlite');
      try {
        decryptBody(this.s, keys.backups, headerCore(this.s, header), fd, checked.bodyAt, header.chunkBytes, file);
        const facts = await verifyRestored(this.s, file, header, keys, this.vault.referenceSchema(), { nativeBinding: this.vault.nativeBinding });
        this.opened = { handle, dir, file, digest: fileDigest(file), header, facts };
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
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
      closeSync(fd);
    }
  }

  /** Installs the backup opened under `handle` on a workstation without a vault; the person then unlocks it as usual. */
  install(handle: string): BackupInstalled {
    const opened = this.opened;
    if (!opened || opened.handle !== handle) throw new CustodiaError('BACKUP_UNKNOWN');
    // Replacing an existing vault is to be a co-signed request (issue 18, scope 2): refused until it is built.
    if (this.vault.state() !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    const staged = this.vault.stagingPath(`restoring-${randomBytes(8).toString('hex')}`);
    try {
      copyFileSync(opened.file, staged, constants.COPYFILE_EXCL);
      syncFile(staged);
      // The bytes installed are the bytes verified.
      if (fileDigest(staged) !== opened.digest) throw new CustodiaError('BACKUP_CORRUPT', { part: 'staged' });
      this.vault.install(staged);
    } catch (error) {
      rmSync(staged, { force: true });
      throw error;
    }
    this.discard();
    return { installed: true, chainHead: head(opened.facts.head.seq, opened.facts.head.hash) };
  }

  /**
   * The decrypted, verified copy opened under `handle`, for the co-signed replacement of a vault
   * (replace.ts): its file, the digest its bytes were verified with, and the chain head it holds.
   */
  openedCopy(handle: string): { file: string; digest: string; header: BackupHeader; head: { seq: number; hash: string } } {
    const opened = this.opened;
    if (!opened || opened.handle !== handle) throw new CustodiaError('BACKUP_UNKNOWN');
    return { file: opened.file, digest: opened.digest, header: opened.header, head: opened.facts.head };
  }

  /** Drops the decrypted copy (on a new open, after install, and when the app quits). */
  discard(): void {
    if (this.opened) rmSync(this.opened.dir, { recursive: true, force: true });
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

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
