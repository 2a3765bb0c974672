import { platformById } from '../../../shared/platforms';
import type { ActaResult, HandoverAccountView, HandoverExposureView, HandoverParty, HandoverPlanView, HandoverSummary } from '../../../shared/handover';
import type { DepartureItem } from '../../../shared/staff';
import { CustodiaError } from '../../domain/errors';
import { lastEvent } from '../../vault/audit/log';
import type { Db } from '../../vault/db';
import { readRoster } from '../../vault/integrity/roster';
import { publicKeyFingerprint } from '../../vault/keyring';
import { readInstitution } from '../../vault/repositories/institution';
import { listKeyholders } from '../../vault/repositories/keyholders';
import { findPerson } from '../../vault/repositories/people';
import { staffProfileOf } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { keyholderRefs } from '../distribution/people';
import { paperForm, type IntegrityService } from '../integrity/integrity';
import { openTasksOf, planView } from '../people/plan-view';
import { accountNamer } from '../people/staff';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { writeActa, type ActaData, type ActaParty } from './acta';
import { handoverChecklist, type Checklist, type Who } from './plan';
import { confirmationExists, findHandover, insertConfirmation, listHandovers } from './records';
import { assertAccountWritable } from '../lifecycle/guard';

/** Asks where to save a file (Electron's save dialog in the app); null when the person cancels. */
export type SavePathPort = (suggestedName: string) => Promise<string | null>;

/**
 * Refuses the completion of a handover while anything is left (HAND-1, HAND-3): called by the
 * `keyholder.revoke` kind inside its approval's transaction, with the kind's services. The rows the
 * checklist is judged on are checked against the signed log first (a confirmation or grant forged
 * with sqlite3 is tampering, never a tick). Names what is left in the error's details.
 */
export function assertHandoverComplete(db: Db, handoverId: string, integrity: Pick<IntegrityService, 'assertRows'>): void {
  const checklist = handoverChecklist(db, handoverId);
  if (!checklist) throw new CustodiaError('HANDOVER_UNKNOWN', undefined, 'HAND-1');
  integrity.assertRows(checklist.refs);
  if (checklist.handover.status !== 'open') throw new CustodiaError('HANDOVER_COMPLETED', undefined, 'HAND-1');
  const { progress } = checklist;
  if (progress.left === 0) return;
  const openItems = checklist.accounts.flatMap((a) =>
    a.items.filter((i) => i.state === 'open').map((i) => ({ account: a.accountId, item: i.item, missing: i.missing })),
  );
  throw new CustodiaError(
    'HANDOVER_INCOMPLETE',
    {
      items: progress.itemsTotal - progress.itemsDone,
      accounts: progress.accountsLeft,
      exposures: progress.exposuresLeft,
      departureItems: progress.departureLeft,
      // The first ones, enough for the refusal to say where to go; the checklist has them all.
      left: openItems.slice(0, 20),
      exposed: checklist.exposures.slice(0, 20).map((e) => ({ account: e.accountId, kind: e.kind })),
    },
    progress.itemsTotal > progress.itemsDone || progress.departureLeft > 0 ? 'HAND-1' : 'HAND-3',
  );
}

/**
 * The administrator handover (issue 16; HAND-1, HAND-3): the checklist as screens and the home
 * read it, the one item confirmed by hand (sessions closed on the platform), and the acta. The
 * handover itself is opened and completed by the co-signed keyholder kinds.
 */
