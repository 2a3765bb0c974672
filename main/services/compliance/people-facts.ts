import type { StaffStatus } from '../../../shared/staff';
import { platformById } from '../../../shared/platforms';
import { isAdminFunction, isDirectLink } from '../../../shared/staff';
import type { PersonFacts } from '../../domain/compliance';
import type { Db } from '../../vault/db';
import { keyholderLinks } from '../../vault/repositories/staff';
import { handoverChecklist } from '../handover/plan';
import type { RowRef } from '../integrity/integrity';
import { departurePlan } from '../people/departure-plan';
import { group } from './account-facts';
import { keyholderRoles, liveGrantRows, openHandoverIds, staffFacts } from './reads';

/** HAND-1..HAND-3 as they bear on accounts: who is leaving and what they still hold or saw, and open handovers' items per account. */
export interface Departures {
  leavingHolders: Map<string, { personId: string; overdue: boolean }[]>;
  leavingExposed: Map<string, { personId: string; overdue: boolean }[]>;
  handoverOf(accountId: string): { handoverId: string; openItems: number } | null;
}

const ROLE_ITEMS = new Set(['revoke_role', 'remove_recipient', 'return_device']);
const EXPOSURE_ITEMS = new Set(['rotate_password', 'replace_recovery_codes', 'replace_seed']);

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Every person of the registry (with a Formulario B or known only by name), their roles, what they
 * hold, their departure checklist (main/services/people/departure-plan.ts) and the open handovers'
 * checklists (main/services/handover/plan.ts), read as those screens read them.
 */
export function peopleFacts(
  db: Db,
  today: string,
  /** The password holders per account, as the accounts' reads hold them (./account-facts.ts): read once for both. */
  holdersOf: ReadonlyMap<string, readonly { accountId: string; personId: string }[]>,
): { facts: { facts: PersonFacts; status: StaffStatus }[]; departures: Departures; refs: RowRef[] } {
  const staff = new Map(staffFacts(db).map((r) => [r.personId, r]));
  const links = keyholderLinks(db);
  const roles = keyholderRoles(db);
  const platforms = new Map((db.prepare('SELECT id, platform FROM accounts').raw().all() as [string, string][]).map(([id, p]) => [id, p]));
  const grants = liveGrantRows(db);
  const adminOf = (g: (typeof grants)[number]) => platformById(platforms.get(g.accountId) ?? '')?.roles.find((r) => r.id === g.role)?.admin ?? g.admin === 1;
  const grantsByAccount = group(grants, (g) => g.accountId);
  const grantsByPerson = group(grants, (g) => g.personId);
  // In account order, as one query over every account returns them.
  const byAccount = [...holdersOf].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const holdings = group(
    byAccount.flatMap(([, list]) => list),
    (h) => h.personId,
  );
  const refs: RowRef[] = [...links.byKeyholder.keys()].map((k): RowRef => ['keyholder_people', k]);

  // Open handovers (one per role at most): their items per account, and who is handing over to whom.
  const handoverByAccount = new Map<string, { handoverId: string; openItems: number }>();
  const handoverByPerson = new Map<string, { handoverId: string; left: number }>();
  for (const id of openHandoverIds(db)) {
    const checklist = handoverChecklist(db, id);
    if (!checklist) continue;
    refs.push(...checklist.refs);
    for (const a of checklist.accounts) {
      const open = a.items.filter((item) => item.state === 'open').length;
      const before = handoverByAccount.get(a.accountId);
      handoverByAccount.set(a.accountId, {
        handoverId: before && before.openItems > open ? before.handoverId : id,
        openItems: (before?.openItems ?? 0) + open,
      });
    }
    for (const who of [checklist.outgoing.personId, checklist.incoming.personId])
      if (who) handoverByPerson.set(who, { handoverId: id, left: checklist.progress.left });
  }

  const departures: Departures = { leavingHolders: new Map(), leavingExposed: new Map(), handoverOf: (accountId) => handoverByAccount.get(accountId) ?? null };
  const facts: { facts: PersonFacts; status: StaffStatus }[] = [];
  for (const personId of db.prepare('SELECT id FROM people').pluck().all() as string[]) {
    const row = staff.get(personId);
    let departure: PersonFacts['departure'] = null;
    if (row?.status === 'leaving') {
      const overdue = (row.leavingAt ?? '').slice(0, 10) < today;
      const open = departurePlan(db, { personId, keyholderId: links.byPerson.get(personId) ?? null }).filter((i) => !i.done);
      departure = {
        overdue,
        roleItems: open.filter((i) => ROLE_ITEMS.has(i.kind)).length,
        exposureItems: open.filter((i) => EXPOSURE_ITEMS.has(i.kind)).length,
      };
      for (const i of open) {
        if (i.accountId === null) continue;
        if (i.kind === 'revoke_role') push(departures.leavingHolders, i.accountId, { personId, overdue });
        if (EXPOSURE_ITEMS.has(i.kind)) push(departures.leavingExposed, i.accountId, { personId, overdue });
      }
    }
    const contact = row?.contactId ? staff.get(row.contactId) : undefined;
    const held = grantsByPerson.get(personId) ?? [];
    const fn = row?.function ?? null;
    const mine = holdings.get(personId) ?? [];
    facts.push({
      status: departure === null ? 'active' : departure.roleItems + departure.exposureItems > 0 ? 'leaving' : 'departed',
      facts: {
        personId,
        complete: row !== undefined,
        function: fn,
        link: row?.link ?? null,
        hasAgreement: row?.hasAgreement === 1,
        contactOk: contact !== undefined && isDirectLink(contact.link) && contact.status === 'active',
        keyholderRole: roles.get(personId) ?? null,
        grants: held.map((g) => {
          const admin = adminOf(g);
          const others = (grantsByAccount.get(g.accountId) ?? []).filter((o) => o.personId !== personId && adminOf(o));
          return { accountId: g.accountId, admin, functionRepeated: admin && fn !== null && others.some((o) => staff.get(o.personId)?.function === fn) };
        }),
        // ROLE-5 as the person's page flags it (main/domain/platform-roles.ts sharesAccount): administrators excepted.
        sharedPasswords: mine
          .filter((h) => platformById(platforms.get(h.accountId) ?? '')?.multiUser === true && !(fn !== null && isAdminFunction(fn)))
          .map((h) => ({ accountId: h.accountId })),
        exposedCurrent: mine.length > 0,
        departure,
        handover: handoverByPerson.get(personId) ?? null,
      },
    });
  }
  return { facts, departures, refs };
}
