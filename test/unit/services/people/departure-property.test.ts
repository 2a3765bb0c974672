import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../../main/domain/errors';
import type { Actor } from '../../../../main/services/vault/session';
import { platformById } from '../../../../shared/platforms';
import type { DeparturePlan } from '../../../../shared/staff';
import { freshSecret, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import { accountWithPassword, codeBlock, deliver, outsourcedWithAgreement, personOfKeyholder, profile, registerStaff, type Ctx } from './people.context';

/**
 * HAND-2, HAND-3 as a property: after any sequence of grants (applied or not), revocations,
 * reveals by keyholders, deliveries, recovery codes seen, handed over and replaced, rotations,
 * phones held and returned, and a departure followed by more of the same, the departing person's
 * open checklist is exactly what the raw role and exposure records say — computed here from the
 * tables, not by main/services/people/departure-plan.ts.
 */
let ctx: Ctx;
let contact: string;
let backupPerson: string;
beforeAll(async () => {
  ctx = await unlockedWithActors();
  contact = registerStaff(ctx, profile({ function: 'designer' }));
  backupPerson = personOfKeyholder(ctx.services, ctx.backup.keyholderId);
});
afterAll(() => ctx.services.close());

type Step =
  | { op: 'grant'; person: number; account: number; role: number; apply: boolean }
  | { op: 'revoke'; person: number; account: number; apply: boolean }
  | { op: 'confirmRole'; person: number; account: number }
  | { op: 'reveal'; keyholder: number; account: number }
  | { op: 'deliver' | 'unlist'; person: number; account: number }
  | { op: 'revealCode'; keyholder: number; account: number; code: number }
  | { op: 'deliverCode'; person: number; account: number; code: number }
  | { op: 'replaceCodes' | 'applyRotation'; account: number }
  | { op: 'rotate'; account: number; apply: boolean }
  | { op: 'hold'; person: number; byKeyholder: boolean }
  | { op: 'giveBack'; device: number }
  | { op: 'tasks'; apply: boolean };

const person = fc.nat(1);
const account = fc.nat(1);
/** Weighted towards what exposes a person, so that most departures have something to settle. */
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('grant' as const), person, account, role: fc.nat(5), apply: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('revoke' as const), person, account, apply: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('confirmRole' as const), person, account }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reveal' as const), keyholder: fc.nat(2), account }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('deliver' as const, 'deliver' as const, 'unlist' as const), person, account }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revealCode' as const), keyholder: fc.nat(2), account, code: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deliverCode' as const), person, account, code: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replaceCodes' as const), account }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('applyRotation' as const), account }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rotate' as const), account, apply: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('hold' as const), person, byKeyholder: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('giveBack' as const), device: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tasks' as const), apply: fc.boolean() }) },
);

interface World {
  people: string[];
  accounts: string[];
  devices: { id: string; holder: string }[];
  leaving: string | null;
}

/** Refusals by the rules are outcomes; a row found altered, or anything untyped, fails the property. */
function attempt(act: () => unknown): void {
  try {
    act();
  } catch (error) {
    if (!(error instanceof CustodiaError) || ['VAULT_TAMPERED', 'RECORD_TAMPERED', 'COSIGN_INTEGRITY'].includes(error.code)) throw error;
  }
}

const liveGrant = (accountId: string, personId: string) =>
  ctx.services.vault
    .require()
    .prepare("SELECT id, state FROM platform_roles WHERE account_id = ? AND person_id = ? AND state <> 'revoked'")
    .get(accountId, personId) as { id: string; state: string } | undefined;

