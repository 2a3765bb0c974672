import type { KeyholderRole } from '../../../shared/domain';
import type { HandoverItemId, HandoverItemState, HandoverMissing, HandoverProgress } from '../../../shared/handover';
import { platformById } from '../../../shared/platforms';
import type { Db } from '../../vault/db';
import { staffRow } from '../../vault/repositories/staff';
import type { RowRef } from '../integrity/integrity';
import { departurePlan, openItems, type PlanItem } from '../people/departure-plan';
import { findHandover, type HandoverRow } from './records';
import { roleAppliers } from './role-appliers';

/**
 * A handover's checklist (HAND-1, HAND-3), computed from the records and never stored, like a
 * departure's (docs/decisions/0006). `started_at` is the head's approval of the enrolment that
 * opened the handover; "after the start" is strictly later than it. Per active account:
 *
 * - password_changed: a credential version with reason 'handover' («entrega de cargo"), PROPOSED
 *   by the incoming keyholder, applied on the platform after the start; and no version proposed by
 *   the outgoing keyholder applied after it (that would hand them a password again). Whoever
 *   authorized it is the head; reason 'exposure' or 'scheduled' rotations settle HAND-3 but not this.
 * - roles_reassigned: the outgoing person holds no admin-level grant on the account that is not
 *   'revoked' (a revocation counts once applied on the platform), and the incoming person holds an
 *   'active' admin-level grant. On single-user platforms (shared/platforms.ts `multiUser: false`:
 *   the login is the user) it applies only where the outgoing person ever held an admin grant, and
 *   then only the revocation is asked. Who did it: the keyholder who confirmed the last of those
 *   changes applied (the `role.applied` event: the grant row keeps the time, not who).
 * - sessions_closed: a row of handover_confirmations (the only item confirmed by hand).
 * - recovery_contacts_updated: the account's second step, recovery phone and e-mail recorded again
 *   (account_two_step.updated_at) after the start, and SEC-3 judged again: a recovery phone, if
 *   one is recorded, is an institution phone held now by the incoming keyholder or their person.
 * - seed_replaced / recovery_codes_replaced: only where the account has a seed / stored codes;
 *   set (every code of the set added) after the start, and not proposed by the outgoing keyholder
 *   (a replaced code set names its request: its id is the set's; the request's proposer made it).
 *
 * For a head's handover the head does not work on the platforms (POL-5): only roles and sessions
 * apply, the rest is HAND-3 (what the outgoing head saw must be rotated). HAND-3 holds whatever the
 * role: no current password, stored code set or current seed the outgoing keyholder or their person
 * was shown remains (the departure plan's own queries). The departure checklist of the outgoing
 * person is part of it when their departure is authorized (an administrator who stays on the staff
 * in another function keeps their non-admin roles).
 *
 * `refs` lists every row the judgment read, for `IntegrityService.assertRows` before a decision
 * (the completion, the acta); audit events are covered by the chain's own verification.
 */
export interface ItemFact {
  item: HandoverItemId;
  state: HandoverItemState;
  /** Keyholder who made the change (or confirmed it); null unless done. */
  by: string | null;
  at: string | null;
  missing: HandoverMissing | null;
}

export interface AccountChecklist {
  accountId: string;
  platform: string;
  items: ItemFact[];
}

export interface ExposureFact {
  kind: 'password' | 'recovery_codes' | 'seed';
  accountId: string;
  /** The credential version id, code set id or seed version. */
  ref: string;
}

export interface Who {
  keyholderId: string;
  personId: string | null;
}

export interface Checklist {
  handover: HandoverRow;
  outgoing: Who;
  incoming: Who;
  accounts: AccountChecklist[];
  exposures: ExposureFact[];
  /** The outgoing person's departure checklist, when their departure is authorized. */
  departure: { personId: string; leavingAt: string; items: (PlanItem & { done: boolean })[] } | null;
  progress: HandoverProgress;
  refs: RowRef[];
  /** Credential versions applied after the start on the office's accounts (the acta's count). */
  rotated: number;
}

const ALL: readonly HandoverItemId[] = [
  'password_changed',
  'roles_reassigned',
  'sessions_closed',
  'recovery_contacts_updated',
  'seed_replaced',
  'recovery_codes_replaced',
];
/** The items each role's handover asks (a head works on no platform: POL-5). */
export const ITEMS_OF: Readonly<Record<KeyholderRole, readonly HandoverItemId[]>> = {
  administrator: ALL,
  backup_administrator: ALL,
  head: ['roles_reassigned', 'sessions_closed'],
};

