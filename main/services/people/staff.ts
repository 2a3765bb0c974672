import { randomUUID } from 'node:crypto';
import { platformRole } from '../../../shared/platforms';
import type { AccountExposure, GrantView, StaffDetail, StaffProfile, StaffSummary } from '../../../shared/staff';
import { sharesAccount } from '../../domain/platform-roles';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { accountKind, findAccount } from '../../vault/repositories/accounts';
import { listDevices } from '../../vault/repositories/devices';
import { findPerson, listPeople } from '../../vault/repositories/people';
import { findGrant, grantsOfPerson, liveGrants, markApplied, type GrantRow } from '../../vault/repositories/platform-roles';
import { keyholderLinks, keyholderOfPerson, staffProfileOf, staffRow, staffRows } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { personRegister } from '../cosign/kinds/person-register';
import { currentRecord, personUpdate } from '../cosign/kinds/person-update';
import { personDepart } from '../cosign/kinds/person-depart';
import { roleGrant } from '../cosign/kinds/role-grant';
import { roleRevoke } from '../cosign/kinds/role-revoke';
import { keyholderRefs } from '../distribution/people';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { departurePlan } from './departure-plan';
import { exposedToCurrent, exposuresOf } from './exposures';
import { openTasksOf, planView } from './plan-view';
import { assertAccountWritable } from '../lifecycle/guard';

/**
 * The staff registry and platform roles (issue 15; ROLE-1..5, LIFE-4): every registration,
 * change, departure, grant and revocation is a co-signed request (the workflow and the kinds
 * judge it); what this service adds is reading people back, confirming roles applied on the
 * platforms, and the keyholders who have no record yet.
 */
