import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../../main/ipc/handlers';
import { referenceSchema } from '../../../../main/vault/db';
import { verifyIntegrity } from '../../../../main/vault/integrity/verify';
import { call, tableOf } from '../../attack/helpers';
import { freshSecret, rawVaultBytes, rotateApplied, tempDir } from '../../../fixtures/vault';
import { actionOf, incidentOffice, localNow, refusal, type Office } from './incidents.context';

/**
 * Incidents as an attacker tries them (SUP-2, SUP-3): hostile payloads through the real handler
 * table, the typed text looked for in the raw file, and sqlite3 edits of the vault file — an
 * incident marked closed, an action deleted, a confirmation forged, an outside change hidden —
 * each named by the integrity verification, and a forged confirmation closing nothing.
 */
const DESCRIPTION = 'Celular Quillabamba extraviado en el paradero Tintaya';
const REFERENCE = 'CERT-ÑANDUTÍ-2026-7781';
const OUTSIDE = 'Contraseña cambiada desde Huancavelica sin solicitud';

let o: Office;
let table: HandlerTable;
const internals: string[] = [];
let lost: string;
let phishing: string;
let clean: string;

beforeAll(async () => {
  o = await incidentOffice();
  o.clock.now += 3_600_000;
  table = tableOf(o.ctx.services, internals);
  const { services, admin } = o.ctx;
  const { on, time } = localNow(o);
  lost = services.incidents.record(admin, {
    kind: 'device_lost',
    occurredOn: on,
    occurredTime: time,
    accountIds: [o.fb, o.ig],
    description: DESCRIPTION,
  }).incidentId;
  services.incidents.report(admin, { incidentId: lost, recipient: 'security_officer', reference: REFERENCE, reportedOn: on });
  services.incidents.recordOutsideChange(admin, {
    incidentId: lost,
    accountId: o.fb,
    kind: 'role_added',
    changedOn: on,
    changedTime: time,
    description: OUTSIDE,
  });
  // A phishing incident on Instagram with everything done but the closing of sessions.
  phishing = services.incidents.record(admin, {
    kind: 'phishing',
    occurredOn: on,
    occurredTime: time,
    accountIds: [o.ig],
    description: 'Suplantación',
  }).incidentId;
  o.clock.now += 120_000;
  rotateApplied(o.ctx, o.ig, freshSecret(), admin, 'incident');
  services.incidents.confirm(admin, { incidentId: phishing, accountId: o.ig, action: 'review_roles' });
  services.incidents.report(admin, { incidentId: phishing, recipient: 'national_cert', reference: 'CERT-2', reportedOn: on });
  clean = join(tempDir('custodia-incidents-'), 'clean.sqlite');
  services.vault.require().exec(`VACUUM INTO '${clean}'`);
}, 60_000);
afterAll(async () => {
  expect(internals, 'answers that were INTERNAL').toEqual([]);
  await o.ctx.services.close();
});

