import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KeyholderDetail } from '../../../shared/keyholders';
import type { enrolRequest, passphraseChangeRequest, revokeRequest } from '../../../shared/keyholders';
import { CustodiaError } from '../../domain/errors';
import { checkPassphrase } from '../../domain/passphrase';
import type { Db } from '../../vault/db';
import { openText } from '../../vault/fields';
import { signEnrolment } from '../../vault/integrity/roster';
import { newKdfParams, passphraseBytes, type KdfWorker } from '../../vault/kdf';
import { createSigningKeys, publicKeyFingerprint, sealSigningSecret, wrapVaultKey } from '../../vault/keyring';
import { readInstitution } from '../../vault/repositories/institution';
import { findKeyholder, listKeyholders } from '../../vault/repositories/keyholders';
import { readMeta } from '../../vault/repositories/meta';
import { findPerson } from '../../vault/repositories/people';
import { keyholderLinks } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { keyholderEnrol } from '../cosign/kinds/keyholder-enrol';
import { keyholderRevoke } from '../cosign/kinds/keyholder-revoke';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { deriveSeenKey } from '../vault/last-seen';
import { openHandover } from './roster-facts';

type PassphraseChange = z.output<typeof passphraseChangeRequest>;
type EnrolInput = z.output<typeof enrolRequest>;
type RevokeInput = z.output<typeof revokeRequest>;

/**
 * Keyholders after the founding (HAND-1): each changes their own passphrase; enrolling and revoking
 * one are co-signed requests (./../cosign/kinds/keyholder-*.ts), the revocation re-keying the vault.
 */