export class HandoverService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: Pick<CosignService, 'openRequests'>,
    private readonly integrity: Pick<IntegrityService, 'assertRows'>,
    private readonly clock: Clock,
    private readonly savePath?: SavePathPort,
  ) {}

  /** Every handover, newest first, with its progress. */
  list(): HandoverSummary[] {
    const db = this.vault.require();
    const names = this.names(db);
    return listHandovers(db).map((h) => this.summary(handoverChecklist(db, h.id)!, names));
  }

  /** The handovers in progress (the home screen's outstanding items). */
  current(): HandoverSummary[] {
    return this.list().filter((h) => h.status === 'open');
  }

  plan(handoverId: string): HandoverPlanView {
    const db = this.vault.require();
    const checklist = handoverChecklist(db, handoverId);
    if (!checklist) throw new CustodiaError('HANDOVER_UNKNOWN', undefined, 'HAND-1');
    const names = this.names(db);
    const accountName = accountNamer(db, this.s, this.sessions.require().keys.records);
    const accounts: HandoverAccountView[] = checklist.accounts
      .map((a) => {
        const items = a.items.map((i) => ({ ...i, by: i.by ? names.party(i.by) : null }));
        const applicable = items.filter((i) => i.state !== 'not_applicable');
        return {
          accountId: a.accountId,
          ...accountName(a.accountId),
          items,
          done: applicable.filter((i) => i.state === 'done').length,
          total: applicable.length,
        };
      })
      .sort((a, b) => a.accountName.localeCompare(b.accountName, 'es'));
    const exposures: HandoverExposureView[] = checklist.exposures.map((e) => ({
      kind: e.kind,
      accountId: e.accountId,
      ...accountName(e.accountId),
      version: this.versionOf(db, e),
    }));
    return {
      ...this.summary(checklist, names),
      accounts,
      exposures,
      departure: this.departure(db, checklist),
      complete: checklist.progress.left === 0,
    };
  }

  /**
   * The incoming keyholder (or the head) confirms the open sessions of an account were closed on
   * the platform (MITIC 6.1.1.III): the only item ticked by hand, recorded once and audited.
   */
  confirmSessions(actor: Actor, handoverId: string, accountId: string): null {
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const handover = findHandover(db, handoverId);
        if (!handover) throw new CustodiaError('HANDOVER_UNKNOWN', undefined, 'HAND-1');
        const mayConfirm = actor.keyholderId === handover.incomingKeyholderId || (actor.role === 'head' && actor.keyholderId !== handover.outgoingKeyholderId);
        if (!mayConfirm) throw new CustodiaError('HANDOVER_ACTOR', { role: actor.role }, 'HAND-1');
        if (handover.status !== 'open') throw new CustodiaError('HANDOVER_COMPLETED', undefined, 'HAND-1');
        const status = db.prepare('SELECT status FROM accounts WHERE id = ?').pluck().get(accountId) as string | undefined;
        if (status === undefined) throw new CustodiaError('ACCOUNT_UNKNOWN', undefined, 'HAND-1');
        assertAccountWritable(db, accountId);
        if (confirmationExists(db, handoverId, accountId)) throw new CustodiaError('HANDOVER_CONFIRMED', undefined, 'HAND-1');
        insertConfirmation(db, { handoverId, accountId, by: actor.keyholderId, at });
      },
      () => ({ at, action: 'handover.sessions_confirmed', subjects: { handover: handoverId, account: accountId }, details: {} }),
      actor,
    );
    return null;
  }

  /** Writes the acta to `path` (tests, and the app once its save dialog chose one). Draft («borrador») while open. */
  async acta(handoverId: string, options: { path: string }): Promise<void> {
    await writeActa(this.actaData(handoverId), options.path);
  }

  /** The acta saved where the person chooses in the save dialog (the renderer never names a path). */
  async saveActa(handoverId: string): Promise<ActaResult> {
    const data = this.actaData(handoverId);
    if (!this.savePath) return { saved: false };
    const day = (data.completedAt ?? data.generatedAt).slice(0, 10);
    const path = await this.savePath(`acta-entrega-${data.institution.acronym.replace(/[^\w-]/g, '')}-${day}${data.completed ? '' : '-borrador'}.pdf`);
    if (!path) return { saved: false };
    await writeActa(data, path);
    return { saved: true };
  }

  /** What the acta states, from rows checked against the signed log (a document people sign). */
  actaData(handoverId: string): ActaData {
    const db = this.vault.require();
    const key = this.sessions.require().keys.records;
    const checklist = handoverChecklist(db, handoverId);
    if (!checklist) throw new CustodiaError('HANDOVER_UNKNOWN', undefined, 'HAND-1');
    this.integrity.assertRows(checklist.refs);
    const institution = readInstitution(db, this.s, key);
    if (!institution) throw new CustodiaError('VAULT_CORRUPT', { part: 'institution' });
    const names = this.names(db);
    const roster = readRoster(db, this.s);
    const keyholders = listKeyholders(db);
    const party = (keyholderId: string, role: ActaParty['role']): ActaParty => {
      const k = keyholders.find((x) => x.id === keyholderId);
      const who = names.party(keyholderId);
      const signed = roster?.get(keyholderId)?.key;
      return {
        role,
        name: who.name,
        documentId: who.personId ? (staffProfileOf(db, this.s, key, who.personId)?.documentId ?? null) : null,
        fingerprint: signed ? publicKeyFingerprint(this.s, this.s.from_hex(signed)) : k ? publicKeyFingerprint(this.s, k.signPublicKey) : '—',
      };
    };
    const { handover } = checklist;
    // The third signatory: the head, or in a head's own handover the account administrator.
    const witnessRole = handover.role === 'head' ? 'administrator' : 'head';
    const witness = keyholders.find(
      (k) => k.status === 'active' && k.role === witnessRole && k.id !== handover.outgoingKeyholderId && k.id !== handover.incomingKeyholderId,
    );
    const accountName = accountNamer(db, this.s, key);
    const label = (accountId: string) => {
      const named = accountName(accountId);
      return { name: named.accountName, platform: platformById(named.platform)?.label ?? named.platform };
    };
    const departure = this.departure(db, checklist);
    const head = lastEvent(db);
    const hash = this.s.to_hex(head.hash);
    return {
      institution: { name: institution.name, acronym: institution.acronym, timeZone: institution.timeZone },
      role: handover.role,
      completed: handover.status === 'completed',
      startedAt: handover.startedAt,
      completedAt: handover.completedAt,
      generatedAt: this.clock().toISOString(),
      outgoing: party(handover.outgoingKeyholderId, handover.role),
      incoming: party(handover.incomingKeyholderId, handover.role),
      witness: witness ? party(witness.id, witnessRole) : { role: witnessRole, name: '—', documentId: null, fingerprint: '—' },
      accounts: checklist.accounts
        .map((a) => ({
          ...label(a.accountId),
          items: a.items.map((i) => ({ item: i.item, state: i.state, by: i.by ? names.party(i.by).name : null, at: i.at, missing: i.missing })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'es')),
      exposures: checklist.exposures.map((e) => ({ account: label(e.accountId).name, kind: e.kind, version: this.versionOf(db, e) })),
      departure: departure && {
        done: departure.items.filter((i) => i.done).length,
        total: departure.items.length,
        open: departure.items.filter((i) => !i.done).map(describeDepartureItem),
      },
      rotated: checklist.rotated,
      chain: { seq: head.seq, hash, short: paperForm(hash) },
    };
  }

  private summary(c: Checklist, names: ReturnType<HandoverService['names']>): HandoverSummary {
    const h = c.handover;
    return {
      handoverId: h.id,
      role: h.role,
      status: h.status,
      startedAt: h.startedAt,
      completedAt: h.completedAt,
      outgoing: names.party(h.outgoingKeyholderId),
      incoming: names.party(h.incomingKeyholderId),
      progress: c.progress,
    };
  }

  /** The departure checklist as the Personal screens show it, each item linked to the open request that settles it. */
  private departure(db: Db, c: Checklist): HandoverPlanView['departure'] {
    if (!c.departure) return null;
    const who: Who = c.outgoing;
    return planView(
      db,
      accountNamer(db, this.s, this.sessions.require().keys.records),
      { personId: c.departure.personId, keyholderId: who.keyholderId },
      c.departure.leavingAt,
      openTasksOf(db, this.cosign.openRequests(), c.departure.personId),
    );
  }

  private versionOf(db: Db, e: Checklist['exposures'][number]): number | null {
    if (e.kind === 'recovery_codes') return null;
    if (e.kind === 'seed') return Number(e.ref);
    return (db.prepare('SELECT n FROM credential_versions WHERE id = ?').pluck().get(e.ref) as number | undefined) ?? null;
  }

  /** Keyholders named by their person on the registry when linked, else by their own sealed name. */
  private names(db: Db) {
    const key = this.sessions.require().keys.records;
    const keyholders = keyholderRefs(db, this.s, key);
    const links = new Map(
      (db.prepare('SELECT keyholder_id AS k, person_id AS p FROM keyholder_people').all() as { k: string; p: string }[]).map((r) => [r.k, r.p]),
    );
    const cache = new Map<string, HandoverParty>();
    return {
      party: (keyholderId: string): HandoverParty => {
        let p = cache.get(keyholderId);
        if (!p) {
          const personId = links.get(keyholderId) ?? null;
          const name = (personId ? findPerson(db, this.s, key, personId)?.name : undefined) ?? keyholders.get(keyholderId)?.name ?? '';
          p = { keyholderId, personId, name };
          cache.set(keyholderId, p);
        }
        return p;
      },
    };
  }
}

const DEPARTURE_ES: Readonly<Record<DepartureItem['kind'], string>> = {
  revoke_role: 'retirar el rol',
  rotate_password: 'cambiar la contraseña',
  replace_recovery_codes: 'reemplazar los códigos de recuperación',
  replace_seed: 'reemplazar la semilla de dos pasos',
  remove_recipient: 'quitar de la lista de distribución',
  return_device: 'devolver el teléfono institucional',
};

function describeDepartureItem(i: DepartureItem): string {
  return 'accountName' in i ? `${i.accountName}: ${DEPARTURE_ES[i.kind]}` : `${i.label}: ${DEPARTURE_ES[i.kind]}`;
}