describe('hostile payloads (SUP-2)', () => {
  const invalid = async (channel: string, payload: unknown) => {
    const result = await call(table, channel, payload);
    expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  };

  it('a rotation or a seed cannot be confirmed by hand: the channel knows only sessions and roles', async () => {
    for (const action of ['rotate_password', 'replace_seed', 'report']) await invalid('incidents.confirm', { incidentId: lost, accountId: o.fb, action });
    expect(actionOf(o.ctx.services.incidents.get(lost), o.fb, 'rotate_password').state).toBe('open');
  });

  it('a recording with an account twice, an hour that does not exist, hidden characters or a status of its own is refused whole', async () => {
    const base = { kind: 'phishing', occurredOn: '2026-12-01', occurredTime: '09:00', accountIds: [o.fb], description: 'Correo falso' };
    const before = o.ctx.services.incidents.list().length;
    await invalid('incidents.record', { ...base, accountIds: [o.fb, o.fb] });
    await invalid('incidents.record', { ...base, accountIds: [] });
    await invalid('incidents.record', { ...base, occurredTime: '24:00' });
    await invalid('incidents.record', { ...base, occurredOn: '2026-02-30' });
    await invalid('incidents.record', { ...base, description: 'Correo \u202Eeslaf' });
    await invalid('incidents.record', { ...base, kind: 'sabotage' });
    await invalid('incidents.record', { ...base, status: 'closed' });
    await invalid('incidents.close', { incidentId: lost, force: true });
    await invalid('incidents.report', { incidentId: lost, recipient: 'whatsapp', reference: 'x', reportedOn: '2026-12-01' });
    await invalid('incidents.recordOutsideChange', {
      incidentId: lost,
      accountId: o.fb,
      kind: 'password_changed',
      changedOn: '2026-12-01',
      changedTime: '9:00',
      description: 'x',
    });
    expect(o.ctx.services.incidents.list()).toHaveLength(before);
  });

  it('ids that name nothing are typed refusals, never internal errors', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await call(table, 'incidents.get', { incidentId: nobody })).toMatchObject({ ok: false, error: { code: 'INCIDENT_UNKNOWN', rule: 'SUP-2' } });
    expect(await call(table, 'incidents.close', { incidentId: nobody })).toMatchObject({ ok: false, error: { code: 'INCIDENT_UNKNOWN' } });
    expect(await call(table, 'incidents.confirm', { incidentId: lost, accountId: nobody, action: 'close_sessions' })).toMatchObject({
      ok: false,
      error: { code: 'INCIDENT_ACCOUNT_NOT_AFFECTED' },
    });
    expect(
      await call(table, 'incidents.recordOutsideChange', {
        incidentId: lost,
        accountId: nobody,
        kind: 'other',
        changedOn: '2026-12-01',
        changedTime: '08:00',
        description: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_UNKNOWN' } });
  });
});

describe('what a stolen file tells', () => {
  it('holds no description, reference or outside change as typed, only the structure', () => {
    const raw = rawVaultBytes(o.ctx.services);
    // The structure is there to be found (the search can succeed)…
    expect(raw.includes(Buffer.from('device_lost'))).toBe(true);
    // …what a person typed is not.
    for (const typed of [DESCRIPTION, 'Quillabamba', REFERENCE, OUTSIDE, 'Huancavelica']) expect(raw.includes(Buffer.from(typed)), typed).toBe(false);
  });
});

describe('sqlite3 edits of the incident tables (integrity)', () => {
  const cases: { name: string; names: string; sql: () => string }[] = [
    {
      name: 'an open incident marked closed',
      names: 'incidents',
      sql: () => `UPDATE incidents SET status = 'closed', closed_by = recorded_by, closed_at = recorded_at WHERE id = '${lost}';`,
    },
    {
      name: 'the incident moved back a year (an old rotation would tick)',
      names: 'incidents',
      sql: () => `UPDATE incidents SET occurred_at = '2025-12-01T15:00:00.000Z' WHERE id = '${lost}';`,
    },
    {
      name: 'an incident deleted with its actions',
      names: 'incidents',
      sql: () => `DELETE FROM incident_actions WHERE incident_id = '${phishing}'; DELETE FROM incidents WHERE id = '${phishing}';`,
    },
    {
      name: 'a required rotation deleted',
      names: 'incident_actions',
      sql: () => `DELETE FROM incident_actions WHERE incident_id = '${lost}' AND action = 'rotate_password';`,
    },
    {
      name: 'the closing of sessions confirmed without an event',
      names: 'incident_actions',
      sql: () =>
        `UPDATE incident_actions SET confirmed_by = '${o.ctx.admin.keyholderId}', confirmed_at = '2026-12-01T16:00:00.000Z' WHERE incident_id = '${phishing}' AND action = 'close_sessions';`,
    },
    { name: 'a report deleted', names: 'incident_reports', sql: () => `DELETE FROM incident_reports WHERE incident_id = '${lost}';` },
    { name: 'a change made outside Custodia deleted (hidden from SUP-3)', names: 'outside_changes', sql: () => `DELETE FROM outside_changes;` },
    {
      name: 'a change made outside Custodia moved to another month',
      names: 'outside_changes',
      sql: () => `UPDATE outside_changes SET changed_at = '2026-10-15T12:00:00.000Z';`,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s is named by the verification', async (_, c) => {
    const path = join(tempDir('custodia-incident-tamper-'), 'vault.sqlite');
    copyFileSync(clean, path);
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = OFF');
      db.exec(c.sql());
      const { report } = verifyIntegrity(db, o.ctx.services.sodium, referenceSchema());
      expect(report.ok).toBe(false);
      expect(report.faults.map((f) => f.table)).toContain(c.names);
    } finally {
      db.close();
    }
  });

  it('the untouched copy verifies whole (the cases above can pass only by detection)', () => {
    const db = new Database(clean, { readonly: true });
    try {
      expect(verifyIntegrity(db, o.ctx.services.sodium, referenceSchema()).report.faults).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a confirmation forged in the live file closes nothing: the closing names the tampering', () => {
    const { services, admin } = o.ctx;
    expect(refusal(() => services.incidents.close(admin, phishing))).toMatchObject({ code: 'INCIDENT_INCOMPLETE', details: { actions: 1, reported: true } });
    const attacker = new Database(services.vault.path);
    try {
      attacker
        .prepare(`UPDATE incident_actions SET confirmed_by = ?, confirmed_at = ? WHERE incident_id = ? AND action = 'close_sessions'`)
        .run(admin.keyholderId, new Date(o.clock.now).toISOString(), phishing);
    } finally {
      attacker.close();
    }
    expect(refusal(() => services.incidents.close(admin, phishing))).toMatchObject({
      code: 'VAULT_TAMPERED',
      details: { part: 'row', table: 'incident_actions' },
    });
    expect(services.incidents.get(phishing).status).toBe('open');
  });
});