function run(s: Step, w: World): void {
  const { services, admin, head, backup } = ctx;
  const keyholders: Actor[] = [admin, backup, head];
  const p = 'person' in s ? w.people[s.person]! : '';
  const a = 'account' in s ? w.accounts[s.account]! : '';
  const code = (n: number) => services.recovery.view(a).codes[n % services.recovery.view(a).codes.length]?.id ?? '';
  switch (s.op) {
    case 'grant': {
      const roles = platformById(services.accounts.get(a).platform)!.roles;
      const { requestId } = services.staff.proposeGrant(admin, { accountId: a, personId: p, role: roles[s.role % roles.length]!.id });
      const grant = services.cosign.approve(requestId, head).subjects.grant!;
      if (s.apply) services.staff.confirmApplied(admin, grant);
      return;
    }
    case 'revoke': {
      const grant = liveGrant(a, p);
      if (!grant) return;
      services.cosign.approve(services.staff.proposeRevoke(admin, { grantId: grant.id }).requestId, head);
      if (s.apply) services.staff.confirmApplied(admin, grant.id);
      return;
    }
    case 'confirmRole': {
      const grant = liveGrant(a, p);
      if (grant) services.staff.confirmApplied(admin, grant.id);
      return;
    }
    case 'reveal':
      services.credentials.reveal(keyholders[s.keyholder]!, a);
      return;
    case 'deliver':
      deliver(ctx, a, p);
      return;
    case 'unlist':
      services.distribution.removeRecipient(admin, a, p);
      return;
    case 'revealCode':
      services.recovery.reveal(keyholders[s.keyholder]!, code(s.code));
      return;
    case 'deliverCode':
      services.recovery.deliver(admin, { codeId: code(s.code), personId: p, channel: 'institutional_email' });
      return;
    case 'replaceCodes':
      services.cosign.approve(services.recovery.proposeReplacement(admin, a, codeBlock()).requestId, head);
      return;
    case 'rotate':
      if (s.apply) rotateApplied(ctx, a);
      else services.cosign.approve(services.cosign.propose(admin, { accountId: a, secret: freshSecret(), reason: 'scheduled' }).requestId, head);
      return;
    case 'applyRotation':
      services.rotation.confirmApplied(admin, a);
      return;
    case 'hold': {
      const holder = s.byKeyholder ? { holderKeyholderId: backup.keyholderId } : { holderPersonId: p };
      const { deviceId } = services.twoStep.addDevice(admin, { label: 'Teléfono de guardia', number: '+51 987 000 222', institutionOwned: true, ...holder });
      w.devices.push({ id: deviceId, holder: s.byKeyholder ? backupPerson : p });
      return;
    }
    case 'giveBack': {
      const device = w.devices[s.device % Math.max(1, w.devices.length)];
      if (device) services.departures.returnDevice(admin, { deviceId: device.id, personId: device.holder });
      return;
    }
    case 'tasks': {
      if (!w.leaving) return;
      for (const requestId of services.departures.proposeTasks(admin, w.leaving).requestIds) attempt(() => services.cosign.approve(requestId, head));
      if (!s.apply) return;
      for (const accountId of w.accounts) attempt(() => services.rotation.confirmApplied(admin, accountId));
      for (const g of services.staff.detail(w.leaving).grants) if (g.state === 'revoking') services.staff.confirmApplied(admin, g.id);
      return;
    }
  }
}

type Rows<T> = T[];
const all = <T>(sql: string): Rows<T> => ctx.services.vault.require().prepare(sql).all() as T[];

/** The open checklist from the raw records: each table read whole, the rules written out here. */
function expectedOpen(personId: string, keyholderId: string | null): string[] {
  const mine = (r: { person_id: string | null; keyholder_id?: string | null }) =>
    r.person_id === personId || (keyholderId !== null && r.keyholder_id === keyholderId);
  const accounts = new Map(
    all<{ id: string; status: string; current: string | null }>('SELECT id, status, current_version_id AS current FROM accounts').map((r) => [r.id, r]),
  );
  const versions = new Map(all<{ id: string; account_id: string; n: number }>('SELECT id, account_id, n FROM credential_versions').map((r) => [r.id, r]));
  const sets = new Set(all<{ set_id: string }>('SELECT set_id FROM recovery_codes').map((r) => r.set_id));
  const seeds = new Set(all<{ account_id: string; version: number }>('SELECT account_id, version FROM totp_seeds').map((r) => `${r.account_id}:${r.version}`));
  const items = [
    ...all<{ id: string; person_id: string; state: string }>('SELECT id, person_id, state FROM platform_roles')
      .filter((r) => r.person_id === personId && r.state !== 'revoked')
      .map((r) => `revoke_role:${r.id}`),
    ...all<{ credential_version_id: string; person_id: string | null; keyholder_id: string | null }>(
      'SELECT credential_version_id, person_id, keyholder_id FROM exposures',
    )
      .filter(mine)
      .map((r) => versions.get(r.credential_version_id)!)
      .filter((v) => accounts.get(v.account_id)?.current === v.id && accounts.get(v.account_id)?.status === 'active')
      .map((v) => `rotate_password:${v.account_id}:v${v.n}`),
    ...all<{ account_id: string; set_id: string; person_id: string | null; keyholder_id: string | null }>(
      'SELECT account_id, set_id, person_id, keyholder_id FROM code_exposures',
    )
      .filter((r) => mine(r) && sets.has(r.set_id))
      .map((r) => `replace_recovery_codes:${r.account_id}:${r.set_id}`),
    ...all<{ account_id: string; seed_version: number; shown_by: string | null }>('SELECT account_id, seed_version, shown_by FROM totp_exports')
      .filter((r) => keyholderId !== null && r.shown_by === keyholderId && seeds.has(`${r.account_id}:${r.seed_version}`))
      .map((r) => `replace_seed:${r.account_id}:v${r.seed_version}`),
    ...all<{ account_id: string; person_id: string }>('SELECT account_id, person_id FROM account_recipients')
      .filter((r) => r.person_id === personId)
      .map((r) => `remove_recipient:${r.account_id}`),
    ...all<{ id: string; person_id: string | null; keyholder_id: string | null }>(
      'SELECT id, holder_person_id AS person_id, holder_keyholder_id AS keyholder_id FROM devices',
    )
      .filter(mine)
      .map((r) => `return_device:${r.id}`),
  ];
  return [...new Set(items)].sort();
}

