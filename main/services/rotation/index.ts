import type { RotationStatus } from '../../../shared/domain';
import type { PlatformId } from '../../../shared/platforms';
import type { AccountDeadline, DashboardRow, DashboardView, InstitutionSettings } from '../../../shared/rotation';
import { CustodiaError } from '../../domain/errors';
import { dueSoonBound, effectiveDue, rotationStatus } from '../../domain/rotation';
import { writeStamp, type Db } from '../../vault/db';
import { markApplied, unappliedVersion } from '../../vault/repositories/credential-versions';
import { accountKind } from '../../vault/repositories/accounts';
import { deadlineRows, hasMissingDueDates, type DeadlineRow } from '../../vault/repositories/deadlines';
import { readInstitution, type Institution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { AccountName, AccountService } from '../accounts/accounts';
import { requireAction } from '../vault/roles';
import { assertAccountWritable } from '../lifecycle/guard';
import { setAccountStatus } from '../../vault/repositories/account-lifecycle';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { compareText, dueOrder, orderByDue, type DueOrder } from './due-order';
import { dueFor, rescheduleCurrentVersions, settingsOf } from './schedule';

const URGENCY: Record<RotationStatus, number> = { missing: 0, overdue: 1, due_soon: 2, ok: 3 };
const byUrgency = (a: DashboardRow, b: DashboardRow) => URGENCY[a.status] - URGENCY[b.status] || compareText(a.dueAt ?? '', b.dueAt ?? '');

interface Ordered {
  summary: AccountName;
  row: DeadlineRow;
}

/**
 * POL-4: deadlines and the last step of a rotation. An authorized version becomes current only when
 * the administrator confirms it was applied on the platform; its due date counts from that moment.
 */
export class RotationService {
  /** The rows read at the last dashboard, kept until the file changes; classification uses the clock every time. */
  private cache: { stamp: string; rows: Ordered[] } | undefined;
  /** Deadline rows (first uses included) read while an unlock's KDF ran: they need no key. */
  private readAhead: { db: Db; stamp: string; order: DueOrder; missingDueDates: boolean } | undefined;

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
      this.readAhead = { db, stamp, order: dueOrder(deadlineRows(db, { withFirstUse: true })), missingDueDates: hasMissingDueDates(db) };
    } catch {
      this.readAhead = undefined; // read after the unlock instead
    }
  }

  /** The rows read during the unlock, once, if the file has not changed since and no due date is to be filled in. */
  private takeReadAhead(db: Db): DueOrder | undefined {
    const ahead = this.readAhead;
    this.readAhead = undefined;
    return ahead && !ahead.missingDueDates && ahead.db === db && this.sessions.readAheadHolds(db, ahead.stamp) ? ahead.order : undefined;
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

  /** Overdue, due soon and next due for every active account, in the institution's time zone. */
  dashboard(): DashboardView {
    const db = this.vault.require();
    const institution = this.institution(db);
    const early = this.takeReadAhead(db);
    if (!early) this.fillMissingDueDates(db, institution);
    const now = this.clock();
    const nowIso = now.toISOString();
    const soon = dueSoonBound(now, institution.rotationWarningDays, institution.timeZone);
    const counts = { missing: 0, overdue: 0, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 };
    const platforms = new Map<PlatformId, { platform: PlatformId; total: number; overdue: number; dueSoon: number }>();
    const rows: DashboardRow[] = [];
    for (const { summary, row: r } of this.rows(db, institution.rotateAfterUse, early)) {
      const { status, dueAt, dueAfterUse, awaitingApply } = deadlineOf(r, institution, nowIso, soon);
      const late = awaitingApply?.late ?? false;
      counts[status] += 1;
      if (r.unapplied) counts.awaitingApply += 1;
      if (late) counts.lateApply += 1;
      const p = platforms.get(summary.platform) ?? { platform: summary.platform, total: 0, overdue: 0, dueSoon: 0 };
      p.total += 1;
      if (status === 'overdue' || status === 'missing') p.overdue += 1;
      if (status === 'due_soon') p.dueSoon += 1;
      platforms.set(summary.platform, p);
      rows.push({
        accountId: r.accountId,
        displayName: summary.displayName,
        platform: summary.platform,
        kind: r.kind,
        status,
        dueAt,
        dueAfterUse,
        awaitingApply,
        pendingRequest: r.pending,
      });
    }
    // The cached order (scheduled due date, none first, then name) is already by urgency; only a
    // due date brought forward by use can break it.
    if (institution.rotateAfterUse) rows.sort(byUrgency);
    return {
      timeZone: institution.timeZone,
      now: nowIso,
      warningDays: institution.rotationWarningDays,
      counts,
      byPlatform: [...platforms.values()].sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.platform.localeCompare(b.platform)),
      rows,
    };
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

  /** Active accounts with their deadline rows, ordered by scheduled due date (none first), then name. */
  private rows(db: Db, withFirstUse: boolean, readAhead?: DueOrder): Ordered[] {
    const stamp = `${writeStamp(db)}:${withFirstUse}`;
    if (this.cache?.stamp === stamp) return this.cache.rows;
    // The account index is in name order, kept among equal due dates. Archived accounts have no row.
    const rows: Ordered[] = orderByDue(this.accounts.names(), readAhead ?? dueOrder(deadlineRows(db, { withFirstUse })));
    this.cache = { stamp, rows };
    return rows;
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