export class KeyholderService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly kdf: KdfWorker,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly clock: Clock,
  ) {}

  list(): KeyholderDetail[] {
    const db = this.vault.require();
    const key = this.sessions.require().keys.records;
    const links = keyholderLinks(db).byKeyholder;
    const waiting = new Set(db.prepare('SELECT keyholder_id FROM keyholder_pending_wraps').pluck().all() as string[]);
    return listKeyholders(db).map((k) => ({
      id: k.id,
      name: openText(this.s, key, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name),
      role: k.role,
      status: k.status,
      fingerprint: publicKeyFingerprint(this.s, k.signPublicKey),
      personId: links.get(k.id) ?? null,
      awaitingFirstUnlock: k.status === 'active' && !k.wrappedVk && waiting.has(k.id),
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
    }));
  }

  /**
   * The unlocked keyholder's own passphrase: the current one proven, the new one typed twice and
   * held to the ceremony's rules. Only their wrap of the vault key and of their signing secret change.
   */
  async changePassphrase(input: PassphraseChange): Promise<null> {
    const session = this.sessions.require();
    requireAction(session, 'keyholder.passphrase');
    if (input.next !== input.confirm) throw new CustodiaError('PASSPHRASE_CONFIRM');
    if (input.next.normalize('NFC') === input.current.normalize('NFC')) throw new CustodiaError('PASSPHRASE_UNCHANGED');
    this.assertStrong(input.next, this.nameOf(session.keyholderId));
    const proven = await this.sessions.authenticate(session.keyholderId, input.current);
    const kdf = newKdfParams();
    let kek: Uint8Array | undefined;
    try {
      kek = await this.kdf.derive(passphraseBytes(input.next), kdf);
      const id = session.keyholderId;
      const wrapped = wrapVaultKey(this.s, kek, session.keys.vk, id);
      const sealed = sealSigningSecret(this.s, kek, proven.signSecret, id);
      this.sessions.commit(
        (db) => {
          const done = db
            .prepare(
              `UPDATE keyholders SET kdf_alg = ?, kdf_opslimit = ?, kdf_memlimit = ?, kdf_salt = ?, wrapped_vk = ?, sealed_sign_secret = ?
               WHERE id = ? AND status = 'active'`,
            )
            .run(kdf.alg, kdf.opslimit, kdf.memlimit, kdf.salt, wrapped, sealed, id);
          if (done.changes !== 1) throw new CustodiaError('KEYHOLDER_UNKNOWN');
        },
        () => ({ at: this.clock().toISOString(), action: 'keyholder.passphrase_changed', subjects: { keyholder: id }, details: {} }),
      );
      // What this keyholder has seen is kept under a key of their passphrase: it follows the new one.
      this.sessions.replaceSeenKey(deriveSeenKey(this.s, kek));
      return null;
    } finally {
      if (kek) this.s.memzero(kek);
      this.s.memzero(proven.signSecret);
      if (proven.seenKey) this.s.memzero(proven.seenKey);
    }
  }

  /**
   * A person of the registry becomes a keyholder (or, with `replaces`, the incoming one of a
   * handover): their passphrase derives the key that seals their new signing secret here and now,
   * and they sign their own roster entry; the head authorizes.
   */
  async proposeEnrol(actor: Actor, input: EnrolInput): Promise<{ requestId: string }> {
    requireAction(actor, 'keyholder.propose');
    const db = this.vault.require();
    if (input.passphrase !== input.confirm) throw new CustodiaError('PASSPHRASE_CONFIRM');
    const person = findPerson(db, this.s, this.sessions.require().keys.records, input.personId);
    if (!person) throw new CustodiaError('PERSON_UNKNOWN');
    this.assertStrong(input.passphrase, person.name);
    const keyholderId = randomUUID();
    const kdf = newKdfParams();
    const signing = createSigningKeys(this.s);
    let kek: Uint8Array | undefined;
    try {
      kek = await this.kdf.derive(passphraseBytes(input.passphrase), kdf);
      const key = this.s.to_hex(signing.publicKey);
      const vaultId = readMeta(db, 'vault_id')?.toString() ?? '';
      return this.cosign.proposeChange(keyholderEnrol, actor, null, {
        keyholderId,
        personId: input.personId,
        role: input.role,
        kdf: { opslimit: kdf.opslimit, memlimit: kdf.memlimit, salt: this.s.to_hex(kdf.salt) },
        signPublicKey: key,
        sealedSignSecret: this.s.to_hex(sealSigningSecret(this.s, kek, signing.secretKey, keyholderId)),
        proof: signEnrolment(this.s, vaultId, { id: keyholderId, role: input.role, key }, signing.secretKey),
        replaces: input.replaces,
        note: input.note ?? null,
      });
    } finally {
      if (kek) this.s.memzero(kek);
      this.s.memzero(signing.secretKey);
    }
  }

  /** A revocation; a handover's completion is proposed by its incoming keyholder, and co-signed by the head (HAND-1). */
  proposeRevoke(actor: Actor, input: RevokeInput): { requestId: string } {
    requireAction(actor, 'keyholder.propose');
    const db = this.vault.require();
    if (input.handoverId !== null) {
      const handover = openHandover(db, input.handoverId);
      if (!handover || handover.outgoing !== input.keyholderId) throw new CustodiaError('INVALID_REQUEST', { part: 'handover' });
      if (actor.keyholderId !== handover.incoming) throw new CustodiaError('KEYHOLDER_NOT_INCOMING', {}, 'HAND-1');
    } else if (actor.keyholderId === input.keyholderId) throw new CustodiaError('KEYHOLDER_SELF', {}, 'HAND-1');
    return this.cosign.proposeChange(keyholderRevoke, actor, null, { keyholderId: input.keyholderId, handoverId: input.handoverId, note: input.note ?? null });
  }

  private nameOf(keyholderId: string): string {
    const k = findKeyholder(this.vault.require(), keyholderId)!;
    return openText(this.s, this.sessions.require().keys.records, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name);
  }

  /** The ceremony's rules (design.md §4): length and strength, judged against the institution's names and the holder's own. */
  private assertStrong(passphrase: string, holderName: string): void {
    const db: Db = this.vault.require();
    const institution = readInstitution(db, this.s, this.sessions.require().keys.records)!;
    const violation = checkPassphrase(passphrase, [institution.name, institution.acronym, holderName, ...institution.emailDomains]);
    if (!violation) return;
    const { reason: _reason, ...details } = violation.details ?? {};
    throw new CustodiaError('PASSPHRASE_WEAK', { ...details, as: 'own' });
  }
}
