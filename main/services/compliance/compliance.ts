import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { AccountComplianceRow, ArchivedComplianceRow, ComplianceMatrix, ComplianceSummary, PersonComplianceRow } from '../../../shared/compliance';
import { PROCEDURAL_RULES } from '../../../shared/compliance';
import type { RuleId } from '../../../shared/rules';
import { countCells, judgeAccount, judgePerson, life3Archived, type InstitutionFacts } from '../../domain/compliance';
import { CustodiaError } from '../../domain/errors';
import { findChangeRequest } from '../../vault/repositories/change-requests';
import { readInstitution, type Institution } from '../../vault/repositories/institution';
import { listPeople } from '../../vault/repositories/people';
import { writeStamp } from '../../vault/db';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import { nameCollator } from '../accounts/name-order';
import type { CosignService } from '../cosign';
import { settingsUpdate } from '../cosign/kinds/settings-update';
import type { IntegrityService } from '../integrity/integrity';
import type { RotationService } from '../rotation';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { accountFacts, accountReads, type AccountReads, type SealedJudgments } from './account-facts';
import { VaultChanges } from './changes';
import { peopleFacts } from './people-facts';
import { recordedElsewhere } from './recorded-elsewhere';
import { settingsChanges } from './reads';

/**
 * The compliance view (issue 17; SUP-1, Congreso 6.2.8): the facts gathered from the vault in bulk
 * (./account-facts.ts, ./people-facts.ts), judged by the pure rules of main/domain/compliance. Every
 * row a judgment reads is checked against the signed log first: a role or a Formulario B edited
 * with sqlite3 is refused as tampering (VAULT_TAMPERED), never judged as true. Nothing sealed is
 * opened but a login and a recovery e-mail, once per row version, and neither leaves this service.
 */
