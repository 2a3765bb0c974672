import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../../../main/ipc/handlers';
import { createServices, type Services } from '../../../../main/services';
import { formatRecoveryKey, recoveryKek, recoveryKeyCheck, wrapForKit } from '../../../../main/vault/recovery-key';
import { readMeta } from '../../../../main/vault/repositories/meta';
import { closeAndRemove, refusal } from '../../../fixtures/keyholders';
import { keyholderId, KNOWN } from '../../../fixtures/vault';
import { issueKit, kitServices, pdfText, printedKeys, testClock } from './kit.context';

/** The vault file edited with sqlite3 while Custodia is closed, then opened again. */
async function editClosed(services: Services, clock: () => Date, sql: (db: Database.Database) => void): Promise<Services> {
  const dir = services.vault.dataDir;
  await services.close();
  const db = new Database(`${dir}/vault.sqlite`);
  db.pragma('foreign_keys = OFF');
  sql(db);
  db.close();
  return createServices({ dataDir: dir, clock });
}

// Several Argon2id derivations per test (enrolments, unlocks, co-signing): ~1.5 s each on these machines.
describe('the emergency kit against an attacker (issue 18; POL-5)', { timeout: 240_000 }, () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('the administrator cannot authorize their own kit request (POL-5), nor print one not authorized, rejected, expired, or twice', async () => {
    const time = testClock();
    services = (await kitServices(time.clock)).services;
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const { requestId } = services.kit.propose(services.sessions.require(), { shares: null, note: null });
    expect(await refusal(() => services!.kit.print(requestId))).toMatchObject({ code: 'KIT_NOT_AUTHORIZED', rule: 'POL-5' });
    expect(await refusal(() => services!.cosign.approveWithPassphrase(requestId, keyholderId(services!, 'administrator'), KNOWN.adminPass))).toMatchObject({
      code: 'COSIGN_SELF_APPROVAL',
    });
    await services.cosign.approveWithPassphrase(requestId, keyholderId(services, 'head'), KNOWN.headPass);
    expect(await services.kit.print(requestId)).toMatchObject({ saved: true });
    expect(await refusal(() => services!.kit.print(requestId))).toMatchObject({ code: 'KIT_PRINTED' });
    // The head may not ask for one (the administrator asks, POL-5).
    const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
    expect(await refusal(() => services!.kit.propose(head, { shares: null, note: null }))).toMatchObject({ code: 'ACTION_ROLE' });
    services.sessions.release(head);
    // Rejected by the head, or authorized but printed past the request's validity: nothing is issued.
    const rejected = services.kit.propose(services.sessions.require(), { shares: null, note: null }).requestId;
    await services.cosign.rejectWithPassphrase(rejected, keyholderId(services, 'head'), KNOWN.headPass, 'No corresponde');
    expect(await refusal(() => services!.kit.print(rejected))).toMatchObject({ code: 'KIT_NOT_AUTHORIZED' });
    const late = services.kit.propose(services.sessions.require(), { shares: null, note: null }).requestId;
    await services.cosign.approveWithPassphrase(late, keyholderId(services, 'head'), KNOWN.headPass);
    time.advance(400 * 24 * 3_600_000);
    expect(await refusal(() => services!.kit.print(late))).toMatchObject({ code: 'KIT_NOT_AUTHORIZED', details: { reason: 'expired' } });
    expect(services.vault.require().prepare('SELECT count(*) FROM recovery_kits').pluck().get()).toBe(1);
  });

  it('a kit.issued event an insider signs without an authorized request is named by the verification (POL-5)', async () => {
    services = (await kitServices(testClock().clock)).services;
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const s = services.sodium;
    const key = s.to_hex(s.crypto_sign_keypair().publicKey);
    services.sessions.commit(
      () => undefined,
      () => ({
        at: new Date(Date.UTC(2026, 0, 5, 15)).toISOString(),
        action: 'kit.issued',
        subjects: { kit: 'forged-kit', request: '5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d' },
        details: { key, fingerprint: '', threshold: null, shares: null, superseded: null },
      }),
    );
    const report = services.integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.faults).toContainEqual(expect.objectContaining({ kind: 'request_unknown' }));
    // Recovery mode cannot be entered from an unlocked session.
    expect(await refusal(() => services!.kitRecovery.recover({ key: 'AAAA' }))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('hostile payloads are refused typed; recovery channels answer nothing outside recovery mode', async () => {
    services = (await kitServices(testClock().clock)).services;
    const table = createHandlerTable(services);
    const bad: [string, unknown][] = [
      ['kit.recover', { key: 123 }],
      ['kit.recover', { shares: [] }],
      ['kit.recover', { key: 'AAAA', shares: ['AAAA'] }],
      ['kit.recover', { key: 'A'.repeat(5000) }],
      ['kit.recover', { shares: Array.from({ length: 20 }, () => 'AAAA') }],
      ['kit.enrol', { personId: null, name: 'X', role: 'owner', passphrase: 'p', confirm: 'p' }],
      ['kit.enrol', { personId: null, name: '', role: 'head', passphrase: 'p', confirm: 'p' }],
      ['kit.propose', { shares: { k: 4, n: 3, holders: ['a', 'b', 'c'] }, note: null }],
      ['kit.propose', { shares: { k: 2, n: 3, holders: ['a', 'b'] }, note: null }],
      ['kit.print', { requestId: 'not-a-uuid' }],
      ['kit.finish', { force: true }],
    ];
    for (const [channel, payload] of bad) {
      const result = await table[channel as 'kit.recover'](payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await table['kit.recover']({ key: 'not a key at all' })).toMatchObject({ ok: false, error: { code: 'KIT_MALFORMED' } });
    expect(await table['kit.enrol']({ personId: null, name: 'Persona', role: 'head', passphrase: 'x', confirm: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_NOT_OPEN' },
    });
    expect(await table['kit.finish']({})).toMatchObject({ ok: false, error: { code: 'RECOVERY_NOT_OPEN' } });
    expect(await table['kit.recovery']({})).toEqual({ ok: true, value: null });
    expect(await table['kit.status']({})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });

  it('sqlite3 edits of the kit row are refused: a used kit put back in force, a swapped wrap, a kit of one’s own inserted without its event', async () => {
    const time = testClock();
    services = (await kitServices(time.clock)).services;
    const [key] = printedKeys(pdfText(await issueKit(services)));
    // An insider with their own passphrase knows the vault key: they make a kit of their own, as if issued.
    const s = services.sodium;
    const db = services.vault.require();
    const vaultId = readMeta(db, 'vault_id')!.toString();
    const own = s.randombytes_buf(20);
    const signing = s.crypto_sign_keypair();
    const forged = wrapForKit(s, recoveryKek(s, own, vaultId, 'forged-kit'), services.sessions.require().keys.vk, signing.privateKey, 'forged-kit');
    const inForce = db.prepare(`SELECT * FROM recovery_kits WHERE status = 'issued'`).get() as Record<string, unknown>;
    services.sessions.lock('manual');

    // 1. Its own kit slipped in place of the one in force: refused, and the verification names the row.
    services = await editClosed(services, time.clock, (raw) => {
      raw.prepare(`UPDATE recovery_kits SET status = 'superseded', closed_at = 'x', wrapped_vk = NULL, sealed_sign_secret = NULL`).run();
      raw
        .prepare(
          `INSERT INTO recovery_kits (id, request_id, issued_by, issued_at, status, key_check, sign_public_key, wrapped_vk, sealed_sign_secret)
           VALUES ('forged-kit', 'forged-request', ?, '2026-01-05', 'issued', ?, ?, ?, ?)`,
        )
        .run(inForce.issued_by, recoveryKeyCheck(s, own, vaultId, 'forged-kit'), signing.publicKey, forged.wrappedVk, forged.sealedSignSecret);
    });
    expect(await refusal(() => services!.kitRecovery.recover({ key: formatRecoveryKey(s, own) }))).toMatchObject({
      code: 'VAULT_TAMPERED',
      details: { part: 'recovery_kit' },
    });
    expect(services.kitRecovery.active()).toBe(false);

    // 2. The genuine kit's wrap swapped for the forged one's (the row put back otherwise): refused before any session.
    services = await editClosed(services, time.clock, (raw) => {
      raw.prepare(`DELETE FROM recovery_kits WHERE id = 'forged-kit'`).run();
      raw
        .prepare(`UPDATE recovery_kits SET status = 'issued', closed_at = NULL, wrapped_vk = ?, sealed_sign_secret = ? WHERE id = ?`)
        .run(forged.wrappedVk, inForce.sealed_sign_secret, inForce.id);
    });
    expect(await refusal(() => services!.kitRecovery.recover({ key: key! }))).toMatchObject({ code: 'VAULT_TAMPERED' });

    // 3. Put back exactly as it was: the kit works (the refusals above were the edits', not the kit's).
    services = await editClosed(services, time.clock, (raw) => {
      raw.prepare(`UPDATE recovery_kits SET wrapped_vk = ? WHERE id = ?`).run(inForce.wrapped_vk, inForce.id);
    });
    await services.kitRecovery.recover({ key: key! });
    await services.kitRecovery.enrol({
      personId: null,
      name: 'Jefa Nueva Solano',
      role: 'head',
      passphrase: 'llama blanca sobre el salar 63',
      confirm: 'llama blanca sobre el salar 63',
    });
    await services.kitRecovery.enrol({
      personId: null,
      name: 'Admin Nuevo Ríos',
      role: 'administrator',
      passphrase: 'totora verde flotando en el lago 25',
      confirm: 'totora verde flotando en el lago 25',
    });
    services.kitRecovery.finish();

    // 4. The used kit put back in force with its old wraps: the log says it was used; refused.
    services = await editClosed(services, time.clock, (raw) => {
      raw
        .prepare(`UPDATE recovery_kits SET status = 'issued', closed_at = NULL, wrapped_vk = ?, sealed_sign_secret = ? WHERE id = ?`)
        .run(inForce.wrapped_vk, inForce.sealed_sign_secret, inForce.id);
    });
    expect(await refusal(() => services!.kitRecovery.recover({ key: key! }))).toMatchObject({ code: 'VAULT_TAMPERED' });
  });
});
