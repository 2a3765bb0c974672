import { randomUUID } from 'node:crypto';
import { unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { KitPrinted, KitStatus, KitSummary, kitProposeRequest } from '../../../shared/kit';
import { CustodiaError } from '../../domain/errors';
import { lastEvent } from '../../vault/audit/log';
import { createSigningKeys, publicKeyFingerprint } from '../../vault/keyring';
import { formatRecoveryKey, generateRecoveryKey, recoveryKek, recoveryKeyCheck, splitRecoveryKey, wrapForKit } from '../../vault/recovery-key';
import { findChangeRequest } from '../../vault/repositories/change-requests';
import { readInstitution } from '../../vault/repositories/institution';
import { readMeta } from '../../vault/repositories/meta';
import { closeKitInForce, findKitByRequest, insertKit, kitInForce, listKits, sealHolders, type RecoveryKitRow } from '../../vault/repositories/recovery-kits';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { approvedRequest } from '../cosign/approved';
import { kitIssue } from '../cosign/kinds/kit-issue';
import type { SavePathPort } from '../handover/handovers';
import type { IntegrityService } from '../integrity/integrity';
import { fileSafe } from '../reports/pdf';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { kitPdf } from './kit-pdf';

type ProposeInput = Omit<z.output<typeof kitProposeRequest>, 'note'> & { note?: string | null | undefined };

export const kitSummary = (s: Sodium, k: RecoveryKitRow): KitSummary => ({
  id: k.id,
  issuedAt: k.issuedAt,
  status: k.status,
  shares: k.threshold !== null && k.shares !== null ? { k: k.threshold, n: k.shares } : null,
  fingerprint: publicKeyFingerprint(s, k.signPublicKey),
});

/**
 * The emergency kit's ceremony (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): the
 * administrator proposes `kit.issue`, the head authorizes it (POL-5), and then, once, `print`
 * generates the recovery key, wraps the vault key and the kit's own signing key under it, saves the
 * PDF where the person chose, and records the kit with its `kit.issued` event (the kit in force
 * superseded). The key exists only in this call's memory and on the paper; it never reaches the
 * renderer, the log or the vault file.
 */
export class KitService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly integrity: IntegrityService,
    private readonly clock: Clock,
    private readonly savePath?: SavePathPort,
  ) {}

  status(): KitStatus {
    this.sessions.require();
    const db = this.vault.require();
    const kits = listKits(db);
    const inForce = kits.find((k) => k.status === 'issued');
    const latest = kits[0];
    const now = this.clock().toISOString();
    const approved = db
      .prepare(
        `SELECT id FROM change_requests WHERE kind = 'kit.issue' AND status = 'approved' AND expires_at > ?
           AND id NOT IN (SELECT request_id FROM recovery_kits) ORDER BY decided_at`,
      )
      .pluck()
      .all(now) as string[];
    const printable = approved.map((requestId) => {
      const shares = this.cosign.payloadOf(kitIssue, findChangeRequest(db, requestId)!).shares;
      return { requestId, shares: shares ? { k: shares.k, n: shares.n } : null };
    });
    return {
      inForce: inForce ? kitSummary(this.s, inForce) : null,
      newKitNeeded: !inForce,
      reason: inForce ? null : !latest ? 'none_issued' : latest.status === 'used' ? 'used' : 'rekeyed',
      printable,
    };
  }

  propose(actor: Actor, input: ProposeInput): { requestId: string } {
    requireAction(actor, 'kit.propose');
    return this.cosign.proposeChange(kitIssue, actor, null, { shares: input.shares, note: input.note ?? null });
  }

  /**
   * Performs an authorized `kit.issue` once: the PDF saved where the person chose, then the kit recorded. Cancelled: nothing
   * issued. `savePath`: the app's save dialog; a fixture passes its own.
   */
  async print(requestId: string, savePath: SavePathPort | undefined = this.savePath): Promise<KitPrinted> {
    const session = this.sessions.require();
    requireAction(session, 'kit.print');
    const db = this.vault.require();
    // A request flipped to «approved» with sqlite3 is named here, before any key is made.
    const request = approvedRequest({ db, integrity: this.integrity, cosign: this.cosign }, requestId, 'kit.issue', 'KIT_NOT_AUTHORIZED');
    if (findKitByRequest(db, requestId)) throw new CustodiaError('KIT_PRINTED');
    const issuedAt = this.clock().toISOString();
    if (issuedAt >= request.expiresAt) throw new CustodiaError('KIT_NOT_AUTHORIZED', { reason: 'expired' }, 'POL-5');
    if (!savePath) return { saved: false };
    const shares = this.cosign.payloadOf(kitIssue, request).shares;
    const institution = readInstitution(db, this.s, session.keys.records)!;
    const vaultId = readMeta(db, 'vault_id')?.toString() ?? '';
    const kitId = randomUUID();
    const key = generateRecoveryKey();
    const signing = createSigningKeys(this.s);
    const kek = recoveryKek(this.s, key, vaultId, kitId);
    try {
      const wraps = wrapForKit(this.s, kek, session.keys.vk, signing.secretKey, kitId);
      const fingerprint = publicKeyFingerprint(this.s, signing.publicKey);
      const head = lastEvent(db);
      const hash = this.s.to_hex(head.hash);
      const pdf = await kitPdf({
        institution: { name: institution.name, acronym: institution.acronym, timeZone: institution.timeZone },
        kitId,
        fingerprint,
        issuedAt,
        chain: { seq: head.seq, short: hash.slice(0, 16).toUpperCase() },
        key: shares ? null : formatRecoveryKey(this.s, key),
        shares: shares
          ? (await splitRecoveryKey(this.s, key, kitId, shares.k, shares.n)).map((text, i) => ({
              holder: shares.holders[i]!,
              number: i + 1,
              n: shares.n,
              k: shares.k,
              text,
            }))
          : [],
      });
      const chosen = await savePath(`kit-emergencia-${fileSafe(institution.acronym)}-${issuedAt.slice(0, 10)}.pdf`);
      if (!chosen) return { saved: false };
      const path = resolve(chosen);
      if (dirname(path) === resolve(this.vault.dataDir)) throw new CustodiaError('BACKUP_DESTINATION');
      writeFileSync(path, pdf, { mode: 0o600 });
      pdf.fill(0);
      try {
        this.sessions.commit(
          (tx) => {
            const superseded = closeKitInForce(tx, 'superseded', issuedAt);
            insertKit(tx, {
              id: kitId,
              requestId,
              issuedBy: session.keyholderId,
              issuedAt,
              threshold: shares?.k ?? null,
              shares: shares?.n ?? null,
              holders: shares ? sealHolders(this.s, session.keys.records, kitId, shares.holders) : null,
              keyCheck: recoveryKeyCheck(this.s, key, vaultId, kitId),
              signPublicKey: signing.publicKey,
              wrappedVk: wraps.wrappedVk,
              sealedSignSecret: wraps.sealedSignSecret,
            });
            return superseded;
          },
          (superseded) => ({
            at: issuedAt,
            action: 'kit.issued',
            subjects: { kit: kitId, request: requestId },
            details: { key: this.s.to_hex(signing.publicKey), fingerprint, threshold: shares?.k ?? null, shares: shares?.n ?? null, superseded },
          }),
        );
      } catch (error) {
        // A kit not recorded must not survive on disk: its key opens nothing, and it would be taken for the one in force.
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
        throw error;
      }
      const kit = kitInForce(db)!;
      return { saved: true, file: path, kit: kitSummary(this.s, kit), chainHead: { seq: head.seq, hash, short: hash.slice(0, 16).toUpperCase() } };
    } finally {
      this.s.memzero(key);
      this.s.memzero(kek);
      this.s.memzero(signing.secretKey);
    }
  }
}
