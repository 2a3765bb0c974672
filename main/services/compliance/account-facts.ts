import type { AccountKind } from '../../../shared/domain';
import { platformById, platformRole, type PlatformId } from '../../../shared/platforms';
import { isDirectLink } from '../../../shared/staff';
import type { DashboardRow } from '../../../shared/rotation';
import { classifyLogin, type AccountFacts, type HolderFacts, type LoginClass } from '../../domain/compliance';
import { isInstitutionalEmail } from '../../domain/accounts';
import { openText } from '../../vault/fields';
import type { Db } from '../../vault/db';
import type { Sodium } from '../../vault/sodium';
import type { RowRef } from '../integrity/integrity';
import type { Departures } from './people-facts';
import { written, type Changes } from './changes';
import {
  accountsOfVersions,
  currentPasswordHolders,
  currentVersions,
  deviceRows,
  liveGrantRows,
  readAccounts,
  recipientCounts,
  retiredExposures,
  staffFacts,
  twoStepRows,
  uncosignedVersions,
  versionsOfExposures,
  versionsOfRequests,
  type AccountRow,
} from './reads';
import type { RecordedElsewhere } from './recorded-elsewhere';

/** SEC-2 and SEC-3 judged from sealed text, kept by row version (`id:version`) until lock; the text itself is never kept. */
export interface SealedJudgments {
  logins: Map<string, LoginClass>;
  recoveryEmails: Map<string, boolean>;
}

interface Context {
  db: Db;
  s: Sodium;
  key: Uint8Array;
  domains: string[];
  sealed: SealedJudgments;
}

const EMPTY_DEADLINE = { status: 'missing', dueAt: null, applyLate: false } as const;

function loginOf(ctx: Context, a: AccountRow): LoginClass {
  const k = `${a.id}:${a.version}`;
  let judged = ctx.sealed.logins.get(k);
  if (judged === undefined) {
    const text =
      a.login === null ? null : openText(ctx.s, ctx.key, { table: 'accounts', rowId: a.id, column: 'login_identifier', version: a.version }, a.login);
    judged = classifyLogin(text, ctx.domains);
    ctx.sealed.logins.set(k, judged);
  }
  return judged;
}

function recoveryEmailOf(ctx: Context, accountId: string, version: number, box: Buffer | null): boolean | null {
  if (box === null) return null;
  const k = `${accountId}:${version}`;
  let judged = ctx.sealed.recoveryEmails.get(k);
  if (judged === undefined) {
    const text = openText(ctx.s, ctx.key, { table: 'account_two_step', rowId: accountId, column: 'recovery_email', version }, box);
    judged = isInstitutionalEmail(text, ctx.domains);
    ctx.sealed.recoveryEmails.set(k, judged);
  }
  return judged;
}

export const group = <T>(rows: readonly T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
};

/** The reads that cost (per account, over every version and exposure): kept between matrices, re-read for the accounts a write bears on. */
interface PerAccount {
  rows: AccountRow[];
  byId: Map<string, AccountRow>;
  current: Map<string, ReturnType<typeof currentVersions>[number]>;
  uncosigned: Map<string, number>;
  holdersOf: Map<string, ReturnType<typeof currentPasswordHolders>>;
}

function perAccount(db: Db): PerAccount {
  const rows = readAccounts(db);
  return {
    rows,
    byId: new Map(rows.map((a) => [a.id, a])),
    current: new Map(currentVersions(db).map((v) => [v.accountId, v])),
    uncosigned: uncosignedVersions(db),
    holdersOf: group(currentPasswordHolders(db), (h) => h.accountId),
  };
}

/** Tables whose change makes every account's reads stale: who is the head (POL-5), and a re-key (fingerprints recomputed). */
const EVERY_ACCOUNT = ['keyholders', 'key_epochs'];

