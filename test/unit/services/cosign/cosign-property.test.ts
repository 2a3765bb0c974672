import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../../main/domain/errors';
import type { Actor } from '../../../../main/services/vault/session';
import { ACCOUNTS, freshSecret, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let actors: Actor[];
let accounts: string[];
beforeAll(async () => {
  ctx = await unlockedWithActors();
  actors = [ctx.admin, ctx.head, ctx.backup];
  accounts = ['A', 'B', 'C'].map((n) => registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: `Cuenta ${n}` }));
});
afterAll(() => ctx.services.close());

type Step =
  | { op: 'propose'; actor: number; account: number; secret: string }
  | { op: 'approve' | 'reject'; actor: number; request: number }
  | { op: 'reveal' | 'apply'; actor: number; account: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  // a fresh strong password, an earlier one again (POL-3), or arbitrary text (mostly POL-1/POL-2)
  fc.record({
    op: fc.constant('propose' as const),
    actor: fc.nat(2),
    account: fc.nat(2),
    secret: fc.oneof(fc.constant('fresh'), fc.constant('earlier'), fc.string({ minLength: 1, maxLength: 40 })),
  }),
  fc.record({ op: fc.constantFrom('approve' as const, 'reject' as const), actor: fc.nat(2), request: fc.nat(20) }),
  fc.record({ op: fc.constantFrom('reveal' as const, 'apply' as const, 'apply' as const), actor: fc.nat(2), account: fc.nat(2) }),
);

/** Runs a step; refusals by the rules are expected outcomes, anything else is a failure. */
const used: string[] = [];

function secretFor(choice: string): string {
  const secret = choice === 'fresh' ? freshSecret() : choice === 'earlier' && used.length > 0 ? used[used.length - 1]! : choice;
  used.push(secret);
  return secret;
}

function run(s: Step, requests: string[]): void {
  const { cosign, credentials } = ctx.services;
  const actor = actors[s.actor]!;
  try {
    if (s.op === 'propose')
      requests.push(cosign.propose(actor, { accountId: accounts[s.account]!, secret: secretFor(s.secret), reason: 'scheduled' }).requestId);
    else if ('account' in s) {
      if (s.op === 'reveal') credentials.reveal(actor, accounts[s.account]!);
      else ctx.services.rotation.confirmApplied(actor, accounts[s.account]!);
    } else if (requests.length > 0) {
      const request = requests[s.request % requests.length]!;
      if (s.op === 'approve') cosign.approve(request, actor);
      else cosign.reject(request, actor, 'motivo');
    }
  } catch (error) {
    if (!(error instanceof CustodiaError)) throw error;
    // One open request per account (issue 13): the refusal names the open one, which the sequence may then decide.
    if (error.code === 'COSIGN_DUPLICATE' && typeof error.details?.requestId === 'string') requests.push(error.details.requestId);
    expect([
      'COSIGN_ROLE',
      'COSIGN_SELF_APPROVAL',
      'COSIGN_DECIDED',
      'CREDENTIAL_NONE',
      'POLICY_VIOLATION',
      'CREDENTIAL_AWAITING_APPLY',
      'CREDENTIAL_NOT_AUTHORIZED',
      'ACTION_ROLE',
      'COSIGN_DUPLICATE',
    ]).toContain(error.code);
  }
}

describe('co-sign invariants under random sequences (fast-check)', () => {
  it('every current version carries two valid signatures from two different keyholders, no password repeats, and the audit chain verifies', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const requests: string[] = [];
        for (const s of steps) run(s, requests);
        for (const accountId of accounts) {
          const detail = ctx.services.accounts.get(accountId);
          // At most one authorized version waits to be applied; the current one is the last applied.
          expect(detail.versions.filter((v) => v.appliedAt === null).length).toBeLessThanOrEqual(1);
          const current = detail.versions.find((v) => v.n === detail.currentVersion);
          if (!current) continue;
          expect(current.appliedBy?.role).not.toBe('head');
          expect(current.proposedBy.keyholderId).not.toBe(current.authorizedBy.keyholderId);
          expect(current.authorizedBy.role).toBe('head');
          expect(ctx.services.credentials.verifyVersion(current.id)).toEqual({ ok: true });
        }
        expect(ctx.services.audit.verify().ok).toBe(true);
        // POL-3: no two versions anywhere share a password
        const duplicates = ctx.services.vault
          .require()
          .prepare('SELECT count(*) FROM (SELECT fingerprint FROM credential_versions GROUP BY fingerprint HAVING count(*) > 1)')
          .pluck()
          .get();
        expect(duplicates).toBe(0);
      }),
      // A fixed seed: the same 40 sequences every run, so the coverage check below cannot flake.
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('exercised real approvals, rejections and reads, not only refusals', () => {
    const db = ctx.services.vault.require();
    expect(db.prepare("SELECT count(*) FROM change_requests WHERE status = 'approved'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM change_requests WHERE status = 'rejected'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM exposures').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM credential_versions WHERE applied_at IS NOT NULL').pluck().get()).toBeGreaterThan(0);
  });
});