/** Departure kinds that are HAND-3 exposures (listed once, under `exposures`). */
const EXPOSURE_KINDS: Readonly<Record<string, ExposureFact['kind']>> = {
  rotate_password: 'password',
  replace_recovery_codes: 'recovery_codes',
  replace_seed: 'seed',
};

interface Version {
  id: string;
  accountId: string;
  reason: string;
  proposedBy: string;
  appliedAt: string | null;
}
interface Grant {
  id: string;
  accountId: string;
  personId: string;
  state: string;
  grantedAt: string | null;
  revokedAt: string | null;
}
interface TwoStep {
  accountId: string;
  deviceId: string | null;
  updatedBy: string;
  updatedAt: string;
  holderKeyholderId: string | null;
  holderPersonId: string | null;
  institutionOwned: number | null;
}

const personOf = (db: Db, keyholderId: string) =>
  (db.prepare('SELECT person_id FROM keyholder_people WHERE keyholder_id = ?').pluck().get(keyholderId) as string | undefined) ?? null;

const groupBy = <T>(rows: readonly T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
};

const done = (item: HandoverItemId, by: string | null, at: string | null): ItemFact => ({ item, state: 'done', by, at, missing: null });
const open = (item: HandoverItemId, missing: HandoverMissing): ItemFact => ({ item, state: 'open', by: null, at: null, missing });
const notApplicable = (item: HandoverItemId): ItemFact => ({ item, state: 'not_applicable', by: null, at: null, missing: null });