export class ComplianceService {
  private readonly sealed: SealedJudgments = { logins: new Map(), recoveryEmails: new Map() };
  /** POL-1's minimum raised by each approved settings change (by request id), read once. */
  private readonly raises = new Map<string, { from: number; to: number } | null>();
  /**
   * The bulk reads of the last matrix, kept while the file (and the day) stay the same; after a
   * write, the costly per-account ones are read again only for the accounts it touched (./changes.ts).
   */
  private reads: { stamp: string; accounts: AccountReads; people: ReturnType<typeof peopleFacts>; settings: ReturnType<typeof settingsChanges> } | undefined;
  private readonly changes = new VaultChanges();

  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly accounts: Pick<AccountService, 'names'>,
    private readonly rotation: Pick<RotationService, 'dashboard'>,
    private readonly cosign: Pick<CosignService, 'payloadOf'>,
    private readonly integrity: Pick<IntegrityService, 'assertRows' | 'report'>,
    private readonly clock: Clock,
  ) {
    sessions.onLock(() => {
      this.sealed.logins.clear();
      this.sealed.recoveryEmails.clear();
      this.raises.clear();
      this.reads = undefined;
      this.changes.forget();
    });
  }

  matrix(actor: Actor): ComplianceMatrix {
    requireAction(actor, 'compliance.read');
    const db = this.vault.require();
    const key = this.sessions.require().keys.records;
    // A vault the last full verification found altered is judged by nobody (the integrity panel names what).
    const verified = this.integrity.report();
    if (verified && !verified.ok) throw new CustodiaError('VAULT_TAMPERED', undefined, 'SUP-1');
    const institution = readInstitution(db, this.s, key);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    const now = this.clock();
    const today = format(new TZDate(now.getTime(), institution.timeZone), 'yyyy-MM-dd');
    // The bulk reads hold until the file changes (or the day does: departures count from it); the clock judges every time.
    const stamp = `${writeStamp(db)}:${today}`;
    const fresh = this.reads?.stamp !== stamp;
    let reads = this.reads;
    let seen: (() => void) | undefined;
    if (fresh || !reads) {
      const since = this.changes.since(db);
      const accounts = accountReads(db, reads?.accounts, since.changes);
      reads = { stamp, accounts, people: peopleFacts(db, today, accounts.holdersOf), settings: settingsChanges(db) };
      seen = since.commit;
    }
    const i = this.institutionFacts(institution, now, reads.settings);
    const elsewhere = recordedElsewhere(db, now.toISOString());
    const dashboard = this.rotation.dashboard();
    const { people } = reads;
    const accounts = accountFacts({ db, s: this.s, key, domains: institution.emailDomains, sealed: this.sealed }, reads.accounts, {
      deadlines: dashboard.rows,
      departures: people.departures,
      elsewhere,
    });
    // Checked whenever the file changed since the last matrix (an edit by another connection moves the stamp too); unchanged rows stay checked.
    if (fresh) this.integrity.assertRows([...accounts.refs, ...people.refs, ...elsewhere.refs]);
    // Kept only once checked: a read refused as tampering is read and checked again next time, never reused.
    this.reads = reads;
    seen?.();

    // The register's own name order (AccountService keeps it): sorting 2,000 names again here would cost more than judging them.
    const names = new Map(this.accounts.names().map((a, order) => [a.id, { ...a, order }]));
    const nameOf = (id: string) => names.get(id)?.displayName ?? '';
    const accountRows: AccountComplianceRow[] = accounts.facts.map(({ facts, platform, kind }) => ({
      accountId: facts.accountId,
      displayName: nameOf(facts.accountId),
      platform,
      kind,
      pending: facts.pending,
      cells: judgeAccount(facts, i),
    }));
    const personNames = new Map(listPeople(db, this.s, key).map((p) => [p.id, p.name]));
    const personRows: PersonComplianceRow[] = people.facts.map(({ facts, status }) => ({
      personId: facts.personId,
      name: personNames.get(facts.personId) ?? '',
      function: facts.function,
      status,
      cells: judgePerson(facts),
    }));
    const archived: ArchivedComplianceRow[] = accounts.archived.map((a) => ({
      accountId: a.accountId,
      displayName: nameOf(a.accountId),
      platform: a.platform,
      cell: life3Archived(a.accountId, a.lastReason),
    }));
    const byName = (x: { accountId: string }, y: { accountId: string }) => (names.get(x.accountId)?.order ?? 0) - (names.get(y.accountId)?.order ?? 0);
    const notEvaluated: RuleId[] = [
      ...(elsewhere.lifecycle ? [] : (['LIFE-1', 'LIFE-3', 'LIFE-4', 'SEC-4'] as const)),
      ...(elsewhere.incidents ? [] : (['SUP-2'] as const)),
    ];
    return {
      at: now.toISOString(),
      timeZone: institution.timeZone,
      accounts: accountRows.sort(byName),
      people: personRows.sort((x, y) => nameCollator.compare(x.name, y.name)),
      archived: archived.sort(byName),
      counts: countCells([...accountRows, ...archived.map((a) => ({ cells: [a.cell] }))], personRows),
      notEvaluated,
      procedural: [...PROCEDURAL_RULES],
    };
  }

  /** The home screen's counts. */
  summary(actor: Actor): ComplianceSummary {
    const { at, counts } = this.matrix(actor);
    return { at, counts };
  }

  /** Today and «soon» in the institution's zone; the last raise of POL-1's minimum, from the approved settings changes. */
  private institutionFacts(institution: Institution, now: Date, changes: ReturnType<typeof settingsChanges>): InstitutionFacts {
    const zoned = new TZDate(now.getTime(), institution.timeZone);
    let raised: InstitutionFacts['minLengthRaised'] = null;
    for (const change of changes) {
      if (!this.raises.has(change.id)) this.raises.set(change.id, this.raiseOf(change.id));
      const raise = this.raises.get(change.id);
      if (raise) raised = { at: change.decidedAt, ...raise };
    }
    return {
      today: format(zoned, 'yyyy-MM-dd'),
      soon: format(addDays(zoned, institution.rotationWarningDays), 'yyyy-MM-dd'),
      minLengthRaised: raised,
    };
  }

  private raiseOf(requestId: string): { from: number; to: number } | null {
    const row = findChangeRequest(this.vault.require(), requestId);
    if (!row) return null;
    const { settings, from } = this.cosign.payloadOf(settingsUpdate, row);
    // A change proposed before `from` was kept says only what it set: not counted as a raise.
    return from && settings.policyMinLength > from.policyMinLength ? { from: from.policyMinLength, to: settings.policyMinLength } : null;
  }
}
