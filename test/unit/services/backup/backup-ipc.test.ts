import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInspection, BackupOpened, BackupSaved } from '../../../../shared/backup';
import { createServices, type Services } from '../../../../main/services';
import type { BackupFilesPort } from '../../../../main/services/backup/backups';
import { call, tableOf, valueOf } from '../../attack/helpers';
import { KNOWN, keyholderId, removeDir, servicesOnCopy, tempDir } from '../../../fixtures/vault';

/**
 * The backup channels (issue 18) as a screen drives them: the main process chooses paths in the
 * system's dialogs (here, a port that answers with a path of the test's), and the renderer only ever
 * holds a handle. Hostile payloads are refused by the contract's schemas with nothing written.
 */
const dirs: string[] = [];
const dir = () => {
  const d = tempDir('custodia-backup-ipc-');
  dirs.push(d);
  return d;
};
const destination = () => join(dir(), 'respaldo.custodia');
let chosen = '';
const files: BackupFilesPort = { saveTo: async () => chosen, openFrom: async () => chosen };

let source: Services;
let station: Services;
beforeAll(async () => {
  const copy = await servicesOnCopy();
  const dataDir = copy.vault.dataDir;
  await copy.close();
  source = await createServices({ dataDir, backupFiles: files });
  station = await createServices({ dataDir: dir(), backupFiles: files });
}, 60_000);
afterAll(async () => {
  await source.close();
  await station.close();
  for (const d of [...dirs, source.vault.dataDir]) removeDir(d);
});

describe('the backup channels', () => {
  it('create needs an unlocked vault; then a backup saved where the dialog said, inspected, opened and restored on a new workstation', async () => {
    const table = tableOf(source);
    chosen = destination();
    expect(await call(table, 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    await source.sessions.unlock(keyholderId(source, 'backup_administrator'), KNOWN.backupPass);
    const saved = valueOf<BackupSaved>(await call(table, 'backup.create', {}));
    expect(saved).toMatchObject({ saved: true, file: 'respaldo.custodia' });
    expect(existsSync(chosen)).toBe(true);

    const internals: string[] = [];
    const restore = tableOf(station, internals);
    const inspection = valueOf<BackupInspection>(await call(restore, 'backup.inspect', {}));
    if (!inspection.chosen) throw new Error('the dialog chose a file');
    expect(inspection.facts.signer.keyholderId).toBe(keyholderId(source, 'backup_administrator'));
    const opened = valueOf<BackupOpened>(
      await call(restore, 'backup.open', { handle: inspection.handle, keyholderId: keyholderId(source, 'head'), passphrase: KNOWN.headPass }),
    );
    expect(opened.restored).toEqual(opened.header);
    expect(await call(restore, 'backup.restore', { handle: inspection.handle })).toMatchObject({ ok: true, value: { installed: true } });
    expect(station.setup.status().state).toBe('locked');
    // A second install of the same handle, now that a vault is here: refused.
    expect(await call(restore, 'backup.restore', { handle: inspection.handle })).toMatchObject({ ok: false, error: { code: 'BACKUP_UNKNOWN' } });
    expect(internals).toEqual([]);
  }, 60_000);

  it('a cancelled dialog does nothing; a handle that was never issued is refused', async () => {
    const table = tableOf(station);
    chosen = '';
    expect(await call(table, 'backup.inspect', {})).toEqual({ ok: true, value: { chosen: false } });
    const unknown = { handle: '6f1c1d1e-8a4b-4c2d-9e3f-0a1b2c3d4e5f' };
    expect(await call(table, 'backup.restore', unknown)).toMatchObject({ ok: false, error: { code: 'BACKUP_UNKNOWN' } });
    expect(await call(table, 'backup.open', { ...unknown, keyholderId: unknown.handle, passphrase: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_UNKNOWN' },
    });
  });

  it('hostile payloads: a path, unknown fields, wrong types, a huge passphrase — INVALID_REQUEST, nothing written', async () => {
    const table = tableOf(station);
    const handle = '6f1c1d1e-8a4b-4c2d-9e3f-0a1b2c3d4e5f';
    const folder = dir();
    const before = readdirSync(folder);
    const hostile: [string, unknown][] = [
      ['backup.create', { path: join(folder, 'x.custodia') }],
      ['backup.inspect', { path: '/etc/passwd' }],
      ['backup.open', { handle: '../../vault.sqlite', keyholderId: handle, passphrase: 'x' }],
      ['backup.open', { handle, keyholderId: handle, passphrase: 'x'.repeat(1025) }],
      ['backup.open', { handle, keyholderId: handle, passphrase: 7 }],
      ['backup.open', { handle, keyholderId: handle, passphrase: 'x', path: '/tmp/x' }],
      ['backup.restore', { handle, force: true }],
      ['backup.restore', { handle: [handle] }],
      ['backup.restore', null],
    ];
    for (const [channel, payload] of hostile)
      expect(await call(table, channel, payload), channel).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(readdirSync(folder)).toEqual(before);
  });
});
