import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingChange } from '../../../../shared/accounts';
import type { ReplaceProposed, VaultReplaced } from '../../../../shared/vault-restore';
import { createServices, type Services } from '../../../../main/services';
import type { BackupFilesPort } from '../../../../main/services/backup/backups';
import type { Actor } from '../../../../main/services/vault/session';
import { refusal } from '../../../fixtures/keyholders';
import { KNOWN, keyholderId, removeDir, servicesOnCopy, tempDir } from '../../../fixtures/vault';
import { call, tableOf, valueOf } from '../../attack/helpers';

/**
 * Replacing this vault with a backup of it (issue 18, scope 2): a co-signed «vault.restore». The
 * head authorizes (POL-5, never one's own request); a changed file, a foreign backup, a wrong
 * passphrase, an unauthorized request are refused with nothing replaced; the replaced file is kept
 * aside and the restored vault opens with no rollback alarm, while an older file copied in place
 * without an authorized replacement still trips it.
 */
const MINUTE = 60_000;
let now = Date.UTC(2026, 10, 2, 15);
const clock = () => new Date((now += MINUTE));
const dirs: string[] = [];
const dir = () => {
  const d = tempDir('custodia-replace-');
  dirs.push(d);
  return d;
};
let chosen: string | null = null;
const files: BackupFilesPort = { saveTo: async () => chosen, openFrom: async () => chosen };

let services: Services;
let dataDir: string;
let admin: Actor;
let head: Actor;
let backupFile: string;
let older: string;
const vaultPath = () => join(dataDir, 'vault.sqlite');

async function reopen(): Promise<void> {
  await services.close();
  services = await createServices({ dataDir, clock, backupFiles: files });
}
async function unlockAsAdmin() {
  const info = await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
  admin = services.sessions.require();
  head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  return info;
}
const headSeq = () => services.vault.require().prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;
const proposeAndApprove = (file: string) => {
  const { requestId } = services.vaultReplace.proposeFile(admin, file, 'Disco dañado');
  services.cosign.approve(requestId, head);
  return requestId;
};

beforeAll(async () => {
  const copy = await servicesOnCopy();
  dataDir = copy.vault.dataDir;
  await copy.close();
  services = await createServices({ dataDir, clock, backupFiles: files });
  await unlockAsAdmin();
  // An older copy of the vault (an attacker's), then a change, the backup, and the vault moves on: settings changes, co-signed.
  older = join(dir(), 'older.sqlite');
  services.vault.require().exec(`VACUUM INTO '${older}'`);
  const remindAfter = (days: number) =>
    services.cosign.approve(
      services.cosign.proposeSettings(admin, { settings: { ...services.rotation.settings(), backupReminderDays: days } }).requestId,
      head,
    );
  remindAfter(5);
  backupFile = join(dir(), 'viernes.custodia');
  await services.backup.create(admin, backupFile);
  remindAfter(3);
}, 120_000);
afterAll(async () => {
  await services.close();
  for (const d of [...dirs, dataDir]) removeDir(d);
});

