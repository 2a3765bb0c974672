import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../shared/channels';
import { createHandlerTable, RECOVERY_CHANNELS } from '../../../../main/ipc/handlers';
import type { Services } from '../../../../main/services';
import { formatRecoveryKey } from '../../../../main/vault/recovery-key';
import { closeAndRemove, refusal } from '../../../fixtures/keyholders';
import { keyholderId, KNOWN } from '../../../fixtures/vault';
import { issueKit, kitServices, pdfText, printedKeys, testClock } from './kit.context';

const NEW = { head: 'Jefa Nueva Arequipeña Solano', admin: 'Administrador Nuevo Cusqueño Ríos' };
const NEW_PASS = { head: 'llama blanca sobre el salar de Uyuni 63', admin: 'totora verde flotando en el lago 25' };

// Several Argon2id derivations per test (enrolments, unlocks, co-signing): ~1.5 s each on these machines.
describe('the emergency kit opens a recovery mode whose only action is enrolling new keyholders (issue 18, scope 6)', { timeout: 240_000 }, () => {
  let services: Services | undefined;
  afterEach(async () => {
    services = await closeAndRemove(services);
  });

  it('issued → every passphrase lost → recovered → new keyholders unlock; old passphrases and the used kit open nothing; the log shows it all and verifies', async () => {
    const time = testClock();
    const made = await kitServices(time.clock);
    services = made.services;
    const oldAdmin = keyholderId(services, 'administrator');
    const pdf = await issueKit(services);
    const [key] = printedKeys(pdfText(pdf));
    expect(key).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(services.kit.status()).toMatchObject({ newKitNeeded: false, inForce: { status: 'issued', shares: null } });
    services.sessions.lock('manual');
    // From here on the passphrases are «lost»: never typed again.

    // A well-formed key of no kit: KIT_WRONG, counted under the unlock's growing delay.
    const s = services.sodium;
    const stranger = formatRecoveryKey(s, s.randombytes_buf(20));
    expect(await refusal(() => services!.kitRecovery.recover({ key: stranger }))).toMatchObject({ code: 'KIT_WRONG', details: { failures: 1 } });
    expect(await refusal(() => services!.kitRecovery.recover({ key: key! }))).toMatchObject({ code: 'UNLOCK_THROTTLED' });
    time.advance(1_000);
    // One character changed: refused by the check group before any crypto (no failure counted).
    const altered = key!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await refusal(() => services!.kitRecovery.recover({ key: altered }))).toMatchObject({ code: 'KIT_MALFORMED' });

    const state = await services.kitRecovery.recover({ key: key!.toLowerCase().replace(/-/g, ' ') });
    expect(state.institution.name).toBe(KNOWN.institution);
    expect(state.keyholders.map((k) => k.name).sort()).toEqual([KNOWN.administrator, KNOWN.backup, KNOWN.head].sort());
    expect(state.missingRoles).toEqual(['head', 'administrator']);
    expect(services.sessions.current()).toBeUndefined();

    // The recovery session refuses every other channel, in one gate, whatever the payload.
    const table = createHandlerTable(services);
    for (const channel of CHANNELS.filter((c) => !RECOVERY_CHANNELS.has(c))) {
      expect(await table[channel]({}), channel).toEqual({ ok: false, error: { code: 'RECOVERY_MODE_ONLY' } });
    }
    expect(await table['kit.recovery']({})).toMatchObject({ ok: true, value: { kitId: state.kitId } });

    expect(
      await refusal(() => services!.kitRecovery.enrol({ personId: null, name: NEW.head, role: 'head', passphrase: NEW_PASS.head, confirm: NEW_PASS.admin })),
    ).toMatchObject({ code: 'PASSPHRASE_CONFIRM' });
    expect(
      await refusal(() => services!.kitRecovery.enrol({ personId: null, name: NEW.head, role: 'head', passphrase: 'corta', confirm: 'corta' })),
    ).toMatchObject({ code: 'PASSPHRASE_WEAK' });
    await services.kitRecovery.enrol({ personId: null, name: NEW.head, role: 'head', passphrase: NEW_PASS.head, confirm: NEW_PASS.head });
    expect(await refusal(() => services!.kitRecovery.finish())).toMatchObject({ code: 'RECOVERY_ROLES_MISSING' });
    const enrolled = await services.kitRecovery.enrol({
      personId: null,
      name: NEW.admin,
      role: 'administrator',
      passphrase: NEW_PASS.admin,
      confirm: NEW_PASS.admin,
    });
    expect(enrolled.missingRoles).toEqual([]);
    const finished = services.kitRecovery.finish();
    expect(finished.keyholders.map((k) => k.role)).toEqual(['head', 'administrator']);
    expect(services.kitRecovery.active()).toBe(false);
    expect(
      await refusal(() => services!.kitRecovery.enrol({ personId: null, name: NEW.admin, role: 'head', passphrase: NEW_PASS.admin, confirm: NEW_PASS.admin })),
    ).toMatchObject({
      code: 'RECOVERY_NOT_OPEN',
    });

    // The used kit opens nothing again; the old passphrase is revoked (a test of the old slot, not a «remembered» passphrase).
    expect(await refusal(() => services!.kitRecovery.recover({ key: key! }))).toMatchObject({ code: 'KIT_USED' });
    expect(await refusal(() => services!.sessions.unlock(oldAdmin, KNOWN.adminPass))).toMatchObject({ code: 'KEYHOLDER_REVOKED' });

    // The new head unlocks normally and reads the records sealed under the new key.
    const newHead = finished.keyholders.find((k) => k.role === 'head')!.id;
    await services.sessions.unlock(newHead, NEW_PASS.head);
    expect(services.home.home().institution.name).toBe(KNOWN.institution);
    expect(services.kit.status()).toMatchObject({ inForce: null, newKitNeeded: true, reason: 'used' });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    expect(services.audit.verify({ full: true })).toMatchObject({ ok: true });
    // The log screen shows the kit's events with valid signatures (the kit's key, not a keyholder's).
    const listed = services.auditLog.list({ limit: 20 });
    const kitRows = listed.events.filter((r) => r.action === 'kit.used' || r.action === 'kit.recovered');
    expect(kitRows.map((r) => r.signature)).toEqual(['valid', 'valid']);
    const actions = services.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all() as string[];
    const at = (a: string) => actions.indexOf(a);
    expect(at('kit.issue.proposed')).toBeGreaterThan(0);
    expect(at('kit.issue.approved')).toBeGreaterThan(at('kit.issue.proposed'));
    expect(at('kit.issued')).toBeGreaterThan(at('kit.issue.approved'));
    expect(at('kit.used')).toBeGreaterThan(at('kit.issued'));
    expect(at('kit.recovered')).toBeGreaterThan(at('kit.used'));
    const recovered = JSON.parse(
      services.vault.require().prepare(`SELECT details FROM audit_events WHERE action = 'kit.recovered'`).pluck().get() as string,
    ) as { enrolled: { id: string; role: string }[]; retired: string[]; epoch: number };
    expect(recovered.enrolled.map((e) => e.role)).toEqual(['head', 'administrator']);
    expect(recovered.retired).toHaveLength(3);
    expect(recovered.epoch).toBe(finished.epoch);
    // The new administrator unlocks too (the vault key was wrapped for each of them at finish).
    services.sessions.lock('manual');
    await services.sessions.unlock(finished.keyholders.find((k) => k.role === 'administrator')!.id, NEW_PASS.admin);
    expect(services.sessions.require().role).toBe('administrator');
  });

  it('a re-key (a revocation) supersedes the kit in force: its key opens nothing, and a new kit is needed', async () => {
    const time = testClock();
    services = (await kitServices(time.clock)).services;
    const pdf = await issueKit(services);
    const [key] = printedKeys(pdfText(pdf));
    const backup = keyholderId(services, 'backup_administrator');
    const { requestId } = services.keyholders.proposeRevoke(services.sessions.require(), { keyholderId: backup, handoverId: null, note: 'Deja la oficina' });
    await services.cosign.approveWithPassphrase(requestId, keyholderId(services, 'head'), KNOWN.headPass);
    expect(services.kit.status()).toMatchObject({ inForce: null, newKitNeeded: true, reason: 'rekeyed' });
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    services.sessions.lock('manual');
    expect(await refusal(() => services!.kitRecovery.recover({ key: key! }))).toMatchObject({ code: 'KIT_SUPERSEDED' });
  });
});
