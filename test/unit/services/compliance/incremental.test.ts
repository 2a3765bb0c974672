import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRuleId, ComplianceMatrix } from '../../../../shared/compliance';
import { ComplianceService } from '../../../../main/services/compliance/compliance';
import { accountChanges } from '../../../../shared/lifecycle';
import { ACCOUNTS, KNOWN, keyholderId, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import { deliver, grantApplied, profile, registerStaff, type Ctx } from '../people/people.context';

/**
 * The compliance matrix after a write (issue 17; SUP-1): the costly per-account reads are carried
 * over from the last matrix and read again only for the accounts the write touched (the rows named
 * in the signed events since). It must say exactly what a matrix computed from nothing says, and a
 * row carried over is still checked against the log: an sqlite3 edit of it is VAULT_TAMPERED.
 */
const clock = { now: Date.parse('2026-06-01T14:00:00Z') };
let ctx: Ctx;
let facebook: string;
let mailbox: string;
let x: string;
let manager: string;
let phone: string;

/** A compliance view that has never read this vault: everything read and judged from nothing. */
const fromNothing = () => {
  const { services } = ctx;
  return new ComplianceService(
    services.sodium,
    services.vault,
    services.sessions,
    services.accounts,
    services.rotation,
    services.cosign,
    services.integrity,
    () => new Date(clock.now),
  );
};
const withoutTime = ({ at: _at, ...m }: ComplianceMatrix) => m;
const expectSameAsFromNothing = () => {
  const kept = ctx.services.compliance.matrix(ctx.admin);
  expect(withoutTime(kept)).toEqual(withoutTime(fromNothing().matrix(ctx.admin)));
  return kept;
};
const cell = (m: ComplianceMatrix, accountId: string, rule: AccountRuleId) =>
  m.accounts.find((a) => a.accountId === accountId)!.cells.find((c) => c.rule === rule)!;
const edit = (sql: string, ...params: unknown[]) => {
  const db = new Database(ctx.services.vault.path);
  db.prepare(sql).run(...params);
  db.close();
};

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  const { services, admin, head } = ctx;
  mailbox = registerAccount(services, admin, head, ACCOUNTS.mailbox);
  facebook = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
  x = registerAccount(services, admin, head, { platform: 'x', kind: 'principal', displayName: 'Cuenta X Incremental' });
  for (const id of [mailbox, facebook, x]) rotateApplied(ctx, id);
  phone = services.twoStep.addDevice(admin, {
    label: 'Teléfono de prensa',
    number: '+51 987 100 300',
    institutionOwned: true,
    holderKeyholderId: keyholderId(services, 'administrator'),
  }).deviceId;
  manager = registerStaff(ctx, profile({ names: 'Rosa', surnames: 'Quispe Huamán' }));
  await services.integrity.status();
});
afterAll(() => ctx.services.close());

describe('the matrix after a write equals one computed from nothing', () => {
  it('SEC-1: a second step recorded on one account turns its cell green, and nothing else moves', () => {
    const before = expectSameAsFromNothing();
    expect(cell(before, x, 'SEC-1').state).not.toBe('green');
    ctx.services.twoStep.update(ctx.admin, x, { method: 'totp_vault', recoveryDeviceId: phone });
    const after = expectSameAsFromNothing();
    expect(cell(after, x, 'SEC-1').state).toBe('green');
  });

  it('POL-4 and POL-5: a co-signed rotation (version, request and account rows) is read again for its account', () => {
    const versionBefore = ctx.services.vault.require().prepare('SELECT current_version_id FROM accounts WHERE id = ?').pluck().get(facebook);
    rotateApplied(ctx, facebook);
    expect(ctx.services.vault.require().prepare('SELECT current_version_id FROM accounts WHERE id = ?').pluck().get(facebook)).not.toBe(versionBefore);
    expect(cell(expectSameAsFromNothing(), facebook, 'POL-5').state).toBe('green');
  });

  it('ROLE-2 and ROLE-5: a role granted and a password delivered to a team member (exposure rows) are read again', () => {
    grantApplied(ctx, facebook, manager, 'partial_content');
    expectSameAsFromNothing();
    deliver(ctx, facebook, manager);
    const m = expectSameAsFromNothing();
    expect(m.people.find((p) => p.personId === manager)).toBeDefined();
  });

  it('SEC-2: a modificación that records a login (the account row only) is read again for its account', () => {
    const before = cell(expectSameAsFromNothing(), x, 'SEC-2');
    const { requestId } = ctx.services.lifecycle.requestModify(ctx.admin, {
      accountId: x,
      account: accountChanges.parse({ kind: 'principal', displayName: 'Cuenta X Incremental', loginIdentifier: `prensa.x@${KNOWN.domain}` }),
    });
    ctx.services.cosign.approve(requestId, ctx.head);
    const after = cell(expectSameAsFromNothing(), x, 'SEC-2');
    expect(after.state).toBe('green');
    expect(after).not.toEqual(before);
  });

  it('a reveal (an exposure and a due date moved) and many writes in a row', () => {
    ctx.services.credentials.reveal(ctx.admin, mailbox);
    expectSameAsFromNothing();
    for (const id of [mailbox, x, facebook]) rotateApplied(ctx, id);
    ctx.services.twoStep.update(ctx.admin, facebook, { method: 'none' });
    expect(cell(expectSameAsFromNothing(), facebook, 'SEC-1').state).toBe('red');
  });
});

describe('a row carried over from the last matrix is still checked against the log', () => {
  it('an sqlite3 edit of an account no write touched, after a matrix read again in part: VAULT_TAMPERED naming the table', () => {
    ctx.services.compliance.matrix(ctx.admin);
    // A write on another account: the next matrix reads again only that account's rows.
    ctx.services.twoStep.update(ctx.admin, x, { method: 'totp_vault', recoveryDeviceId: phone });
    expect(cell(ctx.services.compliance.matrix(ctx.admin), x, 'SEC-1').state).toBe('green');
    const version = ctx.services.vault.require().prepare('SELECT current_version_id FROM accounts WHERE id = ?').pluck().get(facebook) as string;
    const reason = ctx.services.vault.require().prepare('SELECT reason FROM credential_versions WHERE id = ?').pluck().get(version) as string;
    edit(`UPDATE credential_versions SET reason = 'incident' WHERE id = ?`, version);
    expect(() => ctx.services.compliance.matrix(ctx.admin)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: expect.objectContaining({ table: 'credential_versions' }) }),
    );
    edit(`UPDATE credential_versions SET reason = ? WHERE id = ?`, reason, version);
    expectSameAsFromNothing();
  });

  it('an sqlite3 edit right after a write, before any matrix: VAULT_TAMPERED, never the carried-over reads', () => {
    ctx.services.compliance.matrix(ctx.admin);
    ctx.services.twoStep.update(ctx.admin, x, { method: 'none', recoveryDeviceId: phone });
    edit(`UPDATE accounts SET kind = 'authority' WHERE id = ?`, mailbox);
    expect(() => ctx.services.compliance.matrix(ctx.admin)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: expect.objectContaining({ table: 'accounts' }) }),
    );
    edit(`UPDATE accounts SET kind = 'linked_email' WHERE id = ?`, mailbox);
    expect(cell(expectSameAsFromNothing(), x, 'SEC-1').state).toBe('red');
  });
});