export class StaffService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly clock: Clock,
  ) {}

  private context() {
    return { db: this.vault.require(), s: this.s, keys: this.sessions.require().keys };
  }

  /** Everyone on record, and the keyholders who are not linked to a person yet. */
  list(): { people: StaffSummary[]; unlinkedKeyholders: { keyholderId: string; name: string; role: string }[] } {
    const { db, s, keys } = this.context();
    const rows = new Map(staffRows(db).map((r) => [r.personId, r]));
    const links = keyholderLinks(db);
    const open = openItemCounts(
      db,
      [...rows.values()].filter((r) => r.status === 'leaving').map((r) => r.personId),
      links.byPerson,
    );
    const people = listPeople(db, s, keys.records).map((p): StaffSummary => {
      const row = rows.get(p.id);
      const openItems = open.get(p.id) ?? 0;
      return {
        id: p.id,
        name: p.name,
        function: row?.function ?? null,
        link: row?.link ?? null,
        status: row?.status === 'leaving' ? (openItems === 0 ? 'departed' : 'leaving') : 'active',
        keyholderId: links.byPerson.get(p.id) ?? null,
        complete: row !== undefined,
        openItems,
      };
    });
    const unlinked = [...keyholderRefs(db, s, keys.records).values()]
      .filter((k) => !links.byKeyholder.has(k.keyholderId))
      .map((k) => ({ keyholderId: k.keyholderId, name: k.name, role: k.role }));
    return { people: people.sort((a, b) => a.name.localeCompare(b.name, 'es')), unlinkedKeyholders: unlinked };
  }

  detail(personId: string): StaffDetail {
    const { db, s, keys } = this.context();
    const person = findPerson(db, s, keys.records, personId);
    if (!person) throw new CustodiaError('PERSON_UNKNOWN');
    const row = staffRow(db, personId);
    const keyholderId = keyholderOfPerson(db, personId);
    const names = accountNamer(db, s, keys.records);
    const devices = listDevices(db, s, keys.records);
    const labels = new Map(devices.map((d) => [d.id, d.label]));
    // The checklist as the departure screen reads it: each item linked to the open request that settles it, phones by their label.
    const plan =
      row?.status === 'leaving'
        ? planView(db, names, { personId, keyholderId }, row.leavingAt!, openTasksOf(db, this.cosign.openRequests(), personId), (id) => labels.get(id) ?? id)
        : null;
    const openItems = plan ? plan.items.filter((i) => !i.done).length : 0;
    const contactId = row?.internalContactId ?? null;
    const exposures = exposuresOf(db, { personId, keyholderId }).map((e) => ({ ...e, ...names(e.accountId) }));
    const shared = new Map<string, StaffDetail['sharedAccountFlags'][number]>();
    for (const e of exposures)
      if (e.item === 'password' && e.current && sharesAccount(e.platform, row?.function ?? null))
        shared.set(e.accountId, { accountId: e.accountId, accountName: e.accountName, platform: e.platform });
    return {
      id: personId,
      name: person.name,
      email: person.email,
      function: row?.function ?? null,
      link: row?.link ?? null,
      status: row?.status === 'leaving' ? (openItems === 0 ? 'departed' : 'leaving') : 'active',
      keyholderId,
      complete: row !== undefined,
      openItems,
      profile: staffProfileOf(db, s, keys.records, personId),
      internalContact: contactId ? { id: contactId, name: findPerson(db, s, keys.records, contactId)?.name ?? '' } : null,
      leavingAt: row?.leavingAt ?? null,
      grants: grantsOfPerson(db, personId).map((g) => grantView(g, person.name, names)),
      exposures,
      sharedAccountFlags: [...shared.values()],
      devices: devices
        .filter((d) => d.holderPersonId === personId || (keyholderId !== null && d.holderKeyholderId === keyholderId))
        .map((d) => ({ id: d.id, label: d.label })),
      departure: plan && { personId, leavingAt: row!.leavingAt!, items: plan.items },
    };
  }

  /** Who has been shown or given an account's current password: people (deliveries) and keyholders (reveals, copies). */
  exposedToCurrent(accountId: string): AccountExposure {
    const { db, s, keys } = this.context();
    if (!accountKind(db, accountId)) throw new CustodiaError('ACCOUNT_UNKNOWN');
    const { personIds, keyholderIds } = exposedToCurrent(db, accountId);
    const keyholders = keyholderRefs(db, s, keys.records);
    const links = keyholderLinks(db);
    const ids = [...new Set([...personIds, ...keyholderIds.map((k) => links.byKeyholder.get(k)).filter((p): p is string => p !== undefined)])];
    const nameOf = (id: string) => findPerson(db, s, keys.records, id)?.name ?? '';
    const people = ids.map((id) => ({ id, name: nameOf(id) }));
    const names = accountNamer(db, s, keys.records);
    return {
      people: people.sort((a, b) => a.name.localeCompare(b.name, 'es')),
      keyholders: keyholderIds.flatMap((k) => (keyholders.has(k) ? [keyholders.get(k)!] : [])),
      grants: liveGrants(db, { accountId }).map((g) => grantView(g, nameOf(g.personId), names)),
    };
  }

  /** Formulario B, alta: a new person, or the record of a recipient or keyholder known only by name. */
  proposeRegister(actor: Actor, input: { profile: StaffProfile; personId?: string | undefined; keyholderId?: string | undefined; note?: string | undefined }) {
    const { db, s, keys } = this.context();
    const existing = input.personId ? findPerson(db, s, keys.records, input.personId) : undefined;
    if (input.personId && !existing) throw new CustodiaError('PERSON_UNKNOWN');
    const personId = existing?.id ?? randomUUID();
    return this.cosign.proposeChange(personRegister, actor, null, {
      personId,
      existing: existing !== undefined,
      keyholderId: input.keyholderId ?? null,
      name: `${input.profile.names} ${input.profile.surnames}`,
      email: input.profile.email,
      profile: input.profile,
      note: input.note ?? null,
    });
  }

  /** The distribution record's quick «new recipient»: the same co-signed request, name and e-mail only. */
  proposeRecipient(actor: Actor, input: { name: string; email: string }): { requestId: string; personId: string } {
    requireAction(actor, 'people.add');
    const personId = randomUUID();
    const { requestId } = this.cosign.proposeChange(personRegister, actor, null, {
      personId,
      existing: false,
      keyholderId: null,
      name: input.name,
      email: input.email,
      profile: null,
      note: null,
    });
    return { requestId, personId };
  }

  proposeUpdate(actor: Actor, input: { personId: string; profile: StaffProfile; note?: string | undefined }) {
    const from = currentRecord(this.context(), input.personId);
    return this.cosign.proposeChange(personUpdate, actor, null, {
      personId: input.personId,
      name: `${input.profile.names} ${input.profile.surnames}`,
      email: input.profile.email,
      profile: input.profile,
      from,
      note: input.note ?? null,
    });
  }

  proposeDepart(actor: Actor, input: { personId: string; date: string; note?: string | undefined }) {
    return this.cosign.proposeChange(personDepart, actor, null, { personId: input.personId, date: input.date, note: input.note ?? null });
  }

  proposeGrant(actor: Actor, input: { accountId: string; personId: string; role: string; note?: string | undefined }) {
    return this.cosign.proposeChange(roleGrant, actor, input.accountId, { personId: input.personId, role: input.role, note: input.note ?? null });
  }

  proposeRevoke(actor: Actor, input: { grantId: string; note?: string | undefined }) {
    const grant = findGrant(this.vault.require(), input.grantId);
    if (!grant) throw new CustodiaError('GRANT_UNKNOWN');
    return this.cosign.proposeChange(roleRevoke, actor, grant.accountId, { grantId: grant.id, personId: grant.personId, note: input.note ?? null });
  }

  /** The administrator made the authorized grant or revocation on the platform (as «aplicada» for passwords). */
  confirmApplied(actor: Actor, grantId: string): { state: 'active' | 'revoked' } {
    requireAction(actor, 'role.apply');
    const at = this.clock().toISOString();
    const { state, grant } = this.sessions.commit(
      (db) => {
        const grant = findGrant(db, grantId);
        if (!grant) throw new CustodiaError('GRANT_UNKNOWN');
        assertAccountWritable(db, grant.accountId, { withdrawal: grant.state === 'revoking' });
        const state = markApplied(db, grantId, at);
        if (state !== 'active' && state !== 'revoked') throw new CustodiaError('GRANT_NOT_AWAITING', { state: grant.state });
        return { state, grant };
      },
      ({ state, grant }) => ({
        at,
        action: 'role.applied',
        subjects: { account: grant.accountId, person: grant.personId, grant: grantId },
        details: { state },
      }),
      actor,
    );
    void grant;
    return { state };
  }
}

