import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../../shared/audit-actions';
import type { CreateVaultRequest, KeyholderBadge, SessionInfo, VaultStatus } from '../../../shared/contract';
import { DEFAULT_CLIPBOARD_SECONDS, DEFAULT_IDLE_LOCK_MINUTES, type KeyholderRole } from '../../../shared/domain';
import { CustodiaError } from '../../domain/errors';
import { checkInstitutionDomains } from '../../domain/email-domains';
import { checkFoundingRoles } from '../../domain/keyholder-roles';
import { checkPassphrase } from '../../domain/passphrase';
import { appendEvent, lastEvent } from '../../vault/audit/log';
import { deriveSeenKey, LastSeenStore } from './last-seen';
import type { Db } from '../../vault/db';
import { sealText } from '../../vault/fields';
import { newKdfParams, passphraseBytes, type KdfParams, type KdfWorker } from '../../vault/kdf';
import { deriveVaultKeys, generateVaultKey, wipeVaultKeys, type VaultKeys } from '../../vault/keys';
import { createSigningKeys, publicKeyFingerprint, sealSigningSecret, wrapVaultKey, type SigningKeys } from '../../vault/keyring';
import { insertInstitution, readIdleLockMinutes } from '../../vault/repositories/institution';
import { insertKeyholder, listKeyholders } from '../../vault/repositories/keyholders';
import { insertPerson } from '../../vault/repositories/people';
import { linkKeyholder } from '../../vault/repositories/staff';
import { writeMeta } from '../../vault/repositories/meta';
import type { Sodium } from '../../vault/sodium';
import { signRoster, type RosterEntry } from '../../vault/integrity/roster';
import type { Clock, SessionService } from './session';
import type { VaultFile } from './vault-file';

export const VAULT_FORMAT = 'custodia-vault/1';

interface Enrollment {
  id: string;
  role: KeyholderRole;
  name: string;
  kdf: KdfParams;
  kek: Uint8Array;
  signing: SigningKeys;
}

