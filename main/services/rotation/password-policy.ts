import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AppError } from '../../../shared/result';
import { PLATFORMS } from '../../../shared/platforms';
import { CustodiaError } from '../../domain/errors';
import { generateAccepted, generatorEntropy, type GeneratorOptions } from '../../domain/password-generator';
import { checkPasswordRules, createPolicyDictionary, vaultWords, type PolicyDictionary } from '../../domain/password-policy';
import { buildLexicon, lexiconSteps, type Lexicon, type WordLists } from '../../domain/policy/lexicon';
import { findAccount, listAccounts } from '../../vault/repositories/accounts';
import { currentVersion } from '../../vault/repositories/credential-versions';
import { readInstitution } from '../../vault/repositories/institution';
import { listPeople } from '../../vault/repositories/people';
import { secretFingerprint } from '../../vault/signatures';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import { requireAction } from '../vault/roles';
import type { Actor, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';

const MAX_GENERATION_TRIES = 50;

const requirePackage = createRequire(import.meta.url);

/**
 * The words of a package that is one JSON array of strings, read lazily: the file is decoded and
 * scanned 64 KB at a time, each piece cut just after a closing quote (`",`: an opening quote is
 * followed by a letter), as the lexicon build asks for words, so reading is spread over the
 * build's steps like the rest (require() would hold the thread ~0.3 s at once). A list with escapes
 * is parsed whole.
 */
function* packageWords(name: string): Generator<string> {
  const bytes = readFileSync(requirePackage.resolve(name));
  if (bytes.includes(0x5c)) {
    yield* JSON.parse(bytes.toString('utf8')) as string[];
    return;
  }
  for (let from = 0; from < bytes.length;) {
    const cut = bytes.indexOf('",', Math.min(from + 65_536, bytes.length));
    const to = cut < 0 ? bytes.length : cut + 1;
    const text = bytes.toString('utf8', from, to);
    for (let open = text.indexOf('"'); open >= 0;) {
      const close = text.indexOf('"', open + 1);
      if (close < 0) break;
      yield text.slice(open + 1, close);
      open = text.indexOf('"', close + 1);
    }
    from = to;
  }
}

/** POL-2's word lists: the kept packages `an-array-of-spanish-words` and `an-array-of-english-words` (MIT). */
export function packagedWordLists(): WordLists {
  return { spanish: packageWords('an-array-of-spanish-words'), english: packageWords('an-array-of-english-words') };
}

/** What the build cost, for the bench: wall time, time on the thread, and the longest the thread was held at once. */
export interface LexiconBuildStats {
  wallMs: number;
  threadMs: number;
  longestSliceMs: number;
  slices: number;
  /** A check needed the lexicon before the sliced build ended, and finished it at once. */
  finishedAtOnce: boolean;
}

/**
 * Builds the lexicon once per process, either in slices of a few milliseconds between other events
 * (prepare: started after unlock, so IPC keeps answering while it runs) or at once when a check
 * needs it first (now). Lock does not drop it: it holds public word lists, nothing of the vault.
 */
export class LexiconLoader {
  private built: Lexicon | undefined;
  private steps: Generator<void, Lexicon> | undefined;
  private running: Promise<Lexicon> | undefined;
  private started = 0;
  readonly stats: LexiconBuildStats = { wallMs: 0, threadMs: 0, longestSliceMs: 0, slices: 0, finishedAtOnce: false };

  constructor(
    private readonly read: () => WordLists = packagedWordLists,
    private readonly sliceMs = 5,
  ) {}

  get ready(): boolean {
    return this.built !== undefined;
  }

  now(): Lexicon {
    if (this.built) return this.built;
    if (!this.steps) return this.finish(buildLexicon(this.begin()), true);
    const began = performance.now();
    for (;;) {
      const step = this.steps.next();
      if (step.done) {
        this.stats.threadMs += performance.now() - began;
        return this.finish(step.value, true);
      }
    }
  }

  prepare(): Promise<Lexicon> {
    if (this.built) return Promise.resolve(this.built);
    this.running ??= new Promise<Lexicon>((resolve, reject) => {
      this.steps = lexiconSteps(this.begin());
      const slice = () => {
        if (this.built) return resolve(this.built);
        try {
          const began = performance.now();
          let step = this.steps!.next();
          while (!step.done && performance.now() - began < this.sliceMs) step = this.steps!.next();
          const held = performance.now() - began;
          this.stats.threadMs += held;
          this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, held);
          this.stats.slices++;
          if (step.done) return resolve(this.finish(step.value, false));
          setImmediate(slice);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      setImmediate(slice);
    });
    return this.running;
  }

  private begin(): WordLists {
    this.started = performance.now();
    return this.read();
  }

  private finish(lexicon: Lexicon, atOnce: boolean): Lexicon {
    if (this.built) return this.built;
    this.built = lexicon;
    this.steps = undefined;
    this.stats.wallMs = performance.now() - this.started;
    if (atOnce) {
      this.stats.finishedAtOnce = true;
      if (this.stats.slices === 0) this.stats.threadMs = this.stats.wallMs;
    }
    return lexicon;
  }
}

/** The process's lexicon from the kept packages. Passed to the service explicitly; tests may pass their own. */
export const packagedLexicon = new LexiconLoader();

/** After unlock, the lexicon build waits this long (the home screen loads first), then runs in slices. */
const WARM_AFTER_UNLOCK_MS = 500;

/** A generated password and what the interface states about it (issue 14: «about 130 bits at 20 characters over 90 symbols»). */
export interface GeneratedSecret {
  secret: string;
  length: number;
  alphabetSize: number;
  /** log2 of the number of passwords the generator could have returned, to one decimal. */
  entropyBits: number;
}

/**
 * The password policy as it applies in this vault: POL-1 and POL-2 with a dictionary that also
 * holds the vault's own names (institution, keyholders, people, accounts, platforms) (built on first use after unlock, dropped on lock and on changes),
 * and POL-3 uniqueness across every version of every account, by keyed fingerprint. The Spanish
 * and English lexicon comes from `lexicons`, built in slices after the first unlock.
 */
export class PasswordPolicyService {
  private dictionary: PolicyDictionary | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly lexicons: LexiconLoader = packagedLexicon,
    warmAfterUnlockMs: number | null = WARM_AFTER_UNLOCK_MS,
  ) {
    sessions.onLock(() => this.invalidate());
    if (warmAfterUnlockMs !== null) {
      sessions.onUnlock(() => {
        if (lexicons.ready) return;
        const timer = setTimeout(() => void lexicons.prepare().catch(() => undefined), warmAfterUnlockMs);
        timer.unref?.();
      });
    }
  }

  invalidate(): void {
    this.dictionary = undefined;
  }

  /** The first rule the password breaks for this account, or null. */
  check(accountId: string, secret: string): AppError | null {
    const { minLength, dictionary } = this.rules();
    return checkPasswordRules(secret, minLength, dictionary) ?? this.checkUnique(accountId, secret);
  }

  /** What check() judges POL-1/2 with here: the institution's minimum and the vault's dictionary (an import judges many passwords with them at once). */
  rules(): { minLength: number; dictionary: PolicyDictionary } {
    const session = this.sessions.require();
    const { policyMinLength } = readInstitution(this.vault.require(), this.s, session.keys.records)!;
    return { minLength: policyMinLength, dictionary: this.words() };
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
    return this.generated(accountId, options).secret;
  }

  /** A password drawn for someone who may propose it (issue 13: never shown to whoever cannot). */
  generatedFor(actor: Actor, accountId: string, options: Omit<GeneratorOptions, 'length'> & { length?: number | undefined }): GeneratedSecret {
    requireAction(actor, 'credential.generate');
    return this.generated(accountId, options);
  }

  /** The same, with the figures the interface states (length, alphabet, entropy in bits). */
  generated(accountId: string, options: Omit<GeneratorOptions, 'length'> & { length?: number | undefined }): GeneratedSecret {
    const session = this.sessions.require();
    const min = readInstitution(this.vault.require(), this.s, session.keys.records)!.policyMinLength;
    const chosen = { ...options, length: Math.max(options.length ?? 20, min) };
    const secret = generateAccepted(
      chosen,
      (n) => this.s.randombytes_uniform(n),
      (candidate) => !this.check(accountId, candidate),
      MAX_GENERATION_TRIES,
    );
    if (secret === undefined) throw new CustodiaError('INTERNAL', { stage: 'generate' });
    const { alphabetSize, bits } = generatorEntropy(chosen);
    return { secret, length: chosen.length, alphabetSize, entropyBits: Math.round(bits * 10) / 10 };
  }

  /** POL-3: never a password any account has had, and never the linked mailbox's current one. */
  private checkUnique(accountId: string, secret: string): AppError | null {
    const session = this.sessions.require();
    const db = this.vault.require();
    const fingerprint = secretFingerprint(this.s, session.keys.fingerprints, secret);
    const used = db
      .prepare('SELECT id, account_id AS accountId, authorized_at AS usedAt FROM credential_versions WHERE fingerprint = ? ORDER BY authorized_at DESC LIMIT 1')
      .get(fingerprint) as { id: string; accountId: string; usedAt: string } | undefined;
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
    this.dictionary = createPolicyDictionary(vaultWords(texts), this.lexicons.now());
    return this.dictionary;
  }
}