/** Names accounts for views, opening each once. */
export function accountNamer(db: Db, s: Sodium, key: Uint8Array) {
  const cache = new Map<string, { accountName: string; platform: GrantView['platform'] }>();
  return (accountId: string) => {
    let named = cache.get(accountId);
    if (!named) {
      const account = findAccount(db, s, key, accountId);
      named = { accountName: account?.displayName ?? '', platform: account?.platform ?? accountKind(db, accountId)?.platform ?? 'other' };
      cache.set(accountId, named);
    }
    return named;
  };
}

export function grantView(g: GrantRow, personName: string, names: ReturnType<typeof accountNamer>): GrantView {
  const { accountName, platform } = names(g.accountId);
  return {
    id: g.id,
    accountId: g.accountId,
    accountName,
    platform,
    personId: g.personId,
    personName,
    role: g.role,
    admin: platformRole(platform, g.role)?.admin ?? g.admin,
    state: g.state,
    grantedAt: g.grantedAt,
    revokedAt: g.revokedAt,
  };
}

function openItemCounts(db: Db, leaving: readonly string[], keyholderOf: Map<string, string>): Map<string, number> {
  return new Map(
    leaving.map((personId) => [personId, departurePlan(db, { personId, keyholderId: keyholderOf.get(personId) ?? null }).filter((i) => !i.done).length]),
  );
}