/** The creation ceremony and what a locked vault may show about itself. */
export class VaultSetupService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly kdf: KdfWorker,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  status(): VaultStatus {
    const state = this.vault.inspect();
    if (state.kind === 'unavailable') return { state: 'unavailable', error: state.error.toAppError(), keyholders: [], retryAt: null };
    if (state.kind !== 'present') return { state: state.kind, keyholders: [], retryAt: null };
    const keyholders: KeyholderBadge[] = listKeyholders(this.vault.require()).map((k) => ({
      id: k.id,
      role: k.role,
      fingerprint: publicKeyFingerprint(this.s, k.signPublicKey),
      revoked: k.status !== 'active',
    }));
    return { state: this.sessions.current() ? 'unlocked' : 'locked', keyholders, retryAt: this.sessions.retryAt() };
  }

  /** Plaintext on purpose: the idle lock must work while the vault is locked too. */
  idleLockMinutes(): number {
    try {
      return this.vault.state() === 'present' ? (readIdleLockMinutes(this.vault.require()) ?? DEFAULT_IDLE_LOCK_MINUTES) : DEFAULT_IDLE_LOCK_MINUTES;
    } catch {
      // A disk that fails now must not stop the idle lock: the shorter default applies.
      return DEFAULT_IDLE_LOCK_MINUTES;
    }
  }

  /** Validates everything before the first KDF, so a refusal costs nothing and writes nothing. */
  async create(request: CreateVaultRequest): Promise<SessionInfo> {
    const { institution, keyholders } = request;
    const state = this.vault.inspect();
    if (state.kind === 'unavailable') throw state.error;
    if (state.kind !== 'empty') throw new CustodiaError('VAULT_EXISTS');
    refuse(checkFoundingRoles(keyholders.map((k) => k.role)));
    refuse(checkInstitutionDomains(institution.emailDomains));
    const passphrases = new Set<string>();
    for (const [index, k] of keyholders.entries()) {
      const violation = checkPassphrase(k.passphrase, [institution.name, institution.acronym, k.name, ...institution.emailDomains]);
      if (violation) throw new CustodiaError(violation.code, { ...violation.details, keyholder: index });
      const normalized = k.passphrase.normalize('NFC');
      if (passphrases.has(normalized)) throw new CustodiaError('PASSPHRASE_SHARED', { keyholder: index });
      passphrases.add(normalized);
    }

    const enrollments: Enrollment[] = [];
    const vk = generateVaultKey();
    try {
      for (const k of keyholders) {
        const kdf = newKdfParams();
        const kek = await this.kdf.derive(passphraseBytes(k.passphrase), kdf);
        enrollments.push({ id: randomUUID(), role: k.role, name: k.name, kdf, kek, signing: createSigningKeys(this.s) });
      }
      const keys = deriveVaultKeys(this.s, vk.slice());
      const at = this.clock().toISOString();
      const vaultId = randomUUID();
      try {
        this.vault.create((db) => {
          writeMeta(db, 'format', VAULT_FORMAT);
          writeMeta(db, 'vault_id', vaultId);
          writeMeta(db, 'created_at', at);
          insertInstitution(db, this.s, keys.records, { ...institution, clipboardSeconds: DEFAULT_CLIPBOARD_SECONDS }, at);
          for (const e of enrollments) this.enroll(db, keys, vk, e, at);
          this.recordFounding(db, keys, enrollments, at, vaultId);
        });
      } catch (error) {
        wipeVaultKeys(this.s, keys);
        throw error;
      }
      this.rememberFounding(enrollments, vaultId);
      const admin = enrollments.find((e) => e.role === 'administrator')!;
      return this.sessions.begin({ keyholderId: admin.id, role: admin.role, keys, signSecret: admin.signing.secretKey.slice() });
    } finally {
      this.s.memzero(vk);
      for (const e of enrollments) {
        this.s.memzero(e.kek);
        this.s.memzero(e.signing.secretKey);
      }
    }
  }

  /** Each founder has seen the chain as founded: their last-seen record starts there. */
  private rememberFounding(enrollments: Enrollment[], vaultId: string): void {
    const head = lastEvent(this.vault.require());
    const store = new LastSeenStore(this.s, this.vault.dataDir);
    for (const e of enrollments) {
      const key = deriveSeenKey(this.s, e.kek);
      try {
        store.write(vaultId, e.id, key, { seq: head.seq, hash: this.s.to_hex(head.hash), at: head.at ?? '' });
      } catch {
        // Without it the first unlock says "first visit"; the vault itself is complete.
      } finally {
        this.s.memzero(key);
      }
    }
  }

  private enroll(db: Db, keys: VaultKeys, vk: Uint8Array, e: Enrollment, at: string): void {
    const version = 1;
    insertKeyholder(db, {
      id: e.id,
      role: e.role,
      status: 'active',
      version,
      name: sealText(this.s, keys.records, { table: 'keyholders', rowId: e.id, column: 'name', version }, e.name),
      kdf: e.kdf,
      wrappedVk: wrapVaultKey(this.s, e.kek, vk, e.id),
      signPublicKey: e.signing.publicKey,
      sealedSignSecret: sealSigningSecret(this.s, e.kek, e.signing.secretKey, e.id),
      createdAt: at,
      retiredAt: null,
    });
    // Each keyholder is a person of the staff registry (issue 15): known by name until their Formulario B is completed.
    const personId = randomUUID();
    insertPerson(db, this.s, keys.records, { id: personId, name: e.name, email: '', createdBy: e.id, createdAt: at });
    linkKeyholder(db, e.id, personId);
  }

  /**
   * The administrator signs the founding event; every founder signs the roster it carries (ids,
   * roles, public keys), which is where roles are read from ever after; each keyholder signs their
   * own enrollment.
   */
  private recordFounding(db: Db, keys: VaultKeys, enrollments: Enrollment[], at: string, vaultId: string): void {
    const signer = (e: Enrollment) => ({ keyholderId: e.id, secretKey: e.signing.secretKey });
    const admin = enrollments.find((e) => e.role === 'administrator')!;
    const roster: RosterEntry[] = enrollments.map((e) => ({ id: e.id, role: e.role, key: this.s.to_hex(e.signing.publicKey) }));
    const rosterSignatures = Object.fromEntries(enrollments.map((e) => [e.id, signRoster(this.s, vaultId, roster, e.signing.secretKey)]));
    const created: AuditEntry = {
      at,
      action: 'vault.created',
      subjects: {},
      details: { format: VAULT_FORMAT, keyholders: enrollments.length, vaultId, roster: roster.map((m) => ({ ...m })), rosterSignatures },
    };
    appendEvent(db, this.s, keys.audit, signer(admin), created);
    for (const e of enrollments) {
      const enrolled: AuditEntry = {
        at,
        action: 'keyholder.enrolled',
        subjects: { keyholder: e.id },
        details: { role: e.role, fingerprint: publicKeyFingerprint(this.s, e.signing.publicKey) },
      };
      appendEvent(db, this.s, keys.audit, signer(e), enrolled);
    }
  }
}

function refuse(violation: ReturnType<typeof checkFoundingRoles>): void {
  if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
}
