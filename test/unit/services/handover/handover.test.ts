import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../../main/domain/errors';
import { ITEM_ES } from '../../../../main/services/handover/acta';
import { assertHandoverComplete, HandoverService } from '../../../../main/services/handover/handovers';
import { completeHandover } from '../../../fixtures/handover';
import { KNOWN, keyholderId, tempDir } from '../../../fixtures/vault';
import { counts } from '../people/people.context';
import {
  INCOMING_PASS,
  PLATFORMS,
  SEED,
  codeBlock,
  grantAppliedBy,
  handoverOffice,
  itemOf,
  revokeApplied,
  rotate,
  states,
  type Office,
} from './handover.context';

/**
 * The administrator handover (issue 16; HAND-1, HAND-3): a five-account office whose outgoing
 * administrator was shown every password. Each item ticks from its real change (only the closing
 * of sessions by hand), the completion is refused while any item or exposure is left, and the
 * acta states it all. The tests run in order on one office, as the handover runs over days.
 */
let o: Office;
beforeAll(async () => {
  o = await handoverOffice();
}, 60_000);
afterAll(() => o.ctx.services.close());

const plan = () => o.ctx.services.handover.plan(o.handoverId);
const db = () => o.ctx.services.vault.require();
const assertComplete = () => assertHandoverComplete(db(), o.handoverId, o.ctx.services.integrity);
const refusal = (f: () => unknown): CustodiaError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CustodiaError) return error;
    throw error;
  }
  throw new Error('not refused');
};
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const actaDir = tempDir('custodia-acta-');

