import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KeyholderRole } from '../../../shared/domain';
import type { kitEnrolRequest, kitRecoverRequest, RecoveryFinished, RecoveryState } from '../../../shared/kit';
import { CustodiaError } from '../../domain/errors';
import { checkPassphrase } from '../../domain/passphrase';
import { afterFailure, initialThrottle, isThrottled, type ThrottleState } from '../../domain/unlock-throttle';
import { appendEvent } from '../../vault/audit/log';
import { writeWholeTables } from '../../vault/integrity/capture';
import { readRoster, signEnrolment } from '../../vault/integrity/roster';
import { compareSchema, readSchema } from '../../vault/integrity/schema';
import { verifyIntegrity } from '../../vault/integrity/verify';
import { newKdfParams, passphraseBytes, type KdfParams, type KdfWorker } from '../../vault/kdf';
import { createSigningKeys, publicKeyFingerprint, sealSigningSecret, wrapVaultKey } from '../../vault/keyring';
import { deriveVaultKeys, generateVaultKey, wipeVaultKeys, type VaultKeys } from '../../vault/keys';
import { combineShares, kitTag, parseKit, recoveryKek, recoveryKeyCheck, unwrapForKit, type ParsedKit } from '../../vault/recovery-key';
import { rekeyVault } from '../../vault/rekey/rekey';
import { SEALED_TABLES } from '../../vault/rekey/sealed-columns';
import { readInstitution } from '../../vault/repositories/institution';
import { insertKeyholder, listKeyholders } from '../../vault/repositories/keyholders';
import { readMeta } from '../../vault/repositories/meta';
import { findPerson, listPeople } from '../../vault/repositories/people';
import { closeKitInForce, listKits, type RecoveryKitRow } from '../../vault/repositories/recovery-kits';
import { keyholderOfPerson, linkKeyholder, staffRow, staffRows } from '../../vault/repositories/staff';
import { sealText, openText } from '../../vault/fields';
import type { Sodium } from '../../vault/sodium';
import type { Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';

type RecoverInput = z.output<typeof kitRecoverRequest>;
type EnrolInput = z.output<typeof kitEnrolRequest>;

interface Enrolee {
  id: string;
  personId: string | null;
  name: string;
  role: KeyholderRole;
  kdf: KdfParams;
  /** Kept until finish wraps the new vault key under it; zeroed on finish or cancel. */
  kek: Uint8Array;
  signPublicKey: Uint8Array;
  sealedSignSecret: Uint8Array;
  proof: string;
}

interface Recovery {
  kit: RecoveryKitRow;
  keys: VaultKeys;
  signSecret: Uint8Array;
  enrolees: Enrolee[];
}

/** A recovery finishes with at least a head and an account administrator (POL-5 needs both to work). */
const REQUIRED_ROLES: readonly KeyholderRole[] = ['head', 'administrator'];

/**
 * Recovery mode (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): from the locked state the
 * emergency kit opens the vault, its use recorded at once (`kit.used`, signed by the kit); the
 * session this opens is not a keyholder's (SessionService has none), and the handler table answers
 * only RECOVERY_CHANNELS while it is open (main/ipc/handlers.ts). Its only actions: read the
 * institution, the keyholders and who may be enrolled; enrol new keyholders (held in memory); and
 * finish, which in one transaction revokes every keyholder, enrols the new ones, marks the kit used
 * and re-keys the vault (`kit.recovered`), so old passphrases and the kit open nothing after it.
 */
export class RecoveryService {
  private recovery: Recovery | undefined;
  private throttle: ThrottleState = initialThrottle;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly kdf: KdfWorker,
    private readonly clock: Clock,
  ) {}

  active(): boolean {
    return this.recovery !== undefined;
  }

  async recover(input: RecoverInput): Promise<RecoveryState> {
    if (this.sessions.current()) throw new CustodiaError('INVALID_REQUEST', { field: '', reason: 'unlocked' });
    const db = this.vault.require();
    const now = this.clock().getTime();
    if (isThrottled(this.throttle, now)) throw new CustodiaError('UNLOCK_THROTTLED', { retryAt: this.throttle.retryAt ?? now });
    const altered = compareSchema(readSchema(db), this.vault.referenceSchema());
    if (altered.length > 0) throw new CustodiaError('VAULT_TAMPERED', { part: 'schema', object: altered[0]!.key ?? '' });
    // The format first (KIT_MALFORMED), before anything of the vault is read.
    const parsed = this.parse(input);
    const kits = listKits(db);
    if (kits.length === 0) throw new CustodiaError('KIT_NONE');
    const vaultId = readMeta(db, 'vault_id')?.toString() ?? '';
    const key = await this.keyOf(parsed, kits);
    try {
      const kit = kits.find((k) => this.s.memcmp(recoveryKeyCheck(this.s, key, vaultId, k.id), k.keyCheck));
      if (!kit) throw this.failed();
      if (kit.status === 'used') throw new CustodiaError('KIT_USED');
      if (kit.status === 'superseded') throw new CustodiaError('KIT_SUPERSEDED');
      // The key is the kit's (its check matched): wraps that do not open, or a key the log never admitted, were edited.
      const member = readRoster(db, this.s)?.get(kit.id);
      if (!member?.kit || member.retiredAt !== undefined || member.key !== this.s.to_hex(kit.signPublicKey))
        throw new CustodiaError('VAULT_TAMPERED', { part: 'recovery_kit' });
      const kek = recoveryKek(this.s, key, vaultId, kit.id);
      let opened: { vk: Uint8Array; signSecret: Uint8Array };
      try {
        opened = unwrapForKit(this.s, kek, kit.wrappedVk!, kit.sealedSignSecret!, kit.id);
      } catch {
        throw new CustodiaError('VAULT_TAMPERED', { part: 'recovery_kit' });
      } finally {
        this.s.memzero(kek);
      }
      const keys = deriveVaultKeys(this.s, opened.vk);
      try {
        // As an unlock would, and more: the whole log and every row, before anything is written under the kit's key.
        const { report } = verifyIntegrity(db, this.s, this.vault.referenceSchema(), undefined, { full: true });
        if (!report.ok) throw new CustodiaError('VAULT_TAMPERED', { part: report.faults[0]?.kind ?? 'integrity' });
        const signer = { keyholderId: kit.id, secretKey: opened.signSecret };
        const failedAttempts = this.throttle.failures;
        const at = this.clock().toISOString();
        db.transaction(() =>
          appendEvent(db, this.s, keys.audit, signer, {
            at,
            action: 'kit.used',
            subjects: { kit: kit.id },
            details: { with: 'key' in input ? 'key' : 'shares', failedAttempts },
          }),
        )();
      } catch (error) {
        wipeVaultKeys(this.s, keys);
        this.s.memzero(opened.signSecret);
        this.vault.failed(error);
        throw error;
      }
      this.throttle = initialThrottle;
      this.recovery = { kit, keys, signSecret: opened.signSecret, enrolees: [] };
      return this.state()!;
    } finally {
      this.s.memzero(key);
    }
  }

  state(): RecoveryState | null {
    const r = this.recovery;
    if (!r) return null;
    const db = this.vault.require();
    const records = r.keys.records;
    const institution = readInstitution(db, this.s, records)!;
    const keyholders = listKeyholders(db)
      .filter((k) => k.status === 'active')
      .map((k) => ({
        id: k.id,
        role: k.role,
        name: openText(this.s, records, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name),
        fingerprint: publicKeyFingerprint(this.s, k.signPublicKey),
      }));
    const staged = new Set(r.enrolees.map((e) => e.personId));
    const names = new Map(listPeople(db, this.s, records).map((p) => [p.id, p.name]));
    const candidates = staffRows(db)
      .filter((row) => row.status === 'active' && row.link === 'permanent' && !keyholderOfPerson(db, row.personId) && !staged.has(row.personId))
      .map((row) => ({ personId: row.personId, name: names.get(row.personId) ?? '' }));
    return {
      kitId: r.kit.id,
      institution: { name: institution.name, acronym: institution.acronym },
      keyholders,
      candidates,
      enrolled: r.enrolees.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role,
        personId: e.personId,
        fingerprint: publicKeyFingerprint(this.s, e.signPublicKey),
      })),
      missingRoles: REQUIRED_ROLES.filter((role) => !r.enrolees.some((e) => e.role === role)),
    };
  }

  /** A new keyholder, in memory until finish: their passphrase derives the key that will wrap the new vault key. */
  async enrol(input: EnrolInput): Promise<RecoveryState> {
    const r = this.require();
    const db = this.vault.require();
    if (input.passphrase !== input.confirm) throw new CustodiaError('PASSPHRASE_CONFIRM');
    let name = input.name;
    if (input.personId !== null) {
      const person = findPerson(db, this.s, r.keys.records, input.personId);
      if (!person) throw new CustodiaError('PERSON_UNKNOWN');
      const row = staffRow(db, input.personId);
      if (!row) throw new CustodiaError('PERSON_INCOMPLETE');
      if (row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status });
      // ROLE-3: every keyholder is permanent staff of the institution.
      if (row.link !== 'permanent') throw new CustodiaError('ROLE_PERMANENT_ONLY', { link: row.link }, 'ROLE-3');
      if (keyholderOfPerson(db, input.personId) || r.enrolees.some((e) => e.personId === input.personId)) throw new CustodiaError('KEYHOLDER_EXISTS');
      name = person.name;
    }
    const institution = readInstitution(db, this.s, r.keys.records)!;
    const weak = checkPassphrase(input.passphrase, [institution.name, institution.acronym, name, ...institution.emailDomains]);
    if (weak) {
      const { reason: _reason, ...details } = weak.details ?? {};
      throw new CustodiaError('PASSPHRASE_WEAK', { ...details, as: 'own' });
    }
    const id = randomUUID();
    const kdf = newKdfParams();
    const signing = createSigningKeys(this.s);
    try {
      const kek = await this.kdf.derive(passphraseBytes(input.passphrase), kdf);
      if (this.recovery !== r) {
        this.s.memzero(kek);
        throw new CustodiaError('RECOVERY_NOT_OPEN');
      }
      const key = this.s.to_hex(signing.publicKey);
      const vaultId = readMeta(db, 'vault_id')?.toString() ?? '';
      r.enrolees.push({
        id,
        personId: input.personId,
        name,
        role: input.role,
        kdf,
        kek,
        signPublicKey: signing.publicKey,
        sealedSignSecret: sealSigningSecret(this.s, kek, signing.secretKey, id),
        proof: signEnrolment(this.s, vaultId, { id, role: input.role, key }, signing.secretKey),
      });
    } finally {
      this.s.memzero(signing.secretKey);
    }
    return this.state()!;
  }

  /** One transaction: old keyholders revoked, new ones enrolled, the kit used, the vault re-keyed; then the session ends. */
  finish(): RecoveryFinished {
    const r = this.require();
    const missing = REQUIRED_ROLES.filter((role) => !r.enrolees.some((e) => e.role === role));
    if (missing.length > 0) throw new CustodiaError('RECOVERY_ROLES_MISSING', { roles: missing.join(',') });
    const db = this.vault.require();
    const at = this.clock().toISOString();
    const to = deriveVaultKeys(this.s, generateVaultKey());
    const signer = { keyholderId: r.kit.id, secretKey: r.signSecret };
    let epoch = 0;
    try {
      db.transaction(() => {
        const retired = db.prepare(`SELECT id FROM keyholders WHERE status = 'active' ORDER BY id`).pluck().all() as string[];
        db.prepare(`UPDATE keyholders SET status = 'retired', retired_at = ?, wrapped_vk = NULL, sealed_sign_secret = NULL WHERE status = 'active'`).run(at);
        db.prepare('DELETE FROM keyholder_pending_wraps').run();
        db.prepare(`UPDATE handovers SET status = 'cancelled', completed_at = ? WHERE status = 'open'`).run(at);
        epoch = writeWholeTables(
          db,
          SEALED_TABLES.map((t) => t.table),
          () => rekeyVault(db, this.s, r.keys, to, { at }),
        ).epoch;
        for (const e of r.enrolees) {
          insertKeyholder(db, {
            id: e.id,
            role: e.role,
            status: 'active',
            version: 1,
            name: sealText(this.s, to.records, { table: 'keyholders', rowId: e.id, column: 'name', version: 1 }, e.name),
            kdf: e.kdf,
            wrappedVk: wrapVaultKey(this.s, e.kek, to.vk, e.id),
            signPublicKey: e.signPublicKey,
            sealedSignSecret: e.sealedSignSecret,
            createdAt: at,
            retiredAt: null,
          });
          if (e.personId) linkKeyholder(db, e.id, e.personId);
        }
        closeKitInForce(db, 'used', at);
        const enrolled = r.enrolees.map((e) => ({ id: e.id, role: e.role, key: this.s.to_hex(e.signPublicKey), proof: e.proof }));
        appendEvent(db, this.s, to.audit, signer, { at, action: 'kit.recovered', subjects: { kit: r.kit.id }, details: { enrolled, retired, epoch } });
      })();
    } catch (error) {
      wipeVaultKeys(this.s, to);
      this.vault.failed(error);
      throw error;
    }
    wipeVaultKeys(this.s, to);
    const keyholders = r.enrolees.map((e) => ({ id: e.id, role: e.role }));
    this.cancel();
    return { finished: true, epoch, keyholders };
  }

  /** Leaves recovery mode without finishing: keys dropped; the kit stays in force (its opening is on the record). */
  cancel(): null {
    const r = this.recovery;
    this.recovery = undefined;
    if (!r) return null;
    wipeVaultKeys(this.s, r.keys);
    this.s.memzero(r.signSecret);
    for (const e of r.enrolees) this.s.memzero(e.kek);
    return null;
  }

  private require(): Recovery {
    if (!this.recovery) throw new CustodiaError('RECOVERY_NOT_OPEN');
    return this.recovery;
  }

  private failed(): CustodiaError {
    this.throttle = afterFailure(this.throttle, this.clock().getTime());
    return new CustodiaError('KIT_WRONG', { failures: this.throttle.failures, retryAt: this.throttle.retryAt });
  }

  /** The whole key, or shares; KIT_MALFORMED for anything mistyped (the check group) or of the other kind. */
  private parse(input: RecoverInput): ParsedKit[] {
    const typed = 'key' in input ? [input.key] : input.shares;
    const parsed = typed.map((t) => parseKit(this.s, t));
    if (parsed.some((p) => p.kind !== ('key' in input ? 'key' : 'share'))) throw new CustodiaError('KIT_MALFORMED');
    return parsed;
  }

  /** The 160-bit key, from the whole key or from k shares of one kit. */
  private async keyOf(parsed: ParsedKit[], kits: RecoveryKitRow[]): Promise<Uint8Array> {
    const whole = parsed[0]!;
    if (whole.kind === 'key') return whole.key;
    const parts = parsed as Extract<ParsedKit, { kind: 'share' }>[];
    const first = parts[0]!;
    // Shares of different kits (their tags differ) never make a key.
    if (parts.some((p) => p.tag !== first.tag || p.k !== first.k) || !kits.some((k) => kitTag(this.s, k.id) === first.tag)) throw this.failed();
    const distinct = [...new Map(parts.map((p) => [p.number, p])).values()];
    if (distinct.length < first.k) throw new CustodiaError('KIT_SHARES_TOO_FEW', { needed: first.k, given: distinct.length });
    try {
      return await combineShares(distinct);
    } catch {
      throw this.failed();
    } finally {
      for (const p of parts) this.s.memzero(p.share);
    }
  }
}