function key(i: DeparturePlan['items'][number]): string {
  if (i.kind === 'revoke_role') return `revoke_role:${i.grantId}`;
  if (i.kind === 'rotate_password' || i.kind === 'replace_seed') return `${i.kind}:${i.accountId}:v${i.version}`;
  if (i.kind === 'replace_recovery_codes') return `${i.kind}:${i.accountId}:${i.setId}`;
  if (i.kind === 'remove_recipient') return `${i.kind}:${i.accountId}`;
  return `return_device:${i.deviceId}`;
}

let withItems = 0;

describe('a departing person’s checklist (HAND-2, HAND-3)', () => {
  it('equals, at the departure and after what follows it, the set computed from the role and exposure records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 6, maxLength: 16 }),
        fc.nat(1),
        fc.array(step, { minLength: 4, maxLength: 12 }),
        async (before, leaverIndex, after) => {
          const { services, admin, head } = ctx;
          const w: World = {
            // Two people and two accounts: small enough that steps meet on the same ones.
            people: [outsourcedWithAgreement(ctx, contact), registerStaff(ctx, profile({ function: 'backup_administrator' }))],
            accounts: (['facebook', 'youtube'] as const).map((platform) => accountWithPassword(ctx, platform)),
            devices: [],
            leaving: null,
          };
          for (const a of w.accounts) services.recovery.store(admin, a, codeBlock());
          for (const s of before) attempt(() => run(s, w));
          const leaver = w.people[leaverIndex]!;
          services.cosign.approve(services.staff.proposeDepart(admin, { personId: leaver, date: '2026-11-30' }).requestId, head);
          w.leaving = leaver;
          const atDeparture = expectedOpen(leaver, null);
          const plan = () => services.departures.plan(leaver).items;
          expect(plan().map(key).sort()).toEqual(atDeparture);
          expect(plan().every((i) => !i.done)).toBe(true);
          if (atDeparture.length > 0) withItems += 1;
          for (const s of after) attempt(() => run(s, w));
          const now = expectedOpen(leaver, null);
          expect(
            plan()
              .filter((i) => !i.done)
              .map(key)
              .sort(),
          ).toEqual(now);
          // What was listed at the departure stays on the list, done or not; what arose since joins it.
          expect(plan().map(key).sort()).toEqual([...new Set([...atDeparture, ...now])].sort());
          expect(services.staff.list().people.find((p) => p.id === leaver)).toMatchObject({
            status: now.length === 0 ? 'departed' : 'leaving',
            openItems: now.length,
          });
        },
      ),
      { numRuns: 20 },
    );
    // Not a vacuous property: departures with something to settle (about three in four are expected).
    expect(withItems).toBeGreaterThanOrEqual(5);
    expect(ctx.services.integrity.verify().ok).toBe(true);
    expect(ctx.services.audit.verify().ok).toBe(true);
  }, 240_000);
});