/** The accounts whose costly reads a write since bears on, or null for all of them (./changes.ts). */
function touchedAccounts(db: Db, changes: Changes & { all: false }): Set<string> | null {
  if (EVERY_ACCOUNT.some((t) => changes.rows.has(t))) return null;
  const versions = written(changes, 'credential_versions');
  const exposures = written(changes, 'exposures');
  if (versions.gone || exposures.gone) return null;
  const requests = written(changes, 'change_requests').ids;
  const versionIds = [
    ...versions.ids,
    ...(requests.length ? versionsOfRequests(db, requests) : []),
    ...(exposures.ids.length ? versionsOfExposures(db, exposures.ids) : []),
  ];
  return new Set([...written(changes, 'accounts').ids, ...(versionIds.length ? accountsOfVersions(db, versionIds) : [])]);
}

/** `before`'s reads with those of `ids` read again (an account gone is dropped; a new one comes last, as rowid order has it). */
function refreshed(db: Db, before: PerAccount, ids: readonly string[]): PerAccount {
  const fresh = new Map(readAccounts(db, ids).map((a) => [a.id, a]));
  const again = new Set(ids);
  const rows = before.rows.filter((a) => !again.has(a.id) || fresh.has(a.id)).map((a) => fresh.get(a.id) ?? a);
  for (const [id, a] of fresh) if (!before.byId.has(id)) rows.push(a);
  const current = new Map(before.current);
  const uncosigned = new Map(before.uncosigned);
  const holdersOf = new Map(before.holdersOf);
  for (const id of ids) {
    current.delete(id);
    uncosigned.delete(id);
    holdersOf.delete(id);
  }
  for (const v of currentVersions(db, ids)) current.set(v.accountId, v);
  for (const [id, n] of uncosignedVersions(db, ids)) uncosigned.set(id, n);
  for (const [id, list] of group(currentPasswordHolders(db, ids), (h) => h.accountId)) holdersOf.set(id, list);
  return { rows, byId: new Map(rows.map((a) => [a.id, a])), current, uncosigned, holdersOf };
}

/**
 * The bulk reads the accounts' facts are made of: enums, ids, dates and counts. The costly ones
 * are carried over from `before` for the accounts no write since touched; the rest are read whole.
 */
export function accountReads(db: Db, before?: AccountReads, changes: Changes = { all: true }): AccountReads {
  let accounts: PerAccount;
  const touched = before && !changes.all ? touchedAccounts(db, changes) : null;
  if (!before || !touched) accounts = perAccount(db);
  else accounts = touched.size ? refreshed(db, before, [...touched]) : before;
  return { ...accounts, ...wholeReads(db) };
}

/** The cheap reads, of small tables: read whole every time. */
function wholeReads(db: Db) {
  const twoStep = twoStepRows(db);
  const devices = deviceRows(db);
  const staff = staffFacts(db);
  return {
    recipients: new Map(recipientCounts(db).map((r) => [r.accountId, r])),
    twoStep,
    twoStepOf: new Map(twoStep.map((t) => [t.accountId, t])),
    devices,
    deviceOf: new Map(devices.map((d) => [d.id, d])),
    staff,
    staffOf: new Map(staff.map((r) => [r.personId, r])),
    grantsOf: group(liveGrantRows(db), (g) => g.accountId),
    retired: retiredExposures(db),
    grantIds: db.prepare('SELECT id FROM platform_roles').pluck().all() as string[],
  };
}
export type AccountReads = PerAccount & ReturnType<typeof wholeReads>;

/**
 * Every account's facts (the ones in the register: active or «en trámite»), and the archived
 * ones with the reason of their last password (LIFE-3). `refs`: the rows judged, for the integrity check.
 */
