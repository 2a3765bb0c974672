import type { AccountDeadline, DashboardBoard, DashboardPageRequest, DashboardView, InstitutionSettings } from '../../../shared/rotation';
import { CustodiaError } from '../../domain/errors';
import { dueSoonBound, effectiveDue, rotationStatus } from '../../domain/rotation';
import { writeStamp, type Db } from '../../vault/db';
import { markApplied, unappliedVersion } from '../../vault/repositories/credential-versions';
import { accountKind } from '../../vault/repositories/accounts';
import { deadlineRows, hasMissingDueDates, type DeadlineRow } from '../../vault/repositories/deadlines';
import { readInstitution, type Institution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import { requireAction } from '../vault/roles';
import { assertAccountWritable } from '../lifecycle/guard';
import { setAccountStatus } from '../../vault/repositories/account-lifecycle';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { accountPlatforms } from '../accounts/name-lookup';
import { Board, type Prepared } from './board';
import { byScheduledDue } from './due-order';
import { dueFor, rescheduleCurrentVersions, settingsOf } from './schedule';

/**
 * POL-4: deadlines and the last step of a rotation. An authorized version becomes current only when
 * the administrator confirms it was applied on the platform; its due date counts from that moment.
 */
export class RotationService {
  /** The board of the last dashboard, kept until the file changes (with the names its pages opened); classification uses the clock every time. */
  private cache: Board | undefined;
  /** Deadline rows (first uses included) read while an unlock's KDF ran, by scheduled due date: they need no key. */
  private readAhead: { db: Db; stamp: string; board: Prepared | undefined; missingDueDates: boolean } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {
    sessions.onLock(() => {
      this.cache = undefined;
      this.readAhead = undefined;
    });
    sessions.onUnlocking(() => this.prefetch());
  }

  private prefetch(): void {
    try {
      const db = this.vault.require();
      const stamp = writeStamp(db);
      // With first uses: the institution's rotate-after-use setting is sealed, and effectiveDue ignores them when it is off.
      const order = byScheduledDue(deadlineRows(db, { withFirstUse: true }));
      // The platforms of the account rows the register read just before (same stamp), else read here.
      let platformOf = this.accounts.readAheadPlatforms(db, stamp);
      if (!platformOf) {
        const platforms = accountPlatforms(db);
        platformOf = (id) => platforms.get(id);
      }
      this.readAhead = { db, stamp, board: Board.prepare(order, platformOf), missingDueDates: hasMissingDueDates(db) };
    } catch {
      this.readAhead = undefined; // read after the unlock instead
    }
  }

  /** The rows read during the unlock, once, if the file has not changed since and no due date is to be filled in. */
  private takeReadAhead(db: Db): Prepared | undefined {
    const ahead = this.readAhead;
    this.readAhead = undefined;
    return ahead && !ahead.missingDueDates && ahead.db === db && this.sessions.readAheadHolds(db, ahead.stamp) ? ahead.board : undefined;
  }

  settings(): InstitutionSettings {
    return settingsOf(this.institution(this.vault.require()));
  }

  /** Refuses a new proposal or approval while an authorized password waits to be applied. */
  assertNoneAwaiting(db: Db, accountId: string): void {
    const waiting = unappliedVersion(db, accountId);
    if (waiting) throw new CustodiaError('CREDENTIAL_AWAITING_APPLY', { versionN: waiting.n }, 'POL-4');
  }

  /** The administrator changed the password on the platform: the version becomes current (POL-5, POL-4). */
  confirmApplied(actor: Actor, accountId: string): { versionN: number; dueAt: string } {
    requireAction(actor, 'credential.apply');
    const at = this.clock().toISOString();
    const result = this.sessions.commit(
      (db) => {
        const account = accountKind(db, accountId);
        if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
        assertAccountWritable(db, accountId);
        const version = unappliedVersion(db, accountId);
        if (!version) throw new CustodiaError('CREDENTIAL_NOT_AUTHORIZED');
        const dueAt = dueFor(this.institution(db), account.kind, at);
        markApplied(db, { id: version.id, accountId, appliedBy: actor.keyholderId, appliedAt: at, dueAt });
        // LIFE-3: a baja's password changed on the platform; the account is archived, read-only, with its history.
        if (version.reason === 'decommission') setAccountStatus(db, accountId, 'archived', at);
        return { versionN: version.n, dueAt, versionId: version.id };
      },
      (r) => ({ at, action: 'credential.applied', subjects: { account: accountId, version: r.versionId }, details: { n: r.versionN, dueAt: r.dueAt } }),
      actor,
    );
    this.accounts.invalidate();
    return { versionN: result.versionN, dueAt: result.dueAt };
  }

  /**
   * One page of the deadline board (what the home screen shows; its list asks for the rows it
   * scrolls to), with the counts, the per-platform table and the next account due over every row.
   * Only the names of the page's tie groups and of «next»'s are opened (./board.ts).
   */
  dashboardPage({ offset, limit }: DashboardPageRequest): DashboardView {
    const { board, summary, nextAt, nowIso, soon } = this.current();
    const from = Math.min(offset, board.total);
    const to = Math.min(from + limit, board.total);
    // «next»'s group too (nextAt is -1 when no account is up to date).
    board.name(
      [
        [from, to],
        [nextAt, nextAt + 1],
      ],
      this.accounts,
    );
    return { ...summary, next: board.next(nextAt), total: board.total, offset: from, rows: board.rows(from, to, nowIso, soon) };
  }

  /** The whole board: overdue, due soon and next due for every active account, in the institution's time zone (for main's own readers). */
  dashboard(): DashboardBoard {
    const { board, summary, nowIso, soon } = this.current();
    board.name([[0, board.total]], this.accounts, true);
    return { ...summary, rows: board.rows(0, board.total, nowIso, soon) };
  }

  private current() {
    const db = this.vault.require();
    const institution = this.institution(db);
    const early = this.takeReadAhead(db);
    if (!early) this.fillMissingDueDates(db, institution);
    const now = this.clock();
    const nowIso = now.toISOString();
    const soon = dueSoonBound(now, institution.rotationWarningDays, institution.timeZone);
    const board = this.board(db, institution, early);
    const { counts, byPlatform, nextAt } = board.summarize(nowIso, soon);
    const summary = { timeZone: institution.timeZone, now: nowIso, warningDays: institution.rotationWarningDays, counts, byPlatform };
    return { board, summary, nextAt, nowIso, soon };
  }

  /** One account's deadline, as the dashboard computes it (for the account page). */
  deadline(accountId: string): AccountDeadline {
    const db = this.vault.require();
    const institution = this.institution(db);
    this.fillMissingDueDates(db, institution);
    const now = this.clock();
    const [row] = deadlineRows(db, { withFirstUse: institution.rotateAfterUse, accountId });
    if (!row) throw new CustodiaError('ACCOUNT_UNKNOWN');
    return deadlineOf(row, institution, now.toISOString(), dueSoonBound(now, institution.rotationWarningDays, institution.timeZone));
  }

  /** Active accounts by due date, without names until a page needs them; kept while the file is unchanged. */
  private board(db: Db, institution: Institution, readAhead?: Prepared): Board {
    const withFirstUse = institution.rotateAfterUse;
    const stamp = `${writeStamp(db)}:${withFirstUse}`;
    if (this.cache?.stamp === stamp) return this.cache;
    let prepared = readAhead;
    if (!prepared) {
      // Archived accounts have no row; platforms from what the register has at hand, the file if it is behind.
      const rows = byScheduledDue(deadlineRows(db, { withFirstUse }));
      prepared = Board.prepare(rows, this.accounts.platformOf()) ?? Board.prepare(rows, this.accounts.platformOf(true));
      if (!prepared) throw new CustodiaError('VAULT_CORRUPT', { part: 'accounts' });
    }
    this.cache = Board.build(stamp, prepared, institution);
    return this.cache;
  }

  private institution(db: Db): Institution {
    const institution = readInstitution(db, this.s, this.sessions.require().keys.records);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    return institution;
  }

  /** Versions applied before due dates were stored (vault format 3) get theirs once, audited. */
  private fillMissingDueDates(db: Db, institution: Institution): void {
    if (!hasMissingDueDates(db)) return;
    const at = this.clock().toISOString();
    this.sessions.commit(
      (tx) => rescheduleCurrentVersions(tx, institution, true),
      (moved) => ({ at, action: 'rotation.rescheduled', subjects: {}, details: { versions: moved } }),
    );
  }
}

function deadlineOf(r: DeadlineRow, institution: Institution, nowIso: string, soon: string): AccountDeadline {
  const dueAt = r.dueAt === null ? null : effectiveDue(r.dueAt, r.firstUse, institution);
  return {
    status: rotationStatus(dueAt, nowIso, soon),
    dueAt,
    dueAfterUse: dueAt !== null && dueAt !== r.dueAt,
    awaitingApply: r.unapplied && { versionN: r.unapplied.n, applyBy: r.unapplied.applyBy, late: r.unapplied.applyBy <= nowIso },
  };
}
