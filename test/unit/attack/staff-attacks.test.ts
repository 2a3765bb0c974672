import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../main/ipc/handlers';
import { ERROR_CODES, type Result } from '../../../shared/result';
import { KNOWN, unlockedWithActors } from '../../fixtures/vault';
import {
  accountWithPassword,
  counts,
  outsourcedWithAgreement,
  profile,
  registerStaff,
  statusOf,
  updateStaff,
  type Ctx,
} from '../services/people/people.context';
import { call, tableOf, valueOf } from './helpers';

/**
 * Issue 15 under attack, by someone who has only the administrator's passphrase (and, for the
 * last part, write access to the file): hostile payloads to the new channels, deciding their own
 * requests, and sqlite3 edits of the rows the role rules judge, made between a proposal and the
 * head's approval. Every refusal is typed and changes nothing; at the end the log and the state verify.
 */
let ctx: Ctx;
let table: HandlerTable;
const internals: string[] = [];
let now = Date.parse('2026-11-22T15:00:00Z');
let contact: string;
let fb: string;

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date(now) });
  // The verification started by the unlock is left to finish before anything edits the file.
  await ctx.services.integrity.status();
  table = tableOf(ctx.services, internals);
  contact = registerStaff(ctx, profile({ function: 'designer' }));
  fb = accountWithPassword(ctx, 'facebook');
});

afterAll(async () => {
  expect(internals, 'answers that were INTERNAL').toEqual([]);
  expect(ctx.services.integrity.verify().ok).toBe(true);
  expect(ctx.services.audit.verify().ok).toBe(true);
  await ctx.services.close();
});

const TYPED = new Set<string>(ERROR_CODES.filter((code) => code !== 'INTERNAL'));
const ids = () => ({ admin: ctx.admin.keyholderId, head: ctx.head.keyholderId, backup: ctx.backup.keyholderId });

/** Sends the payload and expects a typed refusal with `code`; nothing may be written. */
async function refused(channel: string, payload: unknown, code: string, rule?: string): Promise<void> {
  const before = counts(ctx.services);
  const result = await call(table, channel, payload);
  expect(result.ok, `${channel} ${JSON.stringify(payload).slice(0, 120)}`).toBe(false);
  const { error } = result as Extract<Result<unknown>, { ok: false }>;
  expect(TYPED.has(error.code)).toBe(true);
  expect({ code: error.code, ...(rule ? { rule: error.rule } : {}) }, channel).toEqual({ code, ...(rule ? { rule } : {}) });
  expect(counts(ctx.services)).toEqual(before);
}

const registerPayload = (change: Record<string, unknown> = {}) => ({ profile: { ...profile(), ...change } });

