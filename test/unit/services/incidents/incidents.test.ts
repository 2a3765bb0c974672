import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSecret, rotateApplied } from '../../../fixtures/vault';
import { actionOf, eventCount, incidentOffice, localNow, refusal, SEED, states, type Office } from './incidents.context';

/**
 * Incidents (issue 17; SUP-2, SUP-3): a lost phone over two accounts. Each required action ticks
 * only from the real change made after the incident (a rotation applied before it does not), the
 * closing is refused while anything is left, and changes made outside Custodia are counted for the
 * monthly indicator. The tests run in order on one office, as an incident runs over hours.
 */
let o: Office;
let incidentId: string;
beforeAll(async () => {
  o = await incidentOffice();
  o.clock.now += 3_600_000;
}, 60_000);
afterAll(() => o.ctx.services.close());

const view = () => o.ctx.services.incidents.get(incidentId);

describe('a lost phone over two accounts (SUP-2)', () => {
  it('is recorded at once by the administrator alone, with its description sealed and its time in the institution’s zone', () => {
    const { services, admin } = o.ctx;
    const { on, time } = localNow(o);
    const before = eventCount(o);
    incidentId = services.incidents.record(admin, {
      kind: 'device_lost',
      occurredOn: on,
      occurredTime: time,
      accountIds: [o.fb, o.ig],
      description: 'Se perdió el celular de prensa con la aplicación de autenticación.',
    }).incidentId;
    expect(eventCount(o)).toBe(before + 1);
    const v = view();
    expect(v).toMatchObject({ kind: 'device_lost', status: 'open', accountCount: 2, reported: false, complete: false, closedAt: null });
    expect(v.description).toBe('Se perdió el celular de prensa con la aplicación de autenticación.');
    // 10:00 in Lima is 15:00 UTC.
    expect(v.occurredAt).toBe(`${on}T${String(Number(time.slice(0, 2)) + 5).padStart(2, '0')}:${time.slice(3)}:00.000Z`);
    expect(v.recordedBy.keyholderId).toBe(admin.keyholderId);
    expect(services.incidents.current().map((i) => i.incidentId)).toEqual([incidentId]);
  });

  it('opens a rotation, the closing of sessions, a review of roles and a new seed on each account; a rotation applied before the incident ticks nothing', () => {
    const v = view();
    const all = {
      rotate_password: 'rotation_missing',
      close_sessions: 'confirmation_missing',
      review_roles: 'confirmation_missing',
      replace_seed: 'seed_not_replaced',
    };
    expect(states(v, o.fb)).toEqual(all);
    expect(states(v, o.ig)).toEqual(all);
    // Eight actions and the report.
    expect(v.left).toBe(9);
  });

  it('refuses the closing while anything is left, naming SUP-2, and changes nothing', () => {
    const { services, admin } = o.ctx;
    const before = eventCount(o);
    const refused = refusal(() => services.incidents.close(admin, incidentId));
    expect(refused).toMatchObject({ code: 'INCIDENT_INCOMPLETE', rule: 'SUP-2', details: { reason: 'unreported', actions: 8, reported: false } });
    expect(eventCount(o)).toBe(before);
    expect(view().status).toBe('open');
  });

  it('ticks the rotation only once a password with reason «incidente» is authorized and applied after it; another reason does not count', () => {
    const { services, admin, head } = o.ctx;
    const { requestId } = services.cosign.propose(admin, { accountId: o.fb, secret: freshSecret(), reason: 'incident' });
    expect(actionOf(view(), o.fb, 'rotate_password')).toMatchObject({ state: 'open', missing: 'rotation_missing' });
    // POL-5: the administrator cannot authorize their own request; the action stays open.
    expect(refusal(() => services.cosign.approve(requestId, admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    services.cosign.approve(requestId, head);
    expect(actionOf(view(), o.fb, 'rotate_password')).toMatchObject({ state: 'open', missing: 'awaiting_apply' });
    services.rotation.confirmApplied(admin, o.fb);
    expect(actionOf(view(), o.fb, 'rotate_password')).toMatchObject({ state: 'done', by: { keyholderId: admin.keyholderId }, at: expect.any(String) });

    rotateApplied(o.ctx, o.ig, freshSecret(), admin, 'scheduled');
    expect(actionOf(view(), o.ig, 'rotate_password')).toMatchObject({ state: 'open', missing: 'rotation_missing' });
    rotateApplied(o.ctx, o.ig, freshSecret(), admin, 'incident');
    expect(actionOf(view(), o.ig, 'rotate_password').state).toBe('done');
  });

  it('confirms the closing of sessions by hand once per account, only on an affected account, and never over a real change', () => {
    const { services, admin, head, backup } = o.ctx;
    expect(refusal(() => services.incidents.confirm(head, { incidentId, accountId: o.fb, action: 'close_sessions' }))).toMatchObject({
      code: 'ACTION_ROLE',
      rule: 'SUP-2',
    });
    services.incidents.confirm(admin, { incidentId, accountId: o.fb, action: 'close_sessions' });
    expect(actionOf(view(), o.fb, 'close_sessions')).toMatchObject({ state: 'done', by: { keyholderId: admin.keyholderId }, confirmable: false });
    expect(refusal(() => services.incidents.confirm(backup, { incidentId, accountId: o.fb, action: 'close_sessions' }))).toMatchObject({
      code: 'INCIDENT_ACTION_DONE',
    });
    services.incidents.confirm(backup, { incidentId, accountId: o.ig, action: 'close_sessions' });
    expect(
      refusal(() => services.incidents.confirm(admin, { incidentId, accountId: '00000000-0000-4000-8000-000000000000', action: 'close_sessions' })),
    ).toMatchObject({ code: 'INCIDENT_ACCOUNT_NOT_AFFECTED', rule: 'SUP-2' });
  });

  it('ticks the review of roles from a role change applied after the incident; by hand only where there was none', () => {
    const { services, admin, head } = o.ctx;
    services.cosign.approve(services.staff.proposeRevoke(admin, { grantId: o.grant }).requestId, head);
    expect(actionOf(view(), o.fb, 'review_roles').state).toBe('open');
    services.staff.confirmApplied(admin, o.grant);
    expect(actionOf(view(), o.fb, 'review_roles')).toMatchObject({ state: 'done', by: { keyholderId: admin.keyholderId } });
    expect(refusal(() => services.incidents.confirm(admin, { incidentId, accountId: o.fb, action: 'review_roles' }))).toMatchObject({
      code: 'INCIDENT_ACTION_DONE',
      rule: 'SUP-2',
    });
    services.incidents.confirm(admin, { incidentId, accountId: o.ig, action: 'review_roles' });
    expect(actionOf(view(), o.ig, 'review_roles')).toMatchObject({ state: 'done', by: { keyholderId: admin.keyholderId } });
  });

  it('ticks the seed only from a seed set after the incident, co-signed', () => {
    const { services, admin, head } = o.ctx;
    for (const account of [o.fb, o.ig]) services.cosign.approve(services.totp.propose(admin, account, { secret: `${SEED}ABCD` }).requestId, head);
    const v = view();
    for (const account of [o.fb, o.ig]) expect(actionOf(v, account, 'replace_seed')).toMatchObject({ state: 'done', by: { keyholderId: admin.keyholderId } });
    // Every action is done; the report is still missing.
    expect(v).toMatchObject({ left: 1, complete: false });
    expect(refusal(() => o.ctx.services.incidents.close(admin, incidentId))).toMatchObject({
      code: 'INCIDENT_INCOMPLETE',
      details: { reason: 'unreported', actions: 0 },
    });
  });

  it('records to whom it was reported, once per recipient, on a day between the incident’s and today', () => {
    const { services, admin } = o.ctx;
    const { on } = localNow(o);
    const report = (reportedOn: string, recipient: 'national_cert' | 'security_officer' = 'national_cert') =>
      services.incidents.report(admin, { incidentId, recipient, reference: 'CERT-PY-2026-4471', reportedOn });
    expect(refusal(() => report('2026-12-02'))).toMatchObject({ code: 'INCIDENT_DATE', rule: 'SUP-2', details: { field: 'reportedOn', reason: 'future' } });
    expect(refusal(() => report('2026-11-30'))).toMatchObject({ code: 'INCIDENT_DATE', details: { reason: 'before_incident' } });
    report(on);
    expect(refusal(() => report(on))).toMatchObject({ code: 'INCIDENT_REPORTED', rule: 'SUP-2' });
    report(on, 'security_officer');
    expect(view().reports.map((r) => [r.recipient, r.reference, r.reportedOn])).toEqual([
      ['national_cert', 'CERT-PY-2026-4471', on],
      ['security_officer', 'CERT-PY-2026-4471', on],
    ]);
    expect(view()).toMatchObject({ left: 0, complete: true, reported: true });
  });

  it('closes once nothing is left, by an administrator only; nothing more is recorded in it', () => {
    const { services, admin, head } = o.ctx;
    expect(refusal(() => services.incidents.close(head, incidentId))).toMatchObject({ code: 'ACTION_ROLE', rule: 'SUP-2' });
    services.incidents.close(admin, incidentId);
    expect(view()).toMatchObject({ status: 'closed', closedBy: { keyholderId: admin.keyholderId }, closedAt: expect.any(String) });
    expect(services.incidents.current()).toEqual([]);
    expect(services.incidents.list().map((i) => [i.incidentId, i.status])).toEqual([[incidentId, 'closed']]);
    expect(refusal(() => services.incidents.close(admin, incidentId))).toMatchObject({ code: 'INCIDENT_CLOSED', rule: 'SUP-2' });
    expect(refusal(() => services.incidents.confirm(admin, { incidentId, accountId: o.fb, action: 'review_roles' }))).toMatchObject({
      code: 'INCIDENT_CLOSED',
    });
  });
});

describe('other incidents, and changes made outside Custodia (SUP-3)', () => {
  it('a phishing incident asks for no seed; a refused recording writes nothing', () => {
    const { services, admin, head } = o.ctx;
    // Ten minutes later: the times typed have minutes, and the incident rotation above must fall before this one.
    o.clock.now += 600_000;
    const { on, time } = localNow(o);
    const input = { kind: 'phishing' as const, occurredOn: on, occurredTime: time, accountIds: [o.ig], description: 'Correo de suplantación recibido.' };
    const before = eventCount(o);
    expect(refusal(() => services.incidents.record(head, input))).toMatchObject({ code: 'ACTION_ROLE', rule: 'SUP-2' });
    expect(refusal(() => services.incidents.record(admin, { ...input, occurredOn: '2026-12-03' }))).toMatchObject({
      code: 'INCIDENT_DATE',
      details: { field: 'occurredAt', reason: 'future' },
    });
    expect(refusal(() => services.incidents.record(admin, { ...input, accountIds: ['00000000-0000-4000-8000-000000000000'] }))).toMatchObject({
      code: 'ACCOUNT_UNKNOWN',
    });
    expect(eventCount(o)).toBe(before);
    incidentId = services.incidents.record(admin, input).incidentId;
    expect(states(view(), o.ig)).toEqual({ rotate_password: 'rotation_missing', close_sessions: 'confirmation_missing', review_roles: 'confirmation_missing' });
  });

  it('records a change found to have been made outside Custodia, and gives the changes of a period for the monthly indicator', () => {
    const { services, admin, head } = o.ctx;
    const change = (changedOn: string, changedTime: string) =>
      services.incidents.recordOutsideChange(admin, {
        incidentId,
        accountId: o.ig,
        kind: 'password_changed',
        changedOn,
        changedTime,
        description: 'La contraseña fue cambiada en la plataforma sin solicitud.',
      });
    expect(refusal(() => change('2026-12-02', '08:00'))).toMatchObject({ code: 'INCIDENT_DATE', details: { field: 'changedAt', reason: 'future' } });
    expect(
      refusal(() =>
        services.incidents.recordOutsideChange(head, {
          incidentId,
          accountId: o.ig,
          kind: 'other',
          changedOn: '2026-11-30',
          changedTime: '08:00',
          description: 'x',
        }),
      ),
    ).toMatchObject({ code: 'ACTION_ROLE' });
    const { changeId } = change('2026-11-30', '23:30');
    change('2026-12-01', '08:00');
    // 30 November 23:30 in Lima is 1 December 04:30 UTC: the month is the institution's.
    const december = services.incidents.outsideChanges('2026-12-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z');
    const november = services.incidents.outsideChanges('2026-11-01T05:00:00.000Z', '2026-12-01T05:00:00.000Z');
    expect(november.map((c) => c.id)).toEqual([changeId]);
    expect(november[0]).toMatchObject({ incidentId, accountId: o.ig, kind: 'password_changed', changedAt: '2026-12-01T04:30:00.000Z' });
    expect(december).toHaveLength(1);
    expect(view().outsideChanges.map((c) => c.description)).toEqual([
      'La contraseña fue cambiada en la plataforma sin solicitud.',
      'La contraseña fue cambiada en la plataforma sin solicitud.',
    ]);
  });

  it('an account decommissioned after the incident (LIFE-3) has every action settled by its baja, listed password first', () => {
    const { services, admin, head } = o.ctx;
    // The phishing incident above, on the Instagram profile: its baja changes the password and archives it.
    expect(actionOf(view(), o.ig, 'rotate_password').state).toBe('open');
    expect(
      view()
        .accounts.find((a) => a.accountId === o.ig)!
        .actions.map((x) => x.action),
    ).toEqual(['rotate_password', 'close_sessions', 'review_roles']);
    const { requestId } = services.lifecycle.requestDecommission(admin, { accountId: o.ig, secret: freshSecret() });
    services.cosign.approve(requestId, head);
    // Authorized, not yet applied on the platform: the account is not archived yet, nothing is settled.
    expect(actionOf(view(), o.ig, 'close_sessions').state).toBe('open');
    services.rotation.confirmApplied(admin, o.ig);
    for (const action of ['rotate_password', 'close_sessions', 'review_roles'] as const) {
      expect(actionOf(view(), o.ig, action)).toMatchObject({ state: 'done', byBaja: true, by: { keyholderId: admin.keyholderId }, confirmable: false });
    }
  });

  it('leaves a log that verifies whole', async () => {
    expect(o.ctx.services.audit.verify()).toMatchObject({ ok: true });
    const status = await o.ctx.services.integrity.status(true);
    expect(status.report.faults).toEqual([]);
  });
});
