import { randomUUID } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { PASSPHRASE_MIN_SCORE } from '../../../shared/domain';
import type { ExportInventoryResult, ExportKdbxResult, ExportStatus } from '../../../shared/export';
import { CSV_EXTENSION, KDBX_EXTENSION } from '../../../shared/export';
import { assessStrength } from '../../../shared/strength';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { findChangeRequest, openRequestIds } from '../../vault/repositories/change-requests';
import { readInstitution } from '../../vault/repositories/institution';
import { findVaultExport, insertExportExposure, markVaultExportPerformed, openVaultExports } from '../../vault/repositories/vault-exports';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { vaultExport } from '../cosign/kinds/vault-export';
import type { IntegrityService } from '../integrity/integrity';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { inventoryCsv } from './inventory';
import { kdbxEntries } from './entries';
import { publishFile, removePartial, writePartialFile } from './files';
import { EXPORT_KDF, writeKdbx, type KdbxCost } from './kdbx-writer';

/** Where an export is saved: the system's save dialog in the app (the renderer never names a path). */
export type ExportFilesPort = (suggestedName: string, extension: typeof KDBX_EXTENSION | typeof CSV_EXTENSION) => Promise<string | null>;

/**
 * Export (issue 18, scope 5). The KeePass file is a co-signed request (`vault.export`, POL-5): the
 * administrator proposes it, the head authorizes it, and the proposer performs it once within the
 * request's validity with a passphrase of their choice (POL-1's length at least). Every password and
 * seed written is recorded, in the transaction that marks the export performed, as an exposure of
 * the exporting keyholder (HAND-3); the file is written under a temporary name, made durable,
 * recorded, then renamed. The inventory (CSV) holds no secret: any keyholder saves it, audited.
 */
