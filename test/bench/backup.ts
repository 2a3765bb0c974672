import { join } from 'node:path';
import { createServices, type Services } from '../../main/services';
import { passphraseBytes } from '../../main/vault/kdf';
import { findKeyholder } from '../../main/vault/repositories/keyholders';
import { insertSyntheticAccounts } from '../fixtures/generate';
import { KNOWN, keyholderId, removeDir, tempDir } from '../fixtures/vault';

/**
 * backup and restore (issue 18; targets < 3 s each at 10,000 accounts × 10 versions). `backup`: the
 * whole BackupService.create (snapshot, header, encryption, fsync, its event, the rename). `restore`:
 * on an empty workstation, inspect (the keyless checks) + open (decrypt, the full integrity
 * verification, the header's facts) + install, less the Argon2id that open runs, timed on the same
 * worker just before each run.
 */
export async function backupFigures(
  services: Services,
  options: { accounts: number; runs: number },
  log: (text: string) => void,
): Promise<{ n: number; backup: number[]; restore: number[]; bytes: number }> {
  const admin = keyholderId(services, 'administrator');
  await services.sessions.unlock(admin, KNOWN.adminPass);
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  const generating = performance.now();
  insertSyntheticAccounts(services, head, options.accounts, 10);
  services.sessions.release(head);
  log(`${options.accounts.toLocaleString('en')} accounts × 10 versions generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`);
  // As an office works: the head unlocks at the workstation (to co-sign the week's changes), and its verification, finding the
  // log whole, appends the head's checkpoint (main/services/integrity/checkpoint.ts); then the administrator works again.
  const vouching = performance.now();
  services.sessions.lock('manual');
  await services.sessions.unlock(keyholderId(services, 'head'), KNOWN.headPass);
  const vouched = (await services.integrity.status()).report;
  services.sessions.lock('manual');
  await services.sessions.unlock(admin, KNOWN.adminPass);
  await services.integrity.status();
  const checkpoints = services.vault.require().prepare(`SELECT count(*) FROM audit_events WHERE action = 'integrity.checkpoint'`).pluck().get() as number;
  log(
    `the head's unlock verified ${vouched.events.toLocaleString('en')} events (${vouched.ok ? 'whole' : 'FAULTS'}); checkpoints in the log: ${checkpoints}; ${((performance.now() - vouching) / 1000).toFixed(1)} s`,
  );
  const versions = services.vault.require().prepare('SELECT count(*) FROM credential_versions').pluck().get() as number;
  const kdf = findKeyholder(services.vault.require(), admin)!.kdf;
  const out = tempDir('custodia-bench-backup-');
  const backup: number[] = [];
  const restore: number[] = [];
  let bytes = 0;
  try {
    let last = '';
    for (let run = 0; run < options.runs; run++) {
      last = join(out, `respaldo-${run}.custodia`);
      const start = performance.now();
      bytes = (await services.backup.create(services.sessions.require(), last)).bytes;
      backup.push(performance.now() - start);
      log(`backup run ${run + 1}: ${(backup.at(-1)! / 1000).toFixed(2)} s, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
    }
    for (let run = 0; run < options.runs; run++) {
      const station = await createServices({ dataDir: tempDir('custodia-bench-restore-') });
      try {
        const kdfStart = performance.now();
        station.kdf.warm();
        services.sodium.memzero(await station.kdf.derive(passphraseBytes(KNOWN.adminPass), kdf));
        const kdfMs = performance.now() - kdfStart;
        const start = performance.now();
        const { handle } = station.backup.inspect(last);
        const inspected = performance.now();
        await station.backup.open(handle, admin, KNOWN.adminPass);
        const opened = performance.now();
        station.backup.install(handle);
        const end = performance.now();
        restore.push(end - start - kdfMs);
        log(
          `restore run ${run + 1}: inspect ${(inspected - start).toFixed(0)} ms, open ${(opened - inspected).toFixed(0)} ms ` +
            `(of which Argon2id ≈ ${kdfMs.toFixed(0)} ms), install ${(end - opened).toFixed(0)} ms`,
        );
      } finally {
        const dir = station.vault.dataDir;
        await station.close();
        removeDir(dir);
      }
    }
  } finally {
    removeDir(out);
  }
  return { n: versions, backup, restore, bytes };
}
