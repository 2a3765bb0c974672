import type { IntegrityFault, IntegrityReport, IntegrityStatus, PaperHeadMatch } from '../../../shared/integrity';
import { assertHeadIntact, lastEvent } from '../../vault/audit/log';
import { CustodiaError } from '../../domain/errors';
import { keyExpression, readRow, rowDigest } from '../../vault/integrity/row-digest';
import { TABLE_RULE } from '../../vault/integrity/tables';
import { ledgerKey, verifyIntegrity, type Ledger } from '../../vault/integrity/verify';
import { verifyInWorker, type VerificationJob } from '../../vault/integrity/run-worker';
import { openText } from '../../vault/fields';
import { findKeyholder } from '../../vault/repositories/keyholders';
import type { Db } from '../../vault/db';
import type { Sodium } from '../../vault/sodium';
import type { Clock, SessionService } from '../vault/session';
import { checkpointEntry, CHECKPOINT_EVERY } from './checkpoint';
import type { VaultFile } from '../vault/vault-file';

/** A chain head as people write it: its first 64 bits, in four groups of four. */
/**
 * After an unlock the verification waits this long, so that the first screens (home, deadlines,
 * the list's first page) are read before its two threads take both cores (issue 12: unlock to a
 * painted home ≤ 1.05 × the KDF). Anything that needs its result earlier starts it at once.
 */
export const VERIFY_AFTER_UNLOCK_MS = 250;

export const paperForm = (hex: string) => hex.slice(0, 16).toUpperCase().match(/.{4}/g)!.join('-');

/** A row a read relies on: its table and its key columns' values. */
export type RowRef = readonly [table: string, ...key: (string | number)[]];

/**
 * The full verification of the vault (chain, signatures, roster, authority, every covered row),
 * run after every unlock, off the unlock's path; its result is on the home screen, and a vault
 * found altered is written to no more. Reads check the rows they return against the ledger it
 * builds, kept current with the events written since.
 */
export class IntegrityService {
  private ledger: Ledger | undefined;
  private last: IntegrityReport | undefined;
  private job: VerificationJob | undefined;
  private where: 'worker' | 'here' | null = null;
  /** Rows already checked against the ledger, valid while no other connection commits (SQLite's data_version). */
  private readonly checked = new Set<string>();
  private dataVersion = -1;
  /** data_version is per connection: a reopened vault (its lock taken again) starts the checked set afresh. */
  private connection: Db | undefined;
  private soon: ReturnType<typeof setTimeout> | undefined;
  /** The connection and its data_version when the last verification began: a commit by any other connection since is a foreign write. */
  private basis: { db: Db; version: number } | undefined;
  private waiting: { resolve: (report: IntegrityReport) => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    /** Events between two of the head's checkpoints (checkpoint.ts); tests ask for fewer. */
    private readonly checkpointEvery = CHECKPOINT_EVERY,
  ) {
    sessions.onUnlock(() => this.scheduleSoon());
    sessions.onLock(() => this.reset());
  }

  /** The last full verification, or null while it runs. */
  report(): IntegrityReport | null {
    return this.last ?? null;
  }

  /**
   * Runs the full verification now, on this thread (the worker's result, when it comes, is the same).
   * `incremental`: signatures up to the head this keyholder's own earlier verification found whole are not checked again.
   */
  verify(incremental = false): IntegrityReport {
    this.cancel();
    this.markBasis();
    const trusted = incremental ? this.sessions.verifiedHead() : undefined;
    const { report, ledger } = verifyIntegrity(this.vault.require(), this.s, this.vault.referenceSchema(), trusted, { full: !incremental });
    this.where = 'here';
    return this.accept(report, ledger);
  }

  /** Where the last full verification ran: in the worker thread, or here (on demand, or where no worker can run). */
  ranIn(): 'worker' | 'here' | null {
    return this.where;
  }

  /** With the vault key at hand, also checks the sealed chain head against the last event (a cut tail). */
  private accept(report: IntegrityReport, ledger: Ledger): IntegrityReport {
    const session = this.sessions.current();
    const lost = session && report.ok ? this.lostHead() : undefined;
    if (lost) {
      report.faults.push(lost);
      report.ok = false;
    }
    if (session) {
      try {
        assertHeadIntact(this.vault.require(), this.s, session.keys.audit);
      } catch {
        report.faults.push({ kind: 'truncated', seq: report.events + 1 });
        report.ok = false;
      }
    }
    this.last = report;
    this.ledger = ledger;
    this.checked.clear();
    const marks = this.sessions.marks;
    if (session && report.ok) {
      marks.verified = { seq: report.events, hash: report.headHash, ...(ledger.signatures ? { signatures: ledger.signatures } : {}) };
      marks.foundWhole();
    } else if (session) marks.refuse(report.faults[0]?.kind ?? 'state');
    for (const w of this.waiting.splice(0)) w.resolve(report);
    return report;
  }

