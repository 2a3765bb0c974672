import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Services } from '../../main/services';
import type { Actor } from '../../main/services/vault/session';
import { appendEvent } from '../../main/vault/audit/log';
import { insertPerson } from '../../main/vault/repositories/people';
import { KNOWN } from '../fixtures/vault';
import { platformById } from '../../shared/platforms';
import { timeRuns } from './measure';

/**
 * departure_plan (issue 15): a departing person's checklist in the large vault (`accountIds` × 10
 * versions), among `people` people and `exposureCount` exposure records. The bulk (people known by
 * name, exposures) is written straight through the repositories, each batch bound to the event the
 * workflow itself would write (the vault still verifies); the departing person's own record,
 * roles, lists, phone and code go through the services, as the office would make them.
 */
export async function departurePlanFigure(
  services: Services,
  head: Actor,
  accountIds: readonly string[],
  options: { people: number; exposures: number; runs: number },
  log: (text: string) => void,
): Promise<{ n: number; times: number[] }> {
  const session = services.sessions.require();
  const db = services.vault.require();
  const s = services.sodium;
  const at = () => new Date().toISOString();
  const admin = { keyholderId: session.keyholderId, secretKey: session.signSecret };
  const emit = (action: string, subjects: Record<string, string>) => appendEvent(db, s, session.keys.audit, admin, { at: at(), action, subjects, details: {} });

  // The departing community manager, through the co-signed registration; everyone else known by name.
  const { requestId } = services.staff.proposeRegister(session, {
    profile: {
      names: 'Saliente',
      surnames: 'Prueba',
      documentId: 'BENCH0001',
      dependency: 'Prensa',
      link: 'contracted',
      email: `saliente.bench@${KNOWN.domain}`,
      mobile: '+51 987 000 333',
      function: 'community_manager',
      agreement: null,
      internalContactId: null,
      startDate: '2024-01-01',
    },
  });
  const leaver = services.cosign.approve(requestId, head).subjects.person!;
  const people = [leaver];
  db.transaction(() => {
    for (let i = 1; i < options.people; i++) {
      const id = randomUUID();
      insertPerson(db, s, session.keys.records, {
        id,
        name: `Persona ${i}`,
        email: `persona${i}.bench@${KNOWN.domain}`,
        createdBy: admin.keyholderId,
        createdAt: at(),
      });
      emit('person.registered', { person: id });
      people.push(id);
    }
  })();

  // Exposures: four in five are deliveries to the people (the leaver gets their share), one in five reveals by the keyholders.
  const versions = db.prepare('SELECT id FROM credential_versions').pluck().all() as string[];
  const keyholders = services.setup.status().keyholders.map((k) => k.id);
  const insert = db.prepare('INSERT INTO exposures (id, credential_version_id, keyholder_id, person_id, recorded_by, how, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const started = performance.now();
  const BATCH = 500;
  db.transaction(() => {
    for (let done = 0; done < options.exposures; done += BATCH) {
      const delivery = done < options.exposures * 0.8;
      for (let i = done; i < Math.min(done + BATCH, options.exposures); i++) {
        const version = versions[randomInt(versions.length)]!;
        if (delivery) insert.run(randomUUID(), version, null, people[i % people.length], admin.keyholderId, i % 2 ? 'in_person' : 'institutional_email', at());
        else insert.run(randomUUID(), version, keyholders[i % keyholders.length], null, admin.keyholderId, i % 2 ? 'revealed' : 'copied', at());
      }
      emit(delivery ? 'credential.delivered' : 'credential.revealed', {});
    }
  })();
  log(`${options.exposures.toLocaleString('en')} exposures written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // What else the leaver holds: roles on five accounts, two distribution lists, a recovery code, a phone.
  for (const accountId of accountIds.slice(0, 5)) {
    const role = platformById(services.accounts.get(accountId).platform)?.roles.find((r) => !r.admin);
    if (!role) continue;
    const { requestId: grant } = services.staff.proposeGrant(session, { accountId, personId: leaver, role: role.id });
    services.staff.confirmApplied(session, services.cosign.approve(grant, head).subjects.grant!);
  }
  for (const accountId of accountIds.slice(0, 2)) services.distribution.addRecipient(session, accountId, leaver);
  services.recovery.store(session, accountIds[0]!, Array.from({ length: 10 }, () => randomBytes(5).toString('hex')).join('\n'));
  services.recovery.deliver(session, { codeId: services.recovery.view(accountIds[0]!).codes[0]!.id, personId: leaver, channel: 'in_person' });
  services.twoStep.addDevice(session, { label: 'Teléfono de prensa', number: '+51 987 000 444', holderPersonId: leaver, institutionOwned: true });
  services.cosign.approve(services.staff.proposeDepart(session, { personId: leaver, date: '2026-11-30' }).requestId, head);

  const mine = db.prepare('SELECT count(*) FROM exposures WHERE person_id = ?').pluck().get(leaver) as number;
  const plan = services.departures.plan(leaver);
  const kinds = new Map<string, number>();
  for (const item of plan.items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
  log(`the leaver's ${mine} exposures of ${options.exposures.toLocaleString('en')}; checklist: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return { n: options.exposures, times: await timeRuns(options.runs, () => services.departures.plan(leaver)) };
}
