import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRuleId, ComplianceMatrix, PersonRuleId } from '../../../../shared/compliance';
import { ACCOUNTS, FORM_A, KNOWN, SECRETS, keyholderId, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import { grantApplied, profile, registerStaff, type Ctx } from '../people/people.context';

/**
 * The compliance view on a real vault (issue 17; SUP-1): cells turn red for real reasons (an
 * overdue rotation under an injected clock, an account without two-step), a sqlite3 edit that
 * would make a team member's admin role look legitimate is caught by the integrity check rather
 * than judged, and the matrix carries no secret and no typed value but the names the register shows.
 */
const DAY = 86_400_000;
const clock = { now: Date.parse('2026-06-01T14:00:00Z') };
let ctx: Ctx;
let facebook: string;
let mailbox: string;
let x: string;
let manager: string;
let grant: string;

const cell = (m: ComplianceMatrix, accountId: string, rule: AccountRuleId) =>
  m.accounts.find((a) => a.accountId === accountId)!.cells.find((c) => c.rule === rule)!;
const personCell = (m: ComplianceMatrix, personId: string, rule: PersonRuleId) =>
  m.people.find((p) => p.personId === personId)!.cells.find((c) => c.rule === rule)!;

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  const { services, admin, head } = ctx;
  mailbox = registerAccount(services, admin, head, ACCOUNTS.mailbox);
  facebook = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
  x = registerAccount(services, admin, head, { platform: 'x', kind: 'principal', displayName: 'Cuenta X Zafiroquinta' });
  for (const id of [mailbox, facebook, x]) rotateApplied(ctx, id, undefined);
  const phone = services.twoStep.addDevice(admin, {
    label: 'Teléfono de prensa',
    number: '+51 987 100 200',
    institutionOwned: true,
    holderKeyholderId: keyholderId(services, 'administrator'),
  }).deviceId;
  services.twoStep.update(admin, mailbox, { method: 'totp_vault', recoveryDeviceId: phone });
  services.twoStep.update(admin, facebook, { method: 'totp_vault', recoveryDeviceId: phone });
  services.twoStep.update(admin, x, { method: 'none' });
  manager = registerStaff(ctx, profile({ names: 'Yolanda', surnames: 'Mamani Ccori' }));
  grant = grantApplied(ctx, facebook, manager, 'partial_content');
  await services.integrity.status();
});
afterAll(() => ctx.services.close());