describe('the handover of a five-account office', () => {
  it('lays out every item open at the start, the outgoing exposures and the progress; completion is refused (HAND-1)', () => {
    const p = plan();
    const [fb, ig, ...rest] = o.accounts;
    expect(p).toMatchObject({ role: 'administrator', status: 'open', complete: false });
    expect(p.outgoing).toMatchObject({
      keyholderId: keyholderId(o.ctx.services, 'administrator'),
      personId: o.outgoingPerson,
      name: 'Rosalinda Quispecahua Trelles',
    });
    expect(p.incoming).toEqual({ keyholderId: o.incomingId, personId: o.incomingPerson, name: 'Wilfredo Condori Apaza' });
    expect(p.accounts.map((a) => a.accountId).sort()).toEqual([...o.accounts].sort());
    const common = {
      password_changed: 'rotation_missing',
      roles_reassigned: 'outgoing_admin_role',
      sessions_closed: 'confirmation_missing',
      recovery_contacts_updated: 'contacts_not_updated',
    };
    expect(states(p, fb!)).toEqual({ ...common, seed_replaced: 'seed_not_replaced', recovery_codes_replaced: 'not_applicable' });
    expect(states(p, ig!)).toEqual({ ...common, seed_replaced: 'not_applicable', recovery_codes_replaced: 'codes_not_replaced' });
    for (const a of rest) expect(states(p, a)).toEqual({ ...common, seed_replaced: 'not_applicable', recovery_codes_replaced: 'not_applicable' });
    // HAND-3: the five current passwords they revealed and the code set of which they saw a code.
    expect(p.exposures.map((e) => `${e.kind}:${e.accountId}`).sort()).toEqual([...o.accounts.map((a) => `password:${a}`), `recovery_codes:${ig}`].sort());
    expect(p.progress).toEqual({ itemsDone: 0, itemsTotal: 22, accountsLeft: 5, exposuresLeft: 6, departureLeft: 0, left: 28 });
    expect(p.departure).toBeNull();
    expect(o.ctx.services.handover.current()).toEqual([expect.objectContaining({ handoverId: o.handoverId, progress: p.progress })]);

    const refused = refusal(assertComplete);
    expect(refused).toMatchObject({ code: 'HANDOVER_INCOMPLETE', rule: 'HAND-1' });
    expect(refused.details).toMatchObject({ items: 22, accounts: 5, exposures: 6, departureItems: 0 });
  });

  it('prints a draft acta («BORRADOR») while the handover is open', async () => {
    const path = join(actaDir, 'borrador.pdf');
    await o.ctx.services.handover.acta(o.handoverId, { path });
    const text = pdfText(path);
    expect(text).toContain('BORRADOR');
    expect(text).toContain('Pendiente');
    // Through the IPC's path: main asks the save dialog (here a port naming a temp file, or cancelling).
    const { services } = o.ctx;
    const chosen = join(actaDir, 'elegida.pdf');
    const asked: string[] = [];
    const withDialog = (answer: string | null) =>
      new HandoverService(
        services.sodium,
        services.vault,
        services.sessions,
        services.cosign,
        services.integrity,
        () => new Date(o.clock.now),
        async (name) => {
          asked.push(name);
          return answer;
        },
      );
    expect(await withDialog(null).saveActa(o.handoverId)).toEqual({ saved: false });
    expect(await withDialog(chosen).saveActa(o.handoverId)).toEqual({ saved: true });
    expect(pdfText(chosen)).toContain('BORRADOR');
    expect(asked).toEqual([`acta-entrega-${KNOWN.acronym}-2026-12-01-borrador.pdf`, `acta-entrega-${KNOWN.acronym}-2026-12-01-borrador.pdf`]);
  });

  it('closing sessions is confirmed by the incoming keyholder or the head only, once per account, and audited', () => {
    const { services, admin, head, backup } = o.ctx;
    const before = counts(services).events;
    const [fb, ig] = o.accounts;
    expect(refusal(() => services.handover.confirmSessions(admin, o.handoverId, fb!))).toMatchObject({ code: 'HANDOVER_ACTOR', rule: 'HAND-1' });
    expect(refusal(() => services.handover.confirmSessions(backup, o.handoverId, fb!))).toMatchObject({ code: 'HANDOVER_ACTOR', rule: 'HAND-1' });
    expect(refusal(() => services.handover.confirmSessions(o.incoming, o.handoverId, '00000000-0000-4000-8000-000000000000'))).toMatchObject({
      code: 'ACCOUNT_UNKNOWN',
      rule: 'HAND-1',
    });
    expect(refusal(() => services.handover.confirmSessions(o.incoming, '00000000-0000-4000-8000-000000000000', fb!))).toMatchObject({
      code: 'HANDOVER_UNKNOWN',
      rule: 'HAND-1',
    });
    expect(counts(services).events).toBe(before);

    services.handover.confirmSessions(o.incoming, o.handoverId, fb!);
    services.handover.confirmSessions(head, o.handoverId, ig!);
    expect(refusal(() => services.handover.confirmSessions(o.incoming, o.handoverId, fb!))).toMatchObject({ code: 'HANDOVER_CONFIRMED', rule: 'HAND-1' });
    expect(counts(services).events).toBe(before + 2);
    const events = db().prepare(`SELECT actor_id AS actor, subjects FROM audit_events WHERE action = 'handover.sessions_confirmed' ORDER BY seq`).all() as {
      actor: string;
      subjects: string;
    }[];
    expect(events.map((e) => ({ actor: e.actor, subjects: JSON.parse(e.subjects) as unknown }))).toEqual([
      { actor: o.incomingId, subjects: { handover: o.handoverId, account: fb } },
      { actor: head.keyholderId, subjects: { handover: o.handoverId, account: ig } },
    ]);
    const p = plan();
    expect(itemOf(p, fb!, 'sessions_closed')).toMatchObject({
      state: 'done',
      by: { keyholderId: o.incomingId, name: 'Wilfredo Condori Apaza' },
      missing: null,
    });
    expect(itemOf(p, ig!, 'sessions_closed')).toMatchObject({ state: 'done', by: { keyholderId: head.keyholderId, name: KNOWN.head } });
    expect(itemOf(p, ig!, 'sessions_closed').at).toEqual(expect.any(String));
  });

  it('a password ticks only from a «entrega de cargo» rotation proposed by the incoming keyholder and applied; HAND-3 from any rotation', () => {
    const { services, admin, head } = o.ctx;
    const [fb, ig, ...rest] = o.accounts;
    // A scheduled rotation settles the exposure (HAND-3) but is not the handover's change.
    rotate(o, fb!, o.incoming, 'scheduled');
    expect(itemOf(plan(), fb!, 'password_changed').missing).toBe('rotation_missing');
    expect(plan().exposures.some((e) => e.kind === 'password' && e.accountId === fb)).toBe(false);
    // Authorized and not yet applied on the platform.
    const { requestId } = services.cosign.propose(o.incoming, { accountId: ig!, secret: 'Wq8#nL3!vZ6@tP1$kR5^', reason: 'handover' });
    services.cosign.approve(requestId, head);
    expect(itemOf(plan(), ig!, 'password_changed').missing).toBe('awaiting_apply');
    o.clock.now += 60_000;
    services.rotation.confirmApplied(o.incoming, ig!);
    const applied = db().prepare('SELECT applied_at FROM credential_versions WHERE change_request_id = ?').pluck().get(requestId);
    expect(itemOf(plan(), ig!, 'password_changed')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId }, at: applied });
    // The outgoing administrator changing it afterwards knows it again: open until the incoming one changes it once more.
    rotate(o, ig!, admin, 'scheduled');
    expect(itemOf(plan(), ig!, 'password_changed').missing).toBe('rotated_by_outgoing');
    rotate(o, ig!, o.incoming);
    rotate(o, fb!, o.incoming);
    for (const a of rest) rotate(o, a, o.incoming);
    const p = plan();
    for (const a of o.accounts) expect(itemOf(p, a, 'password_changed')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId } });
    expect(p.exposures.map((e) => e.kind)).toEqual(['recovery_codes']);
  });

  it('roles tick when the outgoing admin roles are revoked on the platform and the incoming one holds an active admin role', () => {
    const [fb, ...rest] = o.accounts;
    revokeApplied(o, o.grants[0]!, o.incoming);
    expect(itemOf(plan(), fb!, 'roles_reassigned').missing).toBe('incoming_admin_missing');
    grantAppliedBy(o, fb!, o.incomingPerson, PLATFORMS[0]!.role, o.incoming);
    const granted = db().prepare('SELECT granted_at FROM platform_roles WHERE account_id = ? AND person_id = ?').pluck().get(fb, o.incomingPerson);
    // Who: the keyholder who confirmed the change applied (read from its signed role.applied event).
    expect(itemOf(plan(), fb!, 'roles_reassigned')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId }, at: granted });
    rest.forEach((a, i) => {
      // A revocation authorized but not yet applied on the platform leaves the role with the outgoing person.
      const { services, head } = o.ctx;
      services.cosign.approve(services.staff.proposeRevoke(o.incoming, { grantId: o.grants[i + 1]! }).requestId, head);
      expect(itemOf(plan(), a, 'roles_reassigned').missing).toBe('outgoing_admin_role');
      services.staff.confirmApplied(o.incoming, o.grants[i + 1]!);
      grantAppliedBy(o, a, o.incomingPerson, PLATFORMS[i + 1]!.role, o.incoming);
    });
    for (const a of o.accounts) expect(itemOf(plan(), a, 'roles_reassigned').state).toBe('done');
  });

  it('recovery contacts tick when recorded again with a phone held by the incoming keyholder (SEC-3 again)', () => {
    const { services } = o.ctx;
    const [fb] = o.accounts;
    const twoStep = (phone: string) => ({ method: 'totp_vault' as const, recoveryDeviceId: phone, recoveryEmail: `entrega@${KNOWN.domain}` });
    services.twoStep.update(o.incoming, fb!, twoStep(o.phone));
    expect(itemOf(plan(), fb!, 'recovery_contacts_updated').missing).toBe('phone_not_incoming');
    const phone = services.twoStep.addDevice(o.incoming, {
      label: 'Teléfono del entrante',
      number: '+51 987 300 400',
      institutionOwned: true,
      holderKeyholderId: o.incomingId,
    }).deviceId;
    for (const a of o.accounts) services.twoStep.update(o.incoming, a, twoStep(phone));
    for (const a of o.accounts) expect(itemOf(plan(), a, 'recovery_contacts_updated')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId } });
  });

  it('the seed and the recovery codes tick when replaced; the last exposure goes with the old set', () => {
    const { services, head } = o.ctx;
    const [fb, ig] = o.accounts;
    services.cosign.approve(services.totp.propose(o.incoming, fb!, { secret: `${SEED}ABCD` }).requestId, head);
    expect(itemOf(plan(), fb!, 'seed_replaced')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId } });
    expect(plan().exposures).toHaveLength(1);
    services.cosign.approve(services.recovery.proposeReplacement(o.incoming, ig!, codeBlock()).requestId, head);
    expect(itemOf(plan(), ig!, 'recovery_codes_replaced')).toMatchObject({ state: 'done', by: { keyholderId: o.incomingId } });
    expect(plan().exposures).toEqual([]);
  });

  it('a sessions confirmation forged with sqlite3 ticks nothing: the completion check names the tampering', async () => {
    const { services } = o.ctx;
    await services.integrity.status();
    const [, , yt] = o.accounts;
    db()
      .prepare(`INSERT INTO handover_confirmations (handover_id, account_id, item, confirmed_by, confirmed_at) VALUES (?, ?, 'sessions_closed', ?, ?)`)
      .run(o.handoverId, yt, o.incomingId, new Date(o.clock.now).toISOString());
    expect(refusal(assertComplete)).toMatchObject({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'handover_confirmations' } });
    db().prepare('DELETE FROM handover_confirmations WHERE handover_id = ? AND account_id = ?').run(o.handoverId, yt);
    expect(refusal(assertComplete)).toMatchObject({ code: 'HANDOVER_INCOMPLETE', details: { items: 3, accounts: 3, exposures: 0 } });
  });

  it('with every item done, a password the outgoing keyholder sees again blocks the completion (HAND-3) until it is rotated', () => {
    const { services, admin } = o.ctx;
    const [, , ...rest] = o.accounts;
    for (const a of rest) services.handover.confirmSessions(o.incoming, o.handoverId, a);
    expect(plan()).toMatchObject({ complete: true, progress: { left: 0, itemsDone: 22, itemsTotal: 22 } });
    expect(() => assertComplete()).not.toThrow();

    services.credentials.reveal(admin, rest[0]!);
    expect(plan().exposures).toEqual([expect.objectContaining({ kind: 'password', accountId: rest[0] })]);
    expect(refusal(assertComplete)).toMatchObject({ code: 'HANDOVER_INCOMPLETE', rule: 'HAND-3', details: { items: 0, exposures: 1 } });
    rotate(o, rest[0]!, o.incoming);
    expect(() => assertComplete()).not.toThrow();
  });

  it('the completion revokes the outgoing keyholder; nothing more is confirmed; the acta is final', async () => {
    const { services, head } = o.ctx;
    const outgoingKeyholderId = keyholderId(services, 'administrator');
    // The incoming administrator's session (never the outgoing one's: it must not go on under the new key).
    services.sessions.lock('manual');
    await services.sessions.unlock(o.incomingId, INCOMING_PASS);
    completeHandover(services, o.incoming, head, { handoverId: o.handoverId, outgoingKeyholderId });
    const p = plan();
    expect(p).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    expect(services.handover.current()).toEqual([]);
    expect(services.handover.list()).toEqual([expect.objectContaining({ handoverId: o.handoverId, status: 'completed' })]);
    expect(refusal(() => services.handover.confirmSessions(o.incoming, o.handoverId, o.accounts[0]!))).toMatchObject({ code: 'HANDOVER_COMPLETED' });
    expect(refusal(assertComplete)).toMatchObject({ code: 'HANDOVER_COMPLETED' });

    const path = join(actaDir, 'acta.pdf');
    await services.handover.acta(o.handoverId, { path });
    const home = services.home.home();
    const text = pdfText(path);
    expect(text).not.toContain('BORRADOR');
    expect(text).toContain('ACTA DE ENTREGA Y RECEPCIÓN');
    expect(text).toContain(KNOWN.institution.toUpperCase());
    for (const name of ['Rosalinda Quispecahua Trelles', 'Wilfredo Condori Apaza', KNOWN.head]) expect(text).toContain(name);
    for (const dni of ['40111222', '41333444']) expect(text).toContain(dni);
    for (const { name } of PLATFORMS) expect(text).toContain(name);
    for (const label of Object.values(ITEM_ES)) expect(text).toContain(label);
    expect(text).toContain(home.audit.headHash);
    // The signing-key fingerprints of the three who sign (not the backup administrator's).
    const three = [outgoingKeyholderId, o.incomingId, head.keyholderId];
    for (const k of home.keyholders) expect(text.includes(k.fingerprint)).toBe(three.includes(k.id));
    // fb scheduled + fb, ig (awaited), ig by the outgoing one, ig again, the other three, and the one seen again: 9.
    expect(text).toContain('Contraseñas cambiadas durante la entrega: 9.');
    expect(text).toContain('America/Lima');
    // Never a secret: no password, seed or code reaches the acta.
    expect(text).not.toContain(SEED);

    const shots = join(process.cwd(), 'docs', 'screenshots');
    mkdirSync(shots, { recursive: true });
    const prefix = join(actaDir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, prefix]);
    copyFileSync(`${prefix}-1.png`, join(shots, 'acta-de-entrega.png'));
  });
});