describe('hostile payloads to the staff and role channels', () => {
  it('staff.register: extra keys, __proto__ and constructor keys, wrong enums, too-long text, bidi and invisible characters', async () => {
    const good = registerPayload();
    const cases: [string, unknown][] = [
      ['extra key', { ...good, status: 'active' }],
      ['extra key in the profile', { profile: { ...good.profile, hasAgreement: true } }],
      ['__proto__', JSON.parse(`{"profile": ${JSON.stringify(good.profile)}, "__proto__": {"polluted": true}}`)],
      ['__proto__ in the profile', { profile: JSON.parse(`{${JSON.stringify(good.profile).slice(1, -1)}, "__proto__": {"polluted": true}}`) }],
      ['constructor.prototype', { ...good, constructor: { prototype: { polluted: true } } }],
      ['unknown link', registerPayload({ link: 'freelance' })],
      ['unknown function', registerPayload({ function: 'ceo' })],
      ['no such day', registerPayload({ startDate: '2024-02-30' })],
      ['names of 121 characters', registerPayload({ names: 'a'.repeat(121) })],
      ['dependency of 201 characters', registerPayload({ dependency: 'Prensa '.repeat(29) })],
      ['a cédula with spaces', registerPayload({ documentId: '12 345 678' })],
      ['a right-to-left override', registerPayload({ names: 'Ana\u202Eexe.fdp' })],
      ['a direction isolate', registerPayload({ surnames: 'Quispe\u2066Mamani' })],
      ['a right-to-left mark in the company', registerPayload({ link: 'outsourced', linkDetail: 'Agencia\u200FNorte' })],
      ['a zero-width joiner in the cédula', registerPayload({ documentId: '1234\u200D5678' })],
      ['an internal contact that is not an id', registerPayload({ internalContactId: 'contact' })],
      ['an agreement with an extra key', registerPayload({ agreement: { date: '2024-01-01', reference: 'AC-1', signed: true } })],
    ];
    for (const [label, payload] of cases) {
      await refused('staff.register', payload, 'INVALID_REQUEST');
      expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
    }
    await refused('staff.register', registerPayload({ email: 'ana.quispe@gmail.com' }), 'EMAIL_DOMAIN_INVALID', 'SEC-2');
    await refused('staff.register', registerPayload({ link: 'volunteer', internalContactId: randomUUID() }), 'STAFF_CONTACT', 'ROLE-4');
    await refused('staff.register', { ...registerPayload(), personId: randomUUID() }, 'PERSON_UNKNOWN');
    await refused('staff.register', registerPayload({ function: 'account_administrator', link: 'volunteer' }), 'ROLE_PERMANENT_ONLY', 'ROLE-3');
  });

  it('staff.update, staff.depart, roles.*, recovery.deliver, devices.return: unknown ids and values are typed refusals', async () => {
    const cm = registerStaff(ctx, profile());
    await refused('staff.update', { personId: randomUUID(), profile: profile() }, 'PERSON_UNKNOWN');
    await refused('staff.update', { personId: cm, profile: { ...profile(), link: 'contractor' } }, 'INVALID_REQUEST');
    await refused('staff.depart', { personId: cm, date: '2026-13-01' }, 'INVALID_REQUEST');
    await refused('staff.depart', { personId: contact, date: '2026-12-01', admin: true }, 'INVALID_REQUEST');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'god_mode' }, 'ROLE_UNKNOWN');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'owner' }, 'ROLE_UNKNOWN');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'x'.repeat(41) }, 'INVALID_REQUEST');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'full\u202Econtrol' }, 'INVALID_REQUEST');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'partial_content', admin: false }, 'INVALID_REQUEST');
    await refused('roles.grant', { accountId: randomUUID(), personId: cm, role: 'partial_content' }, 'ACCOUNT_UNKNOWN');
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'full_control' }, 'ROLE_TEAM_ADMIN', 'ROLE-2');
    await refused('roles.revoke', { grantId: randomUUID() }, 'GRANT_UNKNOWN');
    await refused('roles.confirmApplied', { grantId: randomUUID() }, 'GRANT_UNKNOWN');
    ctx.services.recovery.store(ctx.admin, fb, '1. abcd2345\n2. efgh6789');
    const codeId = ctx.services.recovery.view(fb).codes[0]!.id;
    await refused('recovery.deliver', { codeId, personId: cm, channel: 'whatsapp' }, 'DELIVERY_CHANNEL', 'POL-6');
    await refused('recovery.deliver', { codeId, personId: randomUUID(), channel: 'in_person' }, 'PERSON_UNKNOWN');
    await refused('devices.return', { deviceId: randomUUID(), personId: cm }, 'DEVICE_NOT_HELD');
    await refused('departures.plan', { personId: cm }, 'DEPARTURE_NONE');
  });
});