/** The checklist of one handover as the records stand now; undefined for an unknown handover. */
export function handoverChecklist(db: Db, handoverId: string): Checklist | undefined {
  const handover = findHandover(db, handoverId);
  if (!handover) return undefined;
  const start = handover.startedAt;
  const outgoing: Who = { keyholderId: handover.outgoingKeyholderId, personId: personOf(db, handover.outgoingKeyholderId) };
  const incoming: Who = { keyholderId: handover.incomingKeyholderId, personId: personOf(db, handover.incomingKeyholderId) };
  const refs: RowRef[] = [['handovers', handoverId]];
  for (const w of [outgoing, incoming]) if (w.personId) refs.push(['keyholder_people', w.keyholderId]);

  const accounts = db.prepare(`SELECT id, platform FROM accounts WHERE status = 'active' ORDER BY id`).all() as { id: string; platform: string }[];
  for (const a of accounts) refs.push(['accounts', a.id]);

  // Versions applied after the start, and the incoming keyholder's handover rotations still to apply.
  const after = db
    .prepare(
      `SELECT v.id, v.account_id AS accountId, v.reason, v.proposed_by AS proposedBy, v.applied_at AS appliedAt
         FROM credential_versions v JOIN accounts a ON a.id = v.account_id
        WHERE a.status = 'active' AND (v.applied_at > @start OR (v.applied_at IS NULL AND v.reason = 'handover' AND v.proposed_by = @incoming))
        ORDER BY v.applied_at, v.n`,
    )
    .all({ start, incoming: incoming.keyholderId }) as Version[];
  for (const v of after) refs.push(['credential_versions', v.id]);
  const versionsOf = groupBy(
    after.filter((v) => v.appliedAt !== null),
    (v) => v.accountId,
  );
  const awaiting = new Set(after.filter((v) => v.appliedAt === null).map((v) => v.accountId));

  const people = [outgoing.personId, incoming.personId].filter((p): p is string => p !== null);
  const grants = people.length
    ? (db
        .prepare(
          `SELECT id, account_id AS accountId, person_id AS personId, state, granted_at AS grantedAt, revoked_at AS revokedAt
             FROM platform_roles WHERE person_id IN (${people.map(() => '?').join(', ')}) AND admin = 1`,
        )
        .all(...people) as Grant[])
    : [];
  for (const g of grants) refs.push(['platform_roles', g.id]);
  const grantsOf = groupBy(grants, (g) => g.accountId);

  const confirmations = new Map(
    (
      db
        .prepare(
          `SELECT account_id AS accountId, confirmed_by AS by, confirmed_at AS at FROM handover_confirmations WHERE handover_id = ? AND item = 'sessions_closed'`,
        )
        .all(handoverId) as { accountId: string; by: string; at: string }[]
    ).map((c) => [c.accountId, c]),
  );
  for (const accountId of confirmations.keys()) refs.push(['handover_confirmations', handoverId, accountId, 'sessions_closed']);

  const twoStep = new Map(
    (
      db
        .prepare(
          `SELECT t.account_id AS accountId, t.recovery_device_id AS deviceId, t.updated_by AS updatedBy, t.updated_at AS updatedAt,
                  d.holder_keyholder_id AS holderKeyholderId, d.holder_person_id AS holderPersonId, d.institution_owned AS institutionOwned
             FROM account_two_step t LEFT JOIN devices d ON d.id = t.recovery_device_id`,
        )
        .all() as TwoStep[]
    ).map((t) => [t.accountId, t]),
  );
  for (const t of twoStep.values()) {
    refs.push(['account_two_step', t.accountId]);
    if (t.deviceId) refs.push(['devices', t.deviceId]);
  }

  const seeds = new Map(
    (
      db.prepare('SELECT account_id AS accountId, proposed_by AS by, set_at AS at FROM totp_seeds').all() as { accountId: string; by: string; at: string }[]
    ).map((t) => [t.accountId, t]),
  );
  for (const accountId of seeds.keys()) refs.push(['totp_seeds', accountId]);

  // A replaced set is written by the head's approval (added_by: the approver); who made it is the
  // replacement's proposer, the request whose id the set carries. A first set stored has no request.
  const codes = groupBy(
    db
      .prepare(
        `SELECT c.id, c.account_id AS accountId, c.set_id AS setId, coalesce(r.proposed_by, c.added_by) AS by, c.added_at AS at, r.id AS request
           FROM recovery_codes c LEFT JOIN change_requests r ON r.id = c.set_id AND r.kind = 'recovery.replace'
          ORDER BY c.added_at`,
      )
      .all() as { id: string; accountId: string; setId: string; by: string; at: string; request: string | null }[],
    (c) => c.accountId,
  );
  for (const list of codes.values())
    for (const c of list) {
      refs.push(['recovery_codes', c.id]);
      if (c.request) refs.push(['change_requests', c.request]);
    }

  const appliers = roleAppliers(db, grants);
  const applies = new Set(ITEMS_OF[handover.role]);
  const judge = (accountId: string, platform: string, item: HandoverItemId): ItemFact => {
    if (!applies.has(item)) return notApplicable(item);
    switch (item) {
      case 'password_changed': {
        const versions = versionsOf.get(accountId) ?? [];
        const i = versions.findLastIndex((v) => v.reason === 'handover' && v.proposedBy === incoming.keyholderId);
        if (i < 0) return open(item, awaiting.has(accountId) ? 'awaiting_apply' : 'rotation_missing');
        if (versions.slice(i + 1).some((v) => v.proposedBy === outgoing.keyholderId)) return open(item, 'rotated_by_outgoing');
        return done(item, versions[i]!.proposedBy, versions[i]!.appliedAt);
      }
      case 'roles_reassigned': {
        const here = grantsOf.get(accountId) ?? [];
        const mine = here.filter((g) => g.personId === outgoing.personId);
        const theirs = here.filter((g) => g.personId === incoming.personId && g.state === 'active');
        const multiUser = platformById(platform)?.multiUser ?? true;
        if (!multiUser && mine.length === 0) return notApplicable(item);
        if (mine.some((g) => g.state !== 'revoked')) return open(item, 'outgoing_admin_role');
        if (multiUser && theirs.length === 0) return open(item, 'incoming_admin_missing');
        // The last change that made it so: a revocation applied since the start, or the incoming grant.
        const changes = [
          ...mine.filter((g) => g.revokedAt !== null && g.revokedAt > start).map((g) => ({ grant: g.id, at: g.revokedAt! })),
          ...theirs.filter((g) => g.grantedAt !== null).map((g) => ({ grant: g.id, at: g.grantedAt! })),
        ].sort((a, b) => a.at.localeCompare(b.at));
        const last = changes.at(-1);
        return done(item, last ? (appliers.get(last.grant) ?? null) : null, last?.at ?? start);
      }
      case 'sessions_closed': {
        const c = confirmations.get(accountId);
        return c ? done(item, c.by, c.at) : open(item, 'confirmation_missing');
      }
      case 'recovery_contacts_updated': {
        const t = twoStep.get(accountId);
        if (!t || t.updatedAt <= start) return open(item, 'contacts_not_updated');
        const held =
          t.institutionOwned === 1 && (t.holderKeyholderId === incoming.keyholderId || (incoming.personId !== null && t.holderPersonId === incoming.personId));
        if (t.deviceId && !held) return open(item, 'phone_not_incoming');
        return done(item, t.updatedBy, t.updatedAt);
      }
      case 'seed_replaced': {
        const seed = seeds.get(accountId);
        if (!seed) return notApplicable(item);
        return seed.at > start && seed.by !== outgoing.keyholderId ? done(item, seed.by, seed.at) : open(item, 'seed_not_replaced');
      }
      case 'recovery_codes_replaced': {
        const set = codes.get(accountId);
        if (!set) return notApplicable(item);
        const fresh = set.every((c) => c.at > start && c.by !== outgoing.keyholderId);
        return fresh ? done(item, set.at(-1)!.by, set.at(-1)!.at) : open(item, 'codes_not_replaced');
      }
    }
  };
  const checklists = accounts.map((a) => ({ accountId: a.id, platform: a.platform, items: ALL.map((item) => judge(a.id, a.platform, item)) }));

  // HAND-3, with the departure plan's queries: a person not on the registry is matched by the keyholder alone.
  const exposures: ExposureFact[] = openItems(db, { personId: outgoing.personId ?? '', keyholderId: outgoing.keyholderId }).flatMap((i) =>
    EXPOSURE_KINDS[i.kind] && i.accountId ? [{ kind: EXPOSURE_KINDS[i.kind]!, accountId: i.accountId, ref: i.ref }] : [],
  );
  for (const e of exposures) if (e.kind === 'password') refs.push(['credential_versions', e.ref]);

  const leaving = outgoing.personId ? staffRow(db, outgoing.personId) : undefined;
  let departure: Checklist['departure'] = null;
  if (leaving?.status === 'leaving' && outgoing.personId) {
    refs.push(['staff', outgoing.personId]);
    departure = {
      personId: outgoing.personId,
      leavingAt: leaving.leavingAt!,
      items: departurePlan(db, { personId: outgoing.personId, keyholderId: outgoing.keyholderId }),
    };
    for (const i of departure.items) {
      refs.push(['departure_items', outgoing.personId, i.item]);
      if (i.kind === 'revoke_role') refs.push(['platform_roles', i.ref]);
      if (i.kind === 'return_device') refs.push(['devices', i.ref]);
    }
  }
  return {
    handover,
    outgoing,
    incoming,
    accounts: checklists,
    exposures,
    departure,
    progress: progressOf(checklists, exposures.length, departure),
    refs: dedupe(refs, db, outgoing.personId),
    rotated: after.filter((v) => v.appliedAt !== null).length,
  };
}