  /**
   * The head's session, its verification having found the log whole, appends a checkpoint when
   * enough events passed since the last (checkpoint.ts): signed by the head's key, it spares later
   * verifications and a restore the signatures up to it, as 0003 and 0008 say. Its own event is
   * then in the ledger like any other.
   */
  private vouch(report: IntegrityReport, ledger: Ledger): void {
    const entry = checkpointEntry(this.vault.require(), report, ledger.signatures, this.clock().toISOString(), this.checkpointEvery);
    if (!entry) return;
    try {
      this.sessions.commit(
        () => undefined,
        () => entry,
      );
    } catch {
      // A full disk, a read-only medium: nothing is lost but the shortcut; the next verification tries again.
    }
  }

  /** The background verification's result (waiting for it if it still runs), the last visit and the head to write on paper. */
  async status(now = false): Promise<IntegrityStatus> {
    // "Verify now" checks every signature again, in the worker too: the window stays responsive.
    if (now) this.schedule(false);
    else if (!this.last && !this.job) this.schedule(true);
    const report = this.job ? await new Promise<IntegrityReport>((resolve, reject) => this.waiting.push({ resolve, reject })) : this.last!;
    const head = lastEvent(this.vault.require());
    return { report, lastVisit: this.sessions.lastVisit(), head: { seq: head.seq, short: paperForm(this.s.to_hex(head.hash)) } };
  }

  /**
   * Resolves once this session's verification has built the ledger reads are judged against,
   * starting it now if it still waits its turn: a caller that needs it waits here, off this thread,
   * instead of verifying on it (at 10,000 accounts × 10 versions, seconds without an answer).
   */
  async settled(): Promise<void> {
    this.watch();
    if (this.ledger) return;
    if (!this.job) this.schedule(true);
    await new Promise<IntegrityReport>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /**
   * Custodia holds the vault's lock and writes through one connection: a commit by any other (sqlite3 on the open file)
   * is tampering until the whole file is verified again. Starts that verification; settled() then waits for it (writes
   * refused if it finds the file altered). The first screens' reads call only this: they are served meanwhile, as after an unlock.
   */
  watch(): void {
    if (this.ledger && !this.job && this.foreignWrite()) this.schedule(true);
  }

  /**
   * Refuses a read whose rows differ from what the log last recorded for them. A row checked once
   * is not digested again until it is written (by an event here) or the file changes under
   * another connection.
   */
  assertRows(refs: readonly RowRef[]): void {
    const db = this.vault.require();
    const ledger = this.current(db);
    const version = db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion || db !== this.connection) {
      this.checked.clear();
      this.dataVersion = version;
      this.connection = db;
    }
    for (const [table, ...key] of refs) {
      const k = JSON.stringify(key);
      const lk = ledgerKey(table, k);
      if (this.checked.has(lk)) continue;
      const row = readRow(db, TABLE_RULE.get(table)!, k);
      const recorded = ledger.digests.get(lk);
      if (!row || recorded === undefined || recorded !== rowDigest(this.s, row)) {
        throw new CustodiaError('VAULT_TAMPERED', { part: 'row', table, key: k });
      }
      this.checked.add(lk);
    }
  }

  /**
   * Refuses a figure counted over whole tables when their rows are not exactly the rows the log
   * recorded: assertRows checks the rows a read found, and cannot see one deleted with sqlite3 (a
   * reveal removed to shrink a signed report) nor, beside it, a forged one outside the period read.
   */
  assertTablesWhole(tables: readonly string[]): void {
    const db = this.vault.require();
    const ledger = this.current(db);
    const recorded = new Map(tables.map((t) => [t, 0]));
    for (const k of ledger.digests.keys()) {
      const table = k.slice(0, k.indexOf('\u0000'));
      const n = recorded.get(table);
      if (n !== undefined) recorded.set(table, n + 1);
    }
    for (const [table, count] of recorded) {
      const rule = TABLE_RULE.get(table)!;
      const filter = rule.where ? ` WHERE ${rule.where('')}` : '';
      let present = 0;
      for (const key of db
        .prepare(`SELECT ${keyExpression(rule)} FROM ${table}${filter}`)
        .pluck()
        .iterate() as IterableIterator<string>) {
        if (!ledger.digests.has(ledgerKey(table, key))) throw new CustodiaError('VAULT_TAMPERED', { part: 'row', table, key });
        present += 1;
      }
      if (present !== count) throw new CustodiaError('VAULT_TAMPERED', { part: 'rows_missing', table, missing: count - present });
    }
  }

