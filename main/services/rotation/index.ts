import type { AccountSummary } from '../../../shared/accounts';
import { type AccountKind, type RotationStatus } from '../../../shared/domain';
import type { PlatformId } from '../../../shared/platforms';
import type { AccountDeadline, DashboardRow, DashboardView, InstitutionSettings } from '../../../shared/rotation';
import { CREDENTIAL_PROPOSER_ROLES } from '../../domain/cosign';
import { CustodiaError } from '../../domain/errors';
import { dueSoonBound, effectiveDue, rotationStatus } from '../../domain/rotation';
import type { Db } from '../../vault/db';
import { markApplied, unappliedVersion } from '../../vault/repositories/credential-versions';
import { accountKind } from '../../vault/repositories/accounts';
import { readInstitution, type Institution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts';
import type { Actor, Clock, SessionService } from '../session';
import type { VaultFile } from '../vault-file';
import { dueFor, rescheduleCurrentVersions, settingsOf } from './schedule';

interface DeadlineRow {
  accountId: string;
  kind: AccountKind;
  versionN: number | null;
  dueAt: string | null;
  firstUse: string | null;
  unappliedN: number | null;
  applyBy: string | null;
  pending: number;
}

const URGENCY: Record<RotationStatus, number> = { missing: 0, overdue: 1, due_soon: 2, ok: 3 };

/**
 * POL-4: deadlines and the last step of a rotation. An authorized version becomes current only when
 * the administrator confirms it was applied on the platform; its due date counts from that moment.
 */
export class RotationService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {}

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
    if (!CREDENTIAL_PROPOSER_ROLES.includes(actor.role)) throw new CustodiaError('ACTION_ROLE', { role: actor.role }, 'POL-5');
    const at = this.clock().toISOString();
    const result = this.sessions.commit(
      (db) => {
        const account = accountKind(db, accountId);
        if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
        const version = unappliedVersion(db, accountId);
        if (!version) throw new CustodiaError('CREDENTIAL_NOT_AUTHORIZED');
        const dueAt = dueFor(this.institution(db), account.kind, at);
        markApplied(db, { id: version.id, accountId, appliedBy: actor.keyholderId, appliedAt: at, dueAt });
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
    this.fillMissingDueDates(db, institution);
    const now = this.clock();
    const nowIso = now.toISOString();
    const soon = dueSoonBound(now, institution.rotationWarningDays, institution.timeZone);
    const summaries = new Map<string, AccountSummary>(this.accounts.list().map((a) => [a.id, a]));
    const counts = { missing: 0, overdue: 0, due_soon: 0, ok: 0, awaitingApply: 0, lateApply: 0 };
    const platforms = new Map<PlatformId, { platform: PlatformId; total: number; overdue: number; dueSoon: number }>();
    const rows: DashboardRow[] = [];
    for (const r of deadlineRows(db, institution.rotateAfterUse)) {
      const summary = summaries.get(r.accountId)!;
      const { status, dueAt, dueAfterUse, awaitingApply } = deadlineOf(r, institution, nowIso, soon);
      const late = awaitingApply?.late ?? false;
      counts[status] += 1;
      if (r.unappliedN !== null) counts.awaitingApply += 1;
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
        versionN: r.versionN,
        dueAt,
        dueAfterUse,
        awaitingApply,
        pendingRequest: r.pending === 1,
      });
    }
    rows.sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.displayName.localeCompare(b.displayName));
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
    const [row] = deadlineRows(db, institution.rotateAfterUse, accountId);
    if (!row) throw new CustodiaError('ACCOUNT_UNKNOWN');
    return deadlineOf(row, institution, now.toISOString(), dueSoonBound(now, institution.rotationWarningDays, institution.timeZone));
  }

  private institution(db: Db): Institution {
    const institution = readInstitution(db, this.s, this.sessions.require().keys.records);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    return institution;
  }

  /** Versions applied before due dates were stored (vault format 3) get theirs once, audited. */
  private fillMissingDueDates(db: Db, institution: Institution): void {
    const missing = db.prepare('SELECT 1 FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id WHERE v.due_at IS NULL LIMIT 1').get();
    if (!missing) return;
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
    awaitingApply: r.unappliedN === null ? null : { versionN: r.unappliedN, applyBy: r.applyBy!, late: r.applyBy! <= nowIso },
  };
}

/** One row per active account: its current version's due date, first use, and any authorized version awaiting application. */
function deadlineRows(db: Db, withFirstUse: boolean, accountId: string | null = null): DeadlineRow[] {
  const firstUse = withFirstUse
    ? `(SELECT min(e.at) FROM exposures e WHERE e.credential_version_id = v.id AND e.keyholder_id IS NOT NULL
          AND e.how IN ('revealed', 'copied') AND e.at >= v.applied_at)`
    : 'NULL';
  return db
    .prepare(
      `SELECT a.id AS accountId, a.kind, v.n AS versionN, v.due_at AS dueAt, ${firstUse} AS firstUse,
              u.n AS unappliedN, u.apply_by AS applyBy,
              EXISTS (SELECT 1 FROM change_requests r WHERE r.account_id = a.id AND r.status = 'pending') AS pending
       FROM accounts a
       LEFT JOIN credential_versions v ON v.id = a.current_version_id
       LEFT JOIN credential_versions u ON u.account_id = a.id AND u.applied_at IS NULL
       WHERE (@accountId IS NULL AND a.status = 'active') OR a.id = @accountId`,
    )
    .all({ accountId }) as DeadlineRow[];
}