export class ExportService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly integrity: IntegrityService,
    private readonly clock: Clock,
    private readonly files?: ExportFilesPort,
    private readonly kdf: KdbxCost = EXPORT_KDF,
  ) {}

  propose(actor: Actor, note?: string | null): { requestId: string } {
    requireAction(actor, 'export.propose');
    return this.cosign.proposeChange(vaultExport, actor, null, { note: note || null });
  }

  status(actor: Actor): ExportStatus {
    const session = this.sessions.require();
    const db = this.vault.require();
    const now = this.clock().toISOString();
    const ready = openVaultExports(db, actor.keyholderId).flatMap((g) => {
      const request = findChangeRequest(db, g.requestId);
      return request && request.expiresAt > now ? [{ requestId: g.requestId, authorizedAt: g.authorizedAt, expiresAt: request.expiresAt }] : [];
    });
    const own = openRequestIds(db, 'vault.export', null, now)
      .map((id) => findChangeRequest(db, id)!)
      .find((r) => r.proposedBy === actor.keyholderId);
    const minLength = readInstitution(db, this.s, session.keys.records)!.policyMinLength;
    return { ready, pending: own ? { requestId: own.id, expiresAt: own.expiresAt } : null, minLength };
  }

  /** Checks the grant and the passphrase, then the save dialog, then the file; nothing when the dialog is cancelled. */
  async saveKdbx(actor: Actor, input: { requestId: string; passphrase: string; confirm: string }): Promise<ExportKdbxResult> {
    this.assertReady(actor, input);
    if (!this.files) return { saved: false };
    const acronym = readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!.acronym;
    const path = await this.files(`custodia-${fileSafe(acronym)}-${this.clock().toISOString().slice(0, 10)}.${KDBX_EXTENSION}`, KDBX_EXTENSION);
    if (!path) return { saved: false };
    return { saved: true, file: basename(path), ...(await this.exportKdbx(actor, { ...input, destination: path })) };
  }

  async exportKdbx(actor: Actor, input: { requestId: string; passphrase: string; confirm: string; destination: string }) {
    const { session, institution } = this.assertReady(actor, input);
    const target = this.destination(input.destination);
    const entries = kdbxEntries(this.vault.require(), this.s, session.keys);
    const bytes = await writeKdbx(entries, input.passphrase, institution.name, this.kdf);
    // The session is read again after the KDF's wait: a lock (or another keyholder) meanwhile refuses the export.
    if (this.sessions.require().keyholderId !== actor.keyholderId) throw new CustodiaError('VAULT_LOCKED');
    const partial = writePartialFile(target, bytes);
    bytes.fill(0);
    const counts = {
      accounts: entries.length,
      passwords: entries.filter((e) => e.credentialVersionId).length,
      seeds: entries.filter((e) => e.seedVersion !== null).length,
    };
    try {
      const at = this.clock().toISOString();
      this.sessions.commit(
        (db) => {
          this.grant(db, actor, input.requestId, at);
          if (!markVaultExportPerformed(db, input.requestId, actor.keyholderId, at)) throw new CustodiaError('EXPORT_NONE', { reason: 'performed' });
          for (const e of entries) {
            const base = { requestId: input.requestId, keyholderId: actor.keyholderId, accountId: e.accountId, at };
            if (e.credentialVersionId)
              insertExportExposure(db, { ...base, id: randomUUID(), item: 'password', credentialVersionId: e.credentialVersionId, seedVersion: null });
            if (e.seedVersion !== null)
              insertExportExposure(db, { ...base, id: randomUUID(), item: 'seed', credentialVersionId: null, seedVersion: e.seedVersion });
          }
        },
        () => ({ at, action: 'vault.exported', subjects: { request: input.requestId }, details: counts }),
        actor,
      );
    } catch (error) {
      removePartial(partial);
      throw error;
    }
    publishFile(partial, target);
    return counts;
  }

  async saveInventory(actor: Actor): Promise<ExportInventoryResult> {
    requireAction(actor, 'export.inventory');
    if (!this.files) return { saved: false };
    const acronym = readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!.acronym;
    const path = await this.files(`inventario-${fileSafe(acronym)}-${this.clock().toISOString().slice(0, 10)}.${CSV_EXTENSION}`, CSV_EXTENSION);
    if (!path) return { saved: false };
    return { saved: true, file: basename(path), ...this.exportInventory(actor, path) };
  }

  exportInventory(actor: Actor, destination: string): { accounts: number } {
    requireAction(actor, 'export.inventory');
    const session = this.sessions.require();
    const target = this.destination(destination);
    const { text, accounts } = inventoryCsv(this.vault.require(), this.s, session.keys);
    const partial = writePartialFile(target, Buffer.from(text, 'utf8'));
    try {
      const at = this.clock().toISOString();
      this.sessions.commit(
        () => undefined,
        () => ({ at, action: 'inventory.exported', subjects: {}, details: { accounts } }),
        actor,
      );
    } catch (error) {
      removePartial(partial);
      throw error;
    }
    publishFile(partial, target);
    return { accounts };
  }

  /** The grant and the passphrase, judged before any dialog or KDF: refused, nothing is asked or written. */
  private assertReady(actor: Actor, input: { requestId: string; passphrase: string; confirm: string }) {
    requireAction(actor, 'export.propose');
    const session = this.sessions.require();
    const db = this.vault.require();
    this.grant(db, actor, input.requestId, this.clock().toISOString());
    if (input.passphrase !== input.confirm) throw new CustodiaError('PASSPHRASE_CONFIRM');
    const institution = readInstitution(db, this.s, session.keys.records)!;
    const length = [...input.passphrase.normalize('NFC')].length;
    // POL-1: the file leaves the vault's protection, so its passphrase is at least as long as a password must be.
    if (length < institution.policyMinLength)
      throw new CustodiaError('EXPORT_PASSPHRASE_WEAK', { reason: 'length', min: institution.policyMinLength, length }, 'POL-1');
    const { score } = assessStrength(input.passphrase, [institution.name, institution.acronym]);
    if (score < PASSPHRASE_MIN_SCORE) throw new CustodiaError('EXPORT_PASSPHRASE_WEAK', { reason: 'score', score, min: PASSPHRASE_MIN_SCORE }, 'POL-1');
    return { session, institution };
  }

  /** An authorized export of this keyholder's, not performed, within its validity, its rows as the log wrote them. */
  private grant(db: Db, actor: Actor, requestId: string, now: string): void {
    const grant = findVaultExport(db, requestId);
    const request = findChangeRequest(db, requestId);
    if (!grant || !request || request.kind !== 'vault.export') throw new CustodiaError('EXPORT_NONE', { reason: 'unknown' });
    // A row flipped or inserted with sqlite3 (a request «approved» without the head) is named here, before any secret is read.
    this.integrity.assertRows([
      ['change_requests', requestId],
      ['vault_exports', requestId],
    ]);
    if (request.status !== 'approved') throw new CustodiaError('EXPORT_NONE', { reason: 'unknown' });
    if (grant.requestedBy !== actor.keyholderId) throw new CustodiaError('EXPORT_NONE', { reason: 'not_yours' }, 'POL-5');
    if (grant.performedAt !== null) throw new CustodiaError('EXPORT_NONE', { reason: 'performed' });
    if (now >= request.expiresAt) throw new CustodiaError('EXPORT_NONE', { reason: 'expired' });
    const check = this.cosign.verifyApproved(requestId);
    if (!check.ok) throw new CustodiaError('COSIGN_INTEGRITY', { part: check.part });
  }

  /** The vault's own folder is refused: a file renamed over the vault, its journal or its lock would destroy it. */
  private destination(path: string): string {
    const target = resolve(path);
    if (dirname(target) === resolve(this.vault.dataDir)) throw new CustodiaError('BACKUP_DESTINATION');
    return target;
  }
}

const fileSafe = (s: string) => s.replace(/[^\w-]/g, '');