describe('the request', () => {
  it('records the backup as inspected next to the vault in use; the head sees both; the proposer cannot authorize it (POL-5)', async () => {
    const { requestId, file } = services.vaultReplace.proposeFile(admin, backupFile, 'Disco dañado');
    expect(file).toBe('viernes.custodia');
    const pending = services.cosign.pending().find((r: PendingChange) => r.id === requestId)!;
    expect(pending.description).toMatchObject({
      kind: 'vault.restore',
      backup: { file: 'viernes.custodia', createdAt: expect.any(String), accounts: 0 },
      current: { createdAt: null, seq: headSeq() },
    });
    const d = pending.description as Extract<PendingChange['description'], { kind: 'vault.restore' }>;
    expect(d.backup.seq).toBeLessThan(d.current.seq);
    expect(JSON.stringify(pending)).not.toContain(dataDir);
    expect(await refusal(() => services.cosign.approve(requestId, admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(await refusal(() => services.vaultReplace.perform(admin, requestId, KNOWN.adminPass))).toMatchObject({
      code: 'RESTORE_NOT_AUTHORIZED',
      rule: 'POL-5',
    });
    services.cosign.reject(requestId, head, 'Todavía no');
    expect(existsSync(vaultPath())).toBe(true);
  });

  it('refuses another institution’s backup (BACKUP_FOREIGN) and a file that is not a backup, proposing nothing', async () => {
    const other = await servicesOnCopy({ withBackup: false });
    await other.sessions.unlock(keyholderId(other, 'administrator'), KNOWN.adminPass);
    const foreign = join(dir(), 'ajena.custodia');
    await other.backup.create(other.sessions.require(), foreign);
    await other.close();
    dirs.push(other.vault.dataDir);
    expect(await refusal(() => services.vaultReplace.proposeFile(admin, foreign))).toMatchObject({ code: 'BACKUP_FOREIGN' });
    expect(await refusal(() => services.vaultReplace.proposeFile(admin, older))).toMatchObject({ code: 'BACKUP_NOT_A_BACKUP' });
    expect(services.cosign.pending().filter((r) => r.kind === 'vault.restore')).toEqual([]);
  });

  it('hostile payloads are refused by the contract: no path crosses IPC, a request id must be one', async () => {
    const table = tableOf(services);
    for (const payload of [{ path: backupFile }, { note: 'x', file: backupFile }]) {
      expect(await call(table, 'backup.proposeReplace', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    for (const payload of [{ requestId: '../vault.sqlite', passphrase: 'x' }, { requestId: crypto.randomUUID(), passphrase: '' }, {}]) {
      expect(await call(table, 'backup.replace', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await call(table, 'backup.replace', { requestId: crypto.randomUUID(), passphrase: KNOWN.adminPass })).toMatchObject({
      ok: false,
      error: { code: 'RESTORE_NOT_AUTHORIZED' },
    });
    // Through the dialog: cancelled, nothing proposed; chosen, a request.
    chosen = null;
    expect(valueOf<ReplaceProposed>(await call(table, 'backup.proposeReplace', {}))).toEqual({ chosen: false });
    chosen = backupFile;
    const proposed = valueOf<ReplaceProposed>(await call(table, 'backup.proposeReplace', { note: 'Vuelta a la copia' }));
    expect(proposed).toMatchObject({ chosen: true, file: 'viernes.custodia' });
    if (proposed.chosen) services.cosign.reject(proposed.requestId, head, 'Por la pantalla, no');
  });
});

describe('performing an authorized replacement', () => {
  it('refuses a backup changed after the head authorized it, even a valid backup of this vault', async () => {
    const moving = join(dir(), 'movil.custodia');
    copyFileSync(backupFile, moving);
    const requestId = proposeAndApprove(moving);
    await services.backup.create(admin, join(dir(), 'otra.custodia'));
    copyFileSync(join(dirs.at(-1)!, 'otra.custodia'), moving);
    expect(await refusal(() => services.vaultReplace.perform(admin, requestId, KNOWN.adminPass))).toEqual({
      code: 'BACKUP_CHANGED',
      rule: undefined,
      details: { file: 'movil.custodia' },
    });
    rmSync(moving);
    expect(await refusal(() => services.vaultReplace.perform(admin, requestId, KNOWN.adminPass))).toMatchObject({ code: 'BACKUP_CHANGED' });
    expect(services.sessions.require().keyholderId).toBe(admin.keyholderId);
  });

  it('as an attacker with sqlite3: an authorized request’s sealed payload swapped for a pending one naming another file is refused', async () => {
    const other = join(dir(), 'otra-copia.custodia');
    copyFileSync(backupFile, other);
    const approved = proposeAndApprove(backupFile);
    const { requestId: pending } = services.vaultReplace.proposeFile(admin, other, 'Otra');
    const file = new Database(vaultPath());
    const payloadOf = (id: string) => file.prepare('SELECT payload FROM change_requests WHERE id = ?').pluck().get(id) as Buffer;
    const original = payloadOf(approved);
    file.prepare('UPDATE change_requests SET payload = ? WHERE id = ?').run(payloadOf(pending), approved);
    const code = (await refusal(() => services.vaultReplace.perform(admin, approved, KNOWN.adminPass))).code;
    file.prepare('UPDATE change_requests SET payload = ? WHERE id = ?').run(original, approved);
    file.close();
    // The row differs from what its signed event recorded: named before anything is opened.
    expect(code).toBe('VAULT_TAMPERED');
    expect(readdirSync(dataDir).filter((n) => n.includes('.replaced-'))).toEqual([]);
    services.cosign.reject(pending, head, 'Duplicada');
  });

  it('refuses a wrong passphrase (UNLOCK_FAILED), the vault untouched and the session on', async () => {
    const requestId = proposeAndApprove(backupFile);
    const before = headSeq();
    expect(await refusal(() => services.vaultReplace.perform(admin, requestId, 'no es la frase'))).toMatchObject({ code: 'UNLOCK_FAILED' });
    expect(headSeq()).toBe(before);
    expect(readdirSync(dataDir).filter((n) => n.includes('.replaced-') || n.includes('.replacing-'))).toEqual([]);
  });

  it('refuses an authorization past its validity (the request’s expiry), listing it no more', async () => {
    const requestId = proposeAndApprove(backupFile);
    now += 25 * 60 * MINUTE;
    expect(await refusal(() => services.vaultReplace.perform(admin, requestId, KNOWN.adminPass))).toEqual({
      code: 'RESTORE_NOT_AUTHORIZED',
      rule: 'POL-5',
      details: { reason: 'expired' },
    });
    expect(services.vaultReplace.status().authorized).toEqual([]);
  });

  it('keeps the current file aside, installs the backup, ends the session; the restored vault opens with the backup’s head and no rollback alarm', async () => {
    const requestId = proposeAndApprove(backupFile);
    expect(services.vaultReplace.status().authorized.map((a) => a.requestId)).toContain(requestId);
    const backupHead = services.backup.inspect(backupFile).facts.chainHead;
    const replaced = await services.vaultReplace.perform(admin, requestId, KNOWN.adminPass);
    expect(replaced).toMatchObject<Partial<VaultReplaced>>({ replaced: true, chainHead: backupHead });
    expect(await refusal(() => services.sessions.require())).toMatchObject({ code: 'VAULT_LOCKED' });
    expect(existsSync(join(dataDir, replaced.aside))).toBe(true);

    // The file kept aside is the old vault, whole: its last events are the replacement and the lock.
    const asideDir = dir();
    copyFileSync(join(dataDir, replaced.aside), join(asideDir, 'vault.sqlite'));
    const aside = await createServices({ dataDir: asideDir, clock });
    const actions = aside.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq DESC LIMIT 2').pluck().all();
    expect(actions).toEqual(['vault.locked', 'vault.replaced']);
    const event = aside.vault.require().prepare(`SELECT details FROM audit_events WHERE action = 'vault.replaced'`).pluck().get() as string;
    expect(JSON.parse(event)).toMatchObject({ replaced: replaced.aside, seq: backupHead.seq, head: backupHead.hash });
    await aside.close();

    // As an attacker, before anyone unlocks: an older vault copied in place, beside the genuine replacement's kept file.
    await services.close();
    const restored = join(asideDir, 'restored.sqlite');
    copyFileSync(vaultPath(), restored);
    copyFileSync(older, vaultPath());
    services = await createServices({ dataDir, clock, backupFiles: files });
    expect((await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass)).lastVisit?.state).toBe('rolled_back');
    await services.close();
    for (const suffix of ['-wal', '-shm']) rmSync(vaultPath() + suffix, { force: true });
    copyFileSync(restored, vaultPath());

    await reopen();
    const visit = await unlockAsAdmin();
    expect(visit.lastVisit).toMatchObject({ state: 'ok', seenSeq: backupHead.seq });
    const db = services.vault.require();
    expect((db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(backupHead.seq) as Buffer).toString('hex')).toBe(backupHead.hash);
    expect(services.rotation.settings().backupReminderDays).toBe(5);
    expect((await services.integrity.status(true)).report.ok).toBe(true);
    await services.sessions.unlock(keyholderId(services, 'head'), KNOWN.headPass);
    expect(services.sessions.lastVisit()).toMatchObject({ state: expect.not.stringMatching('rolled_back') });
  });

  it('as an attacker, later: an older vault copied in place still trips the rollback alarm, and the vault refuses to write', async () => {
    services.sessions.lock('manual');
    await services.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(vaultPath() + suffix, { force: true });
    copyFileSync(older, vaultPath());
    services = await createServices({ dataDir, clock, backupFiles: files });
    const info = await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    expect(info.lastVisit?.state).toBe('rolled_back');
    const settings = services.rotation.settings();
    expect(
      await refusal(() => services.cosign.proposeSettings(services.sessions.require(), { settings: { ...settings, backupReminderDays: 30 } })),
    ).toMatchObject({
      code: 'VAULT_TAMPERED',
    });
    // The older copy is whole in itself: its verification finding it so does not lift the rollback's refusal.
    expect((await services.integrity.status()).report).toMatchObject({ ok: true });
    expect(
      await refusal(() => services.cosign.proposeSettings(services.sessions.require(), { settings: { ...settings, backupReminderDays: 30 } })),
    ).toMatchObject({ code: 'VAULT_TAMPERED', details: { part: 'rolled_back' } });
  });
});
