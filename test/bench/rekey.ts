import type { Services } from '../../main/services';
import { appendEvent } from '../../main/vault/audit/log';
import { deriveVaultKeys, generateVaultKey, wipeVaultKeys } from '../../main/vault/keys';
import { rekeyVault } from '../../main/vault/rekey/rekey';
import { SEALED_TABLES } from '../../main/vault/rekey/sealed-columns';
import { writeWholeTables } from '../../main/vault/integrity/capture';
import { insertSyntheticAccounts } from '../fixtures/generate';
import { KNOWN, keyholderId } from '../fixtures/vault';

/**
 * rekey (issue 16, HAND-1): the whole vault moved to a new vault key at `accounts` accounts × 10
 * credential versions, as the revocation's approval does it: in one transaction, rekeyVault (every
 * sealed field re-sealed, every fingerprint recomputed, the head and the epochs) and the approval
 * event, which binds the digest of every row the re-key rewrote, then the commit (fsync). The figure
 * is the whole transaction; the log gives its parts. Runs chain: each starts from the last one's key.
 */
export async function rekeyFigure(
  services: Services,
  options: { accounts: number; runs: number },
  log: (text: string) => void,
): Promise<{ n: number; times: number[] }> {
  await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
  await services.integrity.status();
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  const generating = performance.now();
  insertSyntheticAccounts(services, head, options.accounts, 10);
  log(`${options.accounts.toLocaleString('en')} accounts × 10 versions generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`);
  const db = services.vault.require();
  const s = services.sodium;
  const signer = { keyholderId: head.keyholderId, secretKey: head.signSecret };
  let from = deriveVaultKeys(s, services.sessions.require().keys.vk.slice());
  const versions = db.prepare('SELECT count(*) FROM credential_versions').pluck().get() as number;
  const times: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const to = deriveVaultKeys(s, generateVaultKey());
    const start = performance.now();
    let rekeyed = 0;
    let appended = 0;
    const result = db.transaction(() => {
      const r = writeWholeTables(
        db,
        SEALED_TABLES.map((t) => t.table),
        () => rekeyVault(db, s, from, to, { at: new Date().toISOString() }),
      );
      rekeyed = performance.now();
      appendEvent(db, s, to.audit, signer, { at: new Date().toISOString(), action: 'bench.rekey', subjects: {}, details: { epoch: r.epoch } });
      appended = performance.now();
      return r;
    })();
    const end = performance.now();
    times.push(end - start);
    log(
      `rekey run ${run + 1}: ${result.fields.toLocaleString('en')} fields, ${result.versions.toLocaleString('en')} fingerprints: rekeyVault ${(rekeyed - start).toFixed(0)} ms, ` +
        `the approval event binding the rewritten rows ${(appended - rekeyed).toFixed(0)} ms, commit ${(end - appended).toFixed(0)} ms`,
    );
    wipeVaultKeys(s, from);
    from = to;
  }
  wipeVaultKeys(s, from);
  services.sessions.release(head);
  services.sessions.lock('manual');
  return { n: versions, times };
}