export function accountFacts(
  ctx: Context,
  reads: AccountReads,
  from: { deadlines: readonly DashboardRow[]; departures: Departures; elsewhere: RecordedElsewhere },
): {
  facts: { facts: AccountFacts; platform: PlatformId; kind: AccountKind }[];
  archived: { accountId: string; platform: PlatformId; lastReason: string | null }[];
  refs: RowRef[];
} {
  const { rows, byId, current, uncosigned, recipients, twoStep, twoStepOf, devices, deviceOf, staff, staffOf, grantsOf, holdersOf, retired } = reads;
  const deadlines = new Map(from.deadlines.map((d) => [d.accountId, d]));
  const { lifecycle, incidents } = from.elsewhere;

  const holder = (personId: string, admin: boolean): HolderFacts => {
    const r = staffOf.get(personId);
    const contact = r?.contactId ? staffOf.get(r.contactId) : undefined;
    return {
      personId,
      admin,
      function: r?.function ?? null,
      link: r?.link ?? null,
      hasAgreement: r?.hasAgreement === 1,
      contactOk: contact !== undefined && isDirectLink(contact.link) && contact.status === 'active',
    };
  };

  const facts: { facts: AccountFacts; platform: PlatformId; kind: AccountKind }[] = [];
  const archived: { accountId: string; platform: PlatformId; lastReason: string | null }[] = [];
  const refs: RowRef[] = [];
  for (const a of rows) {
    if (a.status === 'archived') {
      archived.push({ accountId: a.id, platform: a.platform, lastReason: current.get(a.id)?.reason ?? null });
      refs.push(['accounts', a.id]);
      continue;
    }
    if (a.status !== 'active' && a.status !== 'pending') continue;
    refs.push(['accounts', a.id]);
    if (a.currentVersionId) refs.push(['credential_versions', a.currentVersionId]);
    const v = current.get(a.id);
    const d = deadlines.get(a.id);
    const r = recipients.get(a.id);
    const t = twoStepOf.get(a.id);
    const device = t?.deviceId ? deviceOf.get(t.deviceId) : undefined;
    const linked = a.linkedId ? byId.get(a.linkedId) : undefined;
    const multiUser = platformById(a.platform)?.multiUser === true;
    const shared = multiUser
      ? (holdersOf.get(a.id) ?? []).filter((h) => {
          const fn = staffOf.get(h.personId)?.function;
          return !(fn === 'office_head' || fn === 'account_administrator' || fn === 'backup_administrator');
        }).length
      : 0;
    facts.push({
      platform: a.platform,
      kind: a.kind,
      facts: {
        accountId: a.id,
        platform: a.platform,
        kind: a.kind,
        pending: a.status === 'pending',
        current: v ? { authorizedAt: v.authorizedAt, cosigned: v.cosigned === 1, reused: v.reused === 1 } : null,
        deadline: d ? { status: d.status, dueAt: d.dueAt, applyLate: d.awaitingApply?.late ?? false } : EMPTY_DEADLINE,
        versionsNotCosigned: uncosigned.get(a.id) ?? 0,
        outsideChanges: incidents ? incidents.outsideChanges(a.id) : null,
        recipients: { total: r?.total ?? 0, notified: r?.notified ?? 0, refusedChannel: r?.refused ?? 0 },
        twoStep: {
          method: t?.method ?? null,
          linkedEmail: a.linkedId ? { method: twoStepOf.get(a.linkedId)?.method ?? null } : null,
          recoveryDevice: device ? { institutionOwned: device.owned === 1, holderRole: device.role } : null,
          recoveryEmailInstitutional: t ? recoveryEmailOf(ctx, a.id, t.version, t.recoveryEmail) : null,
        },
        login: loginOf(ctx, a),
        linkedLogin: linked ? loginOf(ctx, linked) : null,
        verification: lifecycle ? lifecycle.verification(a.id) : null,
        lifecycle: lifecycle ? lifecycle.of(a.id) : null,
        support: { start: a.supportStart, end: a.supportEnd },
        holders: (grantsOf.get(a.id) ?? []).map((g) => holder(g.personId, platformRole(a.platform, g.role)?.admin ?? g.admin === 1)),
        sharedWith: shared,
        handover: from.departures.handoverOf(a.id),
        leavingHolders: from.departures.leavingHolders.get(a.id) ?? [],
        leavingExposed: from.departures.leavingExposed.get(a.id) ?? [],
        retiredExposed: retired.get(a.id) ?? 0,
        incidents: incidents ? incidents.of(a.id) : null,
      },
    });
  }
  refs.push(
    ...twoStep.map((t): RowRef => ['account_two_step', t.accountId]),
    ...devices.map((d): RowRef => ['devices', d.id]),
    ...staff.map((r): RowRef => ['staff', r.personId]),
    // Every grant row, live or not: one hidden by an edit (marked revoked) is tampering, never judged absent.
    ...reads.grantIds.map((id): RowRef => ['platform_roles', id]),
  );
  return { facts, archived, refs };
}
