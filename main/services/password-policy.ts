import { createRequire } from 'node:module';
import type { AppError } from '../../shared/result';
import { PLATFORMS } from '../../shared/platforms';
import { CustodiaError } from '../domain/errors';
import { generatePassword, type GeneratorOptions } from '../domain/password-generator';
import { checkPasswordRules, createPolicyDictionary, vaultWords, type PolicyDictionary } from '../domain/password-policy';
import { provideWordLists } from '../domain/policy/lexicon';
import { findAccount, listAccounts } from '../vault/repositories/accounts';
import { currentVersion } from '../vault/repositories/credential-versions';
import { readInstitution } from '../vault/repositories/institution';
import { listPeople } from '../vault/repositories/people';
import { secretFingerprint } from '../vault/signatures';
import type { Sodium } from '../vault/sodium';
import { keyholderRefs } from './people';
import type { SessionService } from './session';
import type { VaultFile } from './vault-file';

const MAX_GENERATION_TRIES = 50;

// POL-2's lexicon (kept packages, MIT): read on the first check after start, not at unlock.
const requirePackage = createRequire(import.meta.url);
provideWordLists(() => ({
  spanish: requirePackage('an-array-of-spanish-words') as string[],
  english: requirePackage('an-array-of-english-words') as string[],
}));

/**
 * The password policy as it applies in this vault: POL-1 and POL-2 with a dictionary that also
 * holds the vault's own names (institution, keyholders, people, accounts, platforms) (built on first use after unlock, dropped on lock and on changes),
 * and POL-3 uniqueness across every version of every account, by keyed fingerprint.
 */
export class PasswordPolicyService {
  private dictionary: PolicyDictionary | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
  ) {
    sessions.onLock(() => this.invalidate());
  }

  invalidate(): void {
    this.dictionary = undefined;
  }

  /** The first rule the password breaks for this account, or null. */
  check(accountId: string, secret: string): AppError | null {
    const session = this.sessions.require();
    const db = this.vault.require();
    const { policyMinLength } = readInstitution(db, this.s, session.keys.records)!;
    return checkPasswordRules(secret, policyMinLength, this.words()) ?? this.checkUnique(accountId, secret);
  }

  assert(accountId: string, secret: string): void {
    const violation = this.check(accountId, secret);
    if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
  }

  /** POL-3 alone: an indexed lookup, for re-checking at approval what may have changed since proposal. */
  assertUnique(accountId: string, secret: string): void {
    const violation = this.checkUnique(accountId, secret);
    if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
  }

  /** A password that passes POL-1..3 for this account, from libsodium's uniform randomness. */
  generate(accountId: string, options: Omit<GeneratorOptions, 'length'> & { length?: number | undefined }): string {
    const session = this.sessions.require();
    const min = readInstitution(this.vault.require(), this.s, session.keys.records)!.policyMinLength;
    const length = Math.max(options.length ?? 20, min);
    for (let attempt = 0; attempt < MAX_GENERATION_TRIES; attempt++) {
      const candidate = generatePassword({ ...options, length }, (n) => this.s.randombytes_uniform(n));
      if (!this.check(accountId, candidate)) return candidate;
    }
    throw new CustodiaError('INTERNAL', { stage: 'generate' });
  }

  /** POL-3: never a password any account has had, and never the linked mailbox's current one. */
  private checkUnique(accountId: string, secret: string): AppError | null {
    const session = this.sessions.require();
    const db = this.vault.require();
    const fingerprint = secretFingerprint(this.s, session.keys.fingerprints, secret);
    const used = db.prepare('SELECT id, account_id AS accountId, authorized_at AS usedAt FROM credential_versions WHERE fingerprint = ? ORDER BY authorized_at DESC LIMIT 1').get(fingerprint) as
      | { id: string; accountId: string; usedAt: string }
      | undefined;
    if (!used) return null;
    const account = findAccount(db, this.s, session.keys.records, accountId);
    const other = findAccount(db, this.s, session.keys.records, used.accountId)!;
    const linkedCurrent = account?.linkedEmailAccountId === used.accountId && currentVersion(db, used.accountId)?.id === used.id;
    const reason = linkedCurrent ? 'linked_email' : used.accountId === accountId ? 'reused' : 'used_elsewhere';
    return { code: 'POLICY_VIOLATION', rule: 'POL-3', details: { reason, usedAt: used.usedAt, account: other.displayName, platform: other.platform } };
  }

  private words(): PolicyDictionary {
    if (this.dictionary) return this.dictionary;
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const institution = readInstitution(db, this.s, key)!;
    const texts = [
      institution.name,
      institution.acronym,
      ...institution.emailDomains.flatMap((d) => d.split('.')),
      ...[...keyholderRefs(db, this.s, key).values()].map((k) => k.name),
      ...listPeople(db, this.s, key).flatMap((p) => [p.name, p.email.split('@')[0]]),
      ...listAccounts(db, this.s, key).flatMap((a) => [a.displayName, a.handle, a.altHandle, a.loginIdentifier?.split('@')[0]]),
      ...PLATFORMS.flatMap((p) => [p.id, p.label]),
    ];
    this.dictionary = createPolicyDictionary(vaultWords(texts));
    return this.dictionary;
  }
}