function progressOf(accounts: readonly AccountChecklist[], exposuresLeft: number, departure: Checklist['departure']): HandoverProgress {
  let itemsDone = 0;
  let itemsTotal = 0;
  let accountsLeft = 0;
  for (const a of accounts) {
    let open = false;
    for (const i of a.items) {
      if (i.state === 'not_applicable') continue;
      itemsTotal += 1;
      if (i.state === 'done') itemsDone += 1;
      else open = true;
    }
    if (open) accountsLeft += 1;
  }
  const departureLeft = departure ? departure.items.filter((i) => !i.done && !EXPOSURE_KINDS[i.kind]).length : 0;
  return { itemsDone, itemsTotal, accountsLeft, exposuresLeft, departureLeft, left: itemsTotal - itemsDone + exposuresLeft + departureLeft };
}

/**
 * Refs once each; departure items listed live but not kept (arose after the departure) have no
 * departure_items row to check.
 */
function dedupe(refs: RowRef[], db: Db, personId: string | null): RowRef[] {
  const kept = personId ? new Set(db.prepare('SELECT item FROM departure_items WHERE person_id = ?').pluck().all(personId) as string[]) : new Set<string>();
  const seen = new Set<string>();
  return refs.filter((r) => {
    if (r[0] === 'departure_items' && !kept.has(String(r[2]))) return false;
    const k = JSON.stringify(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