describe('the compliance matrix on a real vault', () => {
  it('judges every account and person of the register, and says which rules are procedural', () => {
    const m = ctx.services.compliance.matrix(ctx.admin);
    expect(m.accounts.map((a) => a.accountId).sort()).toEqual([facebook, mailbox, x].sort());
    expect(m.people.map((p) => p.personId)).toContain(manager);
    expect(m.procedural).toEqual(['SUP-1', 'SUP-3', 'SUP-4']);
    // Lifecycle and incidents are recorded by this vault: nothing is left «not evaluated».
    expect(m.notEvaluated).toEqual([]);
    expect(m.accounts.flatMap((a) => a.cells).filter((c) => c.state === 'not_evaluated')).toEqual([]);
  });

  it('green where the vault shows the rule met: a fresh co-signed password, two-step on, the administrator’s phone', () => {
    const m = ctx.services.compliance.matrix(ctx.admin);
    for (const rule of ['POL-1', 'POL-2', 'POL-3', 'POL-4', 'POL-5', 'SEC-1', 'SEC-2', 'SEC-3', 'LIFE-1', 'ROLE-2', 'SUP-2'] as const)
      expect(cell(m, facebook, rule).state, rule).toBe('green');
    expect(personCell(m, manager, 'ROLE-2').state).toBe('green');
    expect(personCell(m, manager, 'LIFE-4').state).toBe('green');
  });

  it('SEC-1: an account whose two-step is off is red and leads to its two-step section', () => {
    const c = cell(ctx.services.compliance.matrix(ctx.admin), x, 'SEC-1');
    expect(c).toMatchObject({ state: 'red', reasons: [{ code: 'two_step_off' }], fix: { screen: 'account', accountId: x, section: 'two-step' } });
  });

  it('SEC-4: a profile whose verification was never requested is amber (advice)', () => {
    expect(cell(ctx.services.compliance.matrix(ctx.admin), facebook, 'SEC-4')).toMatchObject({
      state: 'amber',
      reasons: [{ code: 'verification_not_requested' }],
    });
  });

  it('POL-4: twenty days on (injected clock) every password is overdue, red, and the home counts say so; the head reads it too', () => {
    clock.now += 20 * DAY;
    const m = ctx.services.compliance.matrix(ctx.head);
    expect(cell(m, facebook, 'POL-4')).toMatchObject({
      state: 'red',
      reasons: [{ code: 'overdue' }],
      fix: { screen: 'account', accountId: facebook, section: 'password' },
    });
    expect(ctx.services.compliance.summary(ctx.admin).counts).toEqual(m.counts);
    expect(m.counts.accountsRed).toBe(3);
    // A new co-signed rotation clears it.
    rotateApplied(ctx, facebook);
    expect(cell(ctx.services.compliance.matrix(ctx.admin), facebook, 'POL-4').state).toBe('green');
  });

  it('never carries a secret, a login, Formulario A or a person’s typed data', () => {
    const json = JSON.stringify(ctx.services.compliance.matrix(ctx.admin));
    for (const secret of [
      ...SECRETS,
      ACCOUNTS.mailbox.loginIdentifier,
      ACCOUNTS.facebook.handle,
      ACCOUNTS.facebook.profileUrl,
      FORM_A.description,
      FORM_A.objective,
      KNOWN.domain,
    ])
      expect(json).not.toContain(secret);
    const passwords = ctx.services.vault.require().prepare('SELECT id FROM credential_versions').pluck().all() as string[];
    expect(passwords.length).toBeGreaterThan(0);
    for (const id of passwords) expect(json).not.toContain(id);
  });
});

describe('what an attacker edits with sqlite3 is caught by the integrity check, never judged', () => {
  const edit = (sql: string, ...params: unknown[]) => {
    const db = new Database(ctx.services.vault.path);
    db.prepare(sql).run(...params);
    db.close();
  };

  it('a team member’s editor role made an admin role, and their function made «administrador de respaldo»: VAULT_TAMPERED, not green', () => {
    expect(cell(ctx.services.compliance.matrix(ctx.admin), facebook, 'ROLE-2').state).toBe('green');
    edit(`UPDATE platform_roles SET role = 'full_control', admin = 1 WHERE id = ?`, grant);
    edit(`UPDATE staff SET function = 'backup_administrator' WHERE person_id = ?`, manager);
    expect(() => ctx.services.compliance.matrix(ctx.admin)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }));
    expect(() => ctx.services.compliance.summary(ctx.head)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }));
    edit(`UPDATE staff SET function = 'community_manager' WHERE person_id = ?`, manager);
    edit(`UPDATE platform_roles SET role = 'partial_content', admin = 0 WHERE id = ?`, grant);
    expect(cell(ctx.services.compliance.matrix(ctx.admin), facebook, 'ROLE-2').state).toBe('green');
  });

  it('an account’s two-step turned on by hand: VAULT_TAMPERED naming the table', () => {
    edit(`UPDATE account_two_step SET method = 'totp_vault' WHERE account_id = ?`, x);
    expect(() => ctx.services.compliance.matrix(ctx.admin)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: expect.objectContaining({ table: 'account_two_step' }) }),
    );
    edit(`UPDATE account_two_step SET method = 'none' WHERE account_id = ?`, x);
    expect(cell(ctx.services.compliance.matrix(ctx.admin), x, 'SEC-1').state).toBe('red');
  });
});