describe('deciding requests: one’s own, and in a batch', () => {
  it('the administrator cannot approve their own registration or grant (COSIGN_SELF_APPROVAL), nor through the batch', async () => {
    const register = valueOf<{ requestId: string }>(await call(table, 'staff.register', registerPayload())).requestId;
    const cm = registerStaff(ctx, profile());
    const grant = valueOf<{ requestId: string }>(await call(table, 'roles.grant', { accountId: fb, personId: cm, role: 'partial_content' })).requestId;
    for (const requestId of [register, grant]) {
      await refused('cosign.approve', { requestId, approverId: ids().admin, passphrase: KNOWN.adminPass }, 'COSIGN_SELF_APPROVAL');
      expect(statusOf(ctx.services, requestId)).toBe('pending');
    }
    // The batch is the head's: a role that may not decide is refused as a whole (POL-5), duplicates or not.
    await refused('cosign.approveMany', { requestIds: [register, grant], approverId: ids().admin, passphrase: KNOWN.adminPass }, 'ACTION_ROLE', 'POL-5');
    await refused(
      'cosign.approveMany',
      { requestIds: [register, grant, register, grant], approverId: ids().admin, passphrase: KNOWN.adminPass },
      'ACTION_ROLE',
      'POL-5',
    );
    expect([register, grant].map((id) => statusOf(ctx.services, id))).toEqual(['pending', 'pending']);
  });

  it('cosign.approveMany: more than 100 ids, none, ids that are not ids, another keyholder’s id with the administrator’s passphrase', async () => {
    const pending = valueOf<{ requestId: string }>(await call(table, 'staff.register', registerPayload())).requestId;
    const many = Array.from({ length: 101 }, () => randomUUID());
    await refused('cosign.approveMany', { requestIds: many, approverId: ids().head, passphrase: KNOWN.adminPass }, 'INVALID_REQUEST');
    await refused('cosign.approveMany', { requestIds: [], approverId: ids().head, passphrase: KNOWN.adminPass }, 'INVALID_REQUEST');
    await refused('cosign.approveMany', { requestIds: ['1 OR 1=1'], approverId: ids().head, passphrase: KNOWN.adminPass }, 'INVALID_REQUEST');
    await refused('cosign.approveMany', { requestIds: [pending], approverId: ids().head, passphrase: KNOWN.adminPass, force: true }, 'INVALID_REQUEST');
    for (const approverId of [ids().head, ids().backup]) {
      await refused('cosign.approveMany', { requestIds: [pending, pending], approverId, passphrase: KNOWN.adminPass }, 'UNLOCK_FAILED');
      now += 60_000; // past the delay after a failed passphrase
    }
    expect(statusOf(ctx.services, pending)).toBe('pending');
  });

  it('the head’s batch: duplicates are decided once, unknown ids refused alone, the rest approved', async () => {
    const pending = valueOf<{ requestId: string }>(await call(table, 'staff.register', registerPayload())).requestId;
    const unknown = randomUUID();
    const outcomes = await ctx.services.cosign.approveManyWithPassphrase([pending, unknown, pending], ids().head, KNOWN.headPass);
    expect(outcomes).toEqual([
      { requestId: pending, ok: true },
      { requestId: unknown, ok: false, error: { code: 'COSIGN_UNKNOWN' } },
    ]);
    expect(statusOf(ctx.services, pending)).toBe('approved');
  });
});

/** Edits the file directly, as someone with write access but no keys would; returns the edit that undoes it. */
function tamper(sql: string, params: unknown[], undo: string, undoParams: unknown[] = params): () => void {
  const edit = (statement: string, values: unknown[]) => {
    const db = new Database(ctx.services.vault.path);
    db.prepare(statement).run(...values);
    db.close();
  };
  edit(sql, params);
  return () => edit(undo, undoParams);
}

/** The head approves; refused as tampering, the request stays pending and nothing is written. */
function tamperedAtApproval(requestId: string): void {
  const before = counts(ctx.services);
  expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }));
  expect(statusOf(ctx.services, requestId)).toBe('pending');
  expect(counts(ctx.services)).toEqual(before);
}

