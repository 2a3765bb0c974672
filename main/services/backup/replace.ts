import { basename, resolve } from 'node:path';
import type { ReplaceProposed, ReplaceStatus, VaultReplaced } from '../../../shared/vault-restore';
import { CustodiaError } from '../../domain/errors';
import { findChangeRequest } from '../../vault/repositories/change-requests';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { approvedRequest } from '../cosign/approved';
import { currentState, vaultRestore, type VaultRestorePayload } from '../cosign/kinds/vault-restore';
import { paperForm } from '../integrity/integrity';
import type { IntegrityService } from '../integrity/integrity';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import type { BackupFilesPort, BackupService } from './backups';
import { fileDigest } from './stream';

const head = (seq: number, hash: string) => ({ seq, hash, short: paperForm(hash) });

/**
 * Replacing this vault with a backup of it (issue 18, scope 2), a co-signed «vault.restore»:
 * proposed with a file main's dialog chose (inspected: header signature, body digest, same vault);
 * authorized by the head (POL-5); performed by the keyholder at the workstation with their
 * passphrase of the backup's time (Argon2id in the worker, full verification: BackupService.open).
 * The current vault records «vault.replaced» (the name it is kept under), its WAL is checkpointed,
 * the file is set aside, never deleted, the backup installed, and the session ends.
 */
export class VaultReplaceService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly integrity: IntegrityService,
    private readonly backup: BackupService,
    private readonly clock: Clock,
    private readonly files?: BackupFilesPort,
  ) {}

  /** The open dialog, then the proposal; nothing when it is cancelled. */
  async propose(actor: Actor, note?: string): Promise<ReplaceProposed> {
    requireAction(actor, 'restore.propose');
    const path = this.files ? await this.files.openFrom() : null;
    if (!path) return { chosen: false };
    return { chosen: true, ...this.proposeFile(actor, path, note) };
  }

  /** The file as it is now: refused if not a whole, signed backup of this vault (BACKUP_FOREIGN for another's). */
  proposeFile(actor: Actor, path: string, note?: string): { requestId: string; file: string } {
    requireAction(actor, 'restore.propose');
    const db = this.vault.require();
    const inspected = this.backup.inspect(path);
    if (inspected.sameVault !== true) throw new CustodiaError('BACKUP_FOREIGN');
    const { facts } = inspected;
    const records = Object.values(facts.counts).reduce((a, b) => a + b, 0);
    const current = currentState(db);
    const payload: VaultRestorePayload = {
      note: note || null,
      backup: {
        digest: fileDigest(path),
        createdAt: facts.createdAt,
        seq: facts.chainHead.seq,
        hash: facts.chainHead.hash,
        records,
        accounts: facts.counts.accounts ?? 0,
        file: basename(path),
      },
      path: resolve(path),
      current: { seq: current.seq, hash: current.hash },
    };
    const { requestId } = this.cosign.proposeChange(vaultRestore, actor, null, payload);
    return { requestId, file: basename(path) };
  }

  /** Authorized replacements still to perform (within their validity). */
  status(): ReplaceStatus {
    requireAction(this.sessions.require(), 'restore.perform');
    const db = this.vault.require();
    const ids = db
      .prepare(`SELECT id FROM change_requests WHERE kind = 'vault.restore' AND status = 'approved' AND expires_at > ? ORDER BY decided_at`)
      .pluck()
      .all(this.clock().toISOString()) as string[];
    return {
      authorized: ids.map((requestId) => {
        const { backup } = this.cosign.payloadOf(vaultRestore, findChangeRequest(db, requestId)!);
        return { requestId, file: backup.file, createdAt: backup.createdAt, head: head(backup.seq, backup.hash) };
      }),
    };
  }

  /**
   * Performs an authorized replacement. Every refusal leaves the vault as it was: a request not
   * authorized (or flipped to «approved» with sqlite3), a file changed since the head saw it, a
   * wrong passphrase, a backup that does not verify.
   */
  async perform(actor: Actor, requestId: string, passphrase: string): Promise<VaultReplaced> {
    requireAction(actor, 'restore.perform');
    const db = this.vault.require();
    const request = approvedRequest({ db, integrity: this.integrity, cosign: this.cosign }, requestId, 'vault.restore', 'RESTORE_NOT_AUTHORIZED');
    if (this.clock().toISOString() >= request.expiresAt) throw new CustodiaError('RESTORE_NOT_AUTHORIZED', { reason: 'expired' }, 'POL-5');
    const p = this.cosign.payloadOf(vaultRestore, request);
    const changed = () => new CustodiaError('BACKUP_CHANGED', { file: p.backup.file });
    if (safeDigest(p.path) !== p.backup.digest) throw changed();
    const { handle } = this.backup.inspect(p.path);
    try {
      await this.backup.open(handle, actor.keyholderId, passphrase);
      const opened = this.backup.openedCopy(handle);
      // What was decrypted and verified is the file the head authorized, and still is.
      const same = opened.header.createdAt === p.backup.createdAt && opened.head.seq === p.backup.seq && opened.head.hash === p.backup.hash;
      if (!same || safeDigest(p.path) !== p.backup.digest) throw changed();
      const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
      const aside = `${basename(this.vault.path)}.replaced-${stamp}`;
      // The verified file is renamed into place, never copied: still that file, as verified (staged.ts)?
      opened.staged.check();
      // Recorded in the vault being replaced, before it is set aside: the kept file ends with its own replacement.
      this.sessions.commit(
        () => undefined,
        () => ({
          at: this.clock().toISOString(),
          action: 'vault.replaced',
          subjects: { request: requestId },
          details: { replaced: aside, digest: p.backup.digest, createdAt: p.backup.createdAt, seq: p.backup.seq, head: p.backup.hash },
        }),
        actor,
      );
      // The session ends in the old vault (its lock event is the last it records); the app returns to the unlock screen.
      this.sessions.lock('manual');
      // Checked again right before the rename.
      this.vault.replace(opened.staged.path, aside, opened.staged);
      return { replaced: true, aside, chainHead: head(p.backup.seq, p.backup.hash) };
    } finally {
      this.backup.discard();
    }
  }
}

/** A file gone or unreadable since the proposal differs from it as much as an edited one. */
function safeDigest(path: string): string | null {
  try {
    return fileDigest(path);
  } catch {
    return null;
  }
}