  /** A chain head typed from paper (an acta, a report, a backup label): which event it is, if any. */
  findHead(text: string): PaperHeadMatch {
    const session = this.sessions.require();
    const db = this.vault.require();
    const wanted = text.toLowerCase().replace(/[^0-9a-f]/g, '');
    if (wanted.length < 16) return { found: false };
    const row = db
      .prepare(`SELECT seq, at, actor_id AS actorId FROM audit_events WHERE substr(lower(hex(hash)), 1, ?) = ? ORDER BY seq LIMIT 1`)
      .get(wanted.length, wanted) as { seq: number; at: string; actorId: string } | undefined;
    if (!row) return { found: false };
    const k = findKeyholder(db, row.actorId);
    const actorName = k
      ? openText(this.s, session.keys.records, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name)
      : row.actorId;
    return { found: true, seq: row.seq, at: row.at, actorId: row.actorId, actorName };
  }

  private current(db: Db): Ledger {
    // Called before the session's verification answered (a caller that did not wait for settled()): the same
    // verification, here, sparing the signatures this keyholder's own earlier one found whole, as the worker's does.
    if (!this.ledger) this.verify(true);
    const ledger = this.ledger!;
    const rows = db.prepare(`SELECT seq, details FROM audit_events WHERE seq > ? ORDER BY seq`).all(ledger.lastSeq) as { seq: number; details: string }[];
    for (const r of rows) {
      const written = (JSON.parse(r.details) as { rows?: Record<string, Record<string, string | null>> }).rows ?? {};
      for (const [table, entries] of Object.entries(written)) {
        for (const [key, digest] of Object.entries(entries)) {
          const lk = ledgerKey(table, key);
          this.checked.delete(lk);
          if (digest === null) ledger.digests.delete(lk);
          else ledger.digests.set(lk, digest);
        }
      }
      ledger.lastSeq = r.seq;
    }
    return ledger;
  }

  /**
   * The full verification in a worker (in place if no worker can run here). After unlock it is
   * incremental for the keyholder's own verified head and starts from nothing; on demand it is
   * cold and the previous result serves reads meanwhile.
   */
  private schedule(incremental = true): void {
    this.cancel();
    this.markBasis();
    if (incremental) {
      this.last = undefined;
      this.ledger = undefined;
    }
    const job = verifyInWorker(
      this.vault.path,
      this.vault.nativeBinding,
      this.vault.referenceSchema(),
      incremental ? this.sessions.verifiedHead() : undefined,
      !incremental,
    );
    this.job = job;
    void job.result.then((result) => {
      if (this.job !== job) return;
      this.job = undefined;
      if (!this.sessions.current()) return;
      if (!result) return void this.verify(incremental);
      this.where = 'worker';
      const report = this.accept(result.report, result.ledger);
      // Never from a verification run in place: that one may be inside another use case's transaction.
      if (report.ok && this.sessions.current()?.role === 'head') this.vouch(report, result.ledger);
    });
  }

  /**
   * A file whole in itself may still be an earlier copy put back under the open session (sqlite3,
   * a copy of every table): it no longer holds the last event this session wrote or found whole.
   */
  private lostHead(): IntegrityFault | undefined {
    const known = this.sessions.marks.knownHead();
    if (!known) return undefined;
    const row = this.vault.require().prepare('SELECT hash FROM audit_events WHERE seq = ?').get(known.seq) as { hash: unknown } | undefined;
    if (!row) return { kind: 'truncated', seq: known.seq };
    const hash = row.hash instanceof Uint8Array ? Buffer.from(row.hash).toString('hex') : '';
    return hash === known.hash ? undefined : { kind: 'chain_broken', seq: known.seq };
  }

  private markBasis(): void {
    const db = this.vault.require();
    this.basis = { db, version: db.pragma('data_version', { simple: true }) as number };
  }

  private foreignWrite(): boolean {
    const db = this.vault.require();
    return !this.basis || this.basis.db !== db || this.basis.version !== (db.pragma('data_version', { simple: true }) as number);
  }

  /** The verification after unlock: nothing from the last session serves meanwhile, and it starts shortly. */
  private scheduleSoon(): void {
    this.cancel();
    this.last = undefined;
    this.ledger = undefined;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.schedule();
    }, VERIFY_AFTER_UNLOCK_MS);
    this.soon.unref?.();
  }

  private cancel(): void {
    clearTimeout(this.soon);
    this.soon = undefined;
    this.job?.cancel();
    this.job = undefined;
  }

  private reset(): void {
    this.cancel();
    for (const w of this.waiting.splice(0)) w.reject(new CustodiaError('VAULT_LOCKED'));
    this.ledger = undefined;
    this.last = undefined;
  }
}