describe('sqlite3 edits of the rows the role rules judge (the kinds check them against the signed log)', () => {
  it('between proposal and approval: a person made outsourced community manager is put back as permanent backup administrator → VAULT_TAMPERED', () => {
    const page = accountWithPassword(ctx, 'facebook');
    const person = registerStaff(ctx, profile({ function: 'backup_administrator' }));
    const requestId = ctx.services.staff.proposeGrant(ctx.admin, { accountId: page, personId: person, role: 'full_control' }).requestId;
    updateStaff(ctx, person, {
      function: 'community_manager',
      link: 'outsourced',
      linkDetail: 'Agencia Oeste',
      agreement: { date: '2024-01-01', reference: 'AC-3' },
      internalContactId: contact,
    });
    const undo = tamper(
      "UPDATE staff SET link_kind = 'permanent', function = 'backup_administrator' WHERE person_id = ?",
      [person],
      "UPDATE staff SET link_kind = 'outsourced', function = 'community_manager' WHERE person_id = ?",
    );
    tamperedAtApproval(requestId);
    undo();
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(expect.objectContaining({ code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' }));
  });

  it('between proposal and approval: the first backup administrator’s grant marked revoked to let a second one in (ROLE-1) → VAULT_TAMPERED', () => {
    const page = accountWithPassword(ctx, 'facebook');
    const [a, b] = [1, 2].map(() => registerStaff(ctx, profile({ function: 'backup_administrator' })));
    const first = ctx.services.staff.proposeGrant(ctx.admin, { accountId: page, personId: a!, role: 'full_control' }).requestId;
    const second = ctx.services.staff.proposeGrant(ctx.admin, { accountId: page, personId: b!, role: 'full_control' }).requestId;
    const grant = ctx.services.cosign.approve(first, ctx.head).subjects.grant!;
    const undo = tamper("UPDATE platform_roles SET state = 'revoked' WHERE id = ?", [grant], "UPDATE platform_roles SET state = 'granting' WHERE id = ?");
    tamperedAtApproval(second);
    undo();
    expect(() => ctx.services.cosign.approve(second, ctx.head)).toThrow(expect.objectContaining({ code: 'ROLE_ADMIN_RESERVED', rule: 'ROLE-1' }));
  });

  it('between proposal and approval: the first backup administrator’s grant moved to another account (ROLE-1) → VAULT_TAMPERED', () => {
    const [page, elsewhere] = [1, 2].map(() => accountWithPassword(ctx, 'facebook'));
    const [a, b] = [1, 2].map(() => registerStaff(ctx, profile({ function: 'backup_administrator' })));
    const first = ctx.services.staff.proposeGrant(ctx.admin, { accountId: page!, personId: a!, role: 'full_control' }).requestId;
    const second = ctx.services.staff.proposeGrant(ctx.admin, { accountId: page!, personId: b!, role: 'full_control' }).requestId;
    const grant = ctx.services.cosign.approve(first, ctx.head).subjects.grant!;
    const undo = tamper('UPDATE platform_roles SET account_id = ? WHERE id = ?', [elsewhere, grant], 'UPDATE platform_roles SET account_id = ? WHERE id = ?', [
      page,
      grant,
    ]);
    tamperedAtApproval(second);
    undo();
    expect(() => ctx.services.cosign.approve(second, ctx.head)).toThrow(expect.objectContaining({ code: 'ROLE_ADMIN_RESERVED', rule: 'ROLE-1' }));
  });

  it('between proposal and approval: an agreement withdrawn and then marked on file again with sqlite3 (ROLE-4) → VAULT_TAMPERED', () => {
    const cm = outsourcedWithAgreement(ctx, contact);
    const requestId = ctx.services.staff.proposeGrant(ctx.admin, { accountId: fb, personId: cm, role: 'partial_messages' }).requestId;
    updateStaff(ctx, cm, { agreement: null });
    const undo = tamper('UPDATE staff SET has_agreement = 1 WHERE person_id = ?', [cm], 'UPDATE staff SET has_agreement = 0 WHERE person_id = ?');
    tamperedAtApproval(requestId);
    undo();
    expect(() => ctx.services.cosign.approve(requestId, ctx.head)).toThrow(expect.objectContaining({ code: 'ROLE_AGREEMENT_MISSING', rule: 'ROLE-4' }));
  });

  // Through IPC: the edit makes the next call verify the whole file again; a session that finds it altered writes nothing until it is whole.
  it('an outsourced community manager made permanent backup administrator before a proposal: VAULT_TAMPERED', async () => {
    const cm = outsourcedWithAgreement(ctx, contact);
    const undo = tamper(
      "UPDATE staff SET link_kind = 'permanent', function = 'backup_administrator' WHERE person_id = ?",
      [cm],
      "UPDATE staff SET link_kind = 'outsourced', function = 'community_manager' WHERE person_id = ?",
    );
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'full_control' }, 'VAULT_TAMPERED');
    undo();
    await refused('roles.grant', { accountId: fb, personId: cm, role: 'full_control' }, 'ROLE_TEAM_ADMIN', 'ROLE-2');
    // The edit undone, the call verified the whole file again and found it whole: writes are allowed again, as after an unlock.
    expect(ctx.services.integrity.report()).toMatchObject({ ok: true });
    expect(await call(table, 'roles.grant', { accountId: fb, personId: cm, role: 'partial_messages' })).toMatchObject({ ok: true });
  });
});
