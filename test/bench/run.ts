import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKdfParams, passphraseBytes } from '../../main/vault/kdf';
import { randomKeyBytes } from '../../main/vault/aead';
import { openText, sealText } from '../../main/vault/fields';
import { appendEvent } from '../../main/vault/audit/log';
import { loadSodium } from '../../main/vault/sodium';
import { KNOWN, freshSecret, freshServices, goldenVault, keyholderId, tempDir } from '../fixtures/vault';
import { appendSyntheticEvents, insertSyntheticAccounts, insertSyntheticSeeds } from '../fixtures/generate';
import { pngBomb } from '../fixtures/images';
import { readQrText } from '../../main/services/qr-image';
import { median, report, timeRuns } from './measure';
import { randomInt } from 'node:crypto';
import { generatePassword } from '../../main/domain/password-generator';
import { MAX_LENGTH } from '../../main/domain/password-policy';
import { policyPrecision } from './policy-precision';

/** `npm run bench`: figures for design.md §7, one JSON line each. Progress goes to stderr. */
const RUNS = 5;
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

const s = await loadSodium();

log('kdf');
const params = newKdfParams();
const kdf = report({
  name: 'kdf',
  n: 1,
  median_ms: median(await timeRuns(RUNS, () => s.crypto_pwhash(32, passphraseBytes(KNOWN.adminPass), params.salt, params.opslimit, params.memlimit, s.crypto_pwhash_ALG_ARGON2ID13))),
});

log('unlock (empty vault)');
const dir = tempDir('custodia-bench-');
copyFileSync(await goldenVault(), join(dir, 'vault.sqlite'));
const services = await freshServices(dir);
const admin = keyholderId(services, 'administrator');
const unlockTimes = await timeRuns(
  RUNS,
  async () => {
    await services.sessions.unlock(admin, KNOWN.adminPass);
    services.home.home();
  },
  () => services.sessions.lock('manual'),
);
report({ name: 'unlock', n: 0, median_ms: median(unlockTimes), ratio: median(unlockTimes) / kdf.median_ms });

log('seal_open');
const RECORDS = 10_000;
const key = randomKeyBytes(32);
const sealOpen = await timeRuns(RUNS, () => {
  for (let i = 0; i < RECORDS; i++) {
    const ref = { table: 'accounts', rowId: `row-${i}`, column: 'display_name', version: 1 };
    openText(s, key, ref, sealText(s, key, ref, `Cuenta institucional número ${i} — Facebook`));
  }
});
report({ name: 'seal_open', n: RECORDS, median_ms: median(sealOpen) / RECORDS });

log('qr_bomb_refusal: a few KB of PNG declaring 30,000 × 30,000 px (target < 100 ms, undecoded)');
const bomb = pngBomb();
const refuseBomb = async () => {
  const refusal = await readQrText(bomb, () => Promise.reject(new Error('the bomb reached the decoder'))).catch((error: unknown) => error);
  if ((refusal as { code?: string }).code !== 'IMAGE_TOO_LARGE') throw new Error(`bomb not refused by its header: ${String(refusal)}`);
};
log(`bomb: ${bomb.length} bytes`);
report({ name: 'qr_bomb_refusal', n: 1, median_ms: median(await timeRuns(50, refuseBomb)) });

log('audit log of 10,000 events');
await services.sessions.unlock(admin, KNOWN.adminPass);
const EVENTS = 10_000;
appendSyntheticEvents(services, EVENTS - services.audit.verify().events);
const session = services.sessions.require();
const db = services.vault.require();
const appendTimes = await timeRuns(50, () =>
  db.transaction(() =>
    appendEvent(db, s, session.keys.audit, { keyholderId: session.keyholderId, secretKey: session.signSecret }, { at: new Date().toISOString(), action: 'bench.append', subjects: {}, details: {} }),
  )(),
);
report({ name: 'audit_append', n: EVENTS, median_ms: median(appendTimes) });

const verified = services.audit.verify();
if (!verified.ok) throw new Error('bench log does not verify');
report({ name: 'audit_verify', n: verified.events, median_ms: median(await timeRuns(3, () => services.audit.verify())) });

log('cosign_commit at 2,000 accounts × 10 versions');
const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
const accountIds = insertSyntheticAccounts(services, head, 2_000, 10);
log('verify_all at 2,000 accounts × 10 versions (the background verification after unlock)');
const verifyOnce = (incremental: boolean) => {
  const result = services.integrity.verify(incremental);
  if (!result.ok) throw new Error(`bench vault does not verify: ${JSON.stringify(result.faults.slice(0, 3))}`);
  return result;
};
// Cold: every signature checked, as for a keyholder with no verified head of their own (a first visit).
report({ name: 'verify_all_cold', n: accountIds.length, median_ms: median(await timeRuns(2, () => verifyOnce(false))) });
// As at a returning keyholder's unlock: the chain is re-hashed and replayed, every row digested, and
// only the signatures after the head their own last verification found whole are checked.
appendSyntheticEvents(services, 20);
const incremental = await timeRuns(3, () => verifyOnce(true));
log(`verify_all checked ${verifyOnce(true).signatures} signatures of ${services.integrity.report()!.events} events`);
report({ name: 'verify_all', n: accountIds.length, median_ms: median(incremental) });
let round = 0;
const commitSecrets = Array.from({ length: 31 }, () => freshSecret());
services.policy.check(accountIds[0]!, commitSecrets[30]!); // the first check after unlock builds the vault's dictionary
// The whole rotation: proposal (full policy), authorization (uniqueness again, two signatures) and the
// administrator's "applied" confirmation: three transactions, three fsyncs.
const commitTimes = await timeRuns(30, () => {
  const accountId = accountIds[round % accountIds.length]!;
  const { requestId } = services.cosign.propose(session, { accountId, secret: commitSecrets[round++]!, reason: 'scheduled' });
  services.cosign.approve(requestId, head);
  services.rotation.confirmApplied(session, accountId);
});
report({ name: 'cosign_commit', n: accountIds.length, median_ms: median(commitTimes) });

log('unlock at 2,000 accounts (home screen + deadline dashboard)');
services.sessions.release(head);
services.sessions.lock('manual');
const bigUnlock = await timeRuns(
  RUNS,
  async () => {
    await services.sessions.unlock(admin, KNOWN.adminPass);
    services.home.home();
    services.rotation.dashboard();
  },
  () => services.sessions.lock('manual'),
);
report({ name: 'unlock', n: accountIds.length, median_ms: median(bigUnlock), ratio: median(bigUnlock) / kdf.median_ms });
await services.sessions.unlock(admin, KNOWN.adminPass);
const head2 = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);

log('policy_check at 2,000 accounts');
const policyAccount = accountIds[0]!;
const candidates = Array.from({ length: 50 }, () => freshSecret());
let c = 0;
services.policy.check(policyAccount, freshSecret()); // rebuilds the dictionary after the unlock above
const policyTimes = await timeRuns(50, () => services.policy.check(policyAccount, candidates[c++]!));
report({ name: 'policy_check', n: accountIds.length, median_ms: median(policyTimes) });
log('policy_check_long: 128 characters, the longest candidate judged (target < 60 ms)');
const longCandidates = Array.from({ length: 50 }, () => generatePassword({ length: MAX_LENGTH }, (n) => randomInt(n)));
let l = 0;
report({ name: 'policy_check_long', n: accountIds.length, median_ms: median(await timeRuns(50, () => services.policy.check(policyAccount, longCandidates[l++]!))) });
log('policy_precision: word- and name-built passwords vs random ones (issue 14)');
const precision = policyPrecision();
log(`policy_precision by family (% accepted): ${JSON.stringify(precision.families)}; words from ${precision.sources.join(', ')}`);
process.stdout.write(`${JSON.stringify({ name: 'policy_precision', ...precision.line })}\n`);

log('search at 10,000 accounts');
insertSyntheticAccounts(services, head2, 8_000, 1);
const buildStart = performance.now();
services.accounts.list('');
log(`first list after unlock (opens 10,000 names): ${(performance.now() - buildStart).toFixed(0)} ms`);
const queries = ['prensa', 'cuenta_4', 'instit campañas', 'youtube', 'zzz-no-match'];
let q = 0;
const searchTimes = await timeRuns(50, () => services.accounts.list(queries[q++ % queries.length]));
report({ name: 'search', n: services.accounts.list('').length, median_ms: median(searchTimes) });

log('dashboard at 10,000 accounts');
const coldStart = performance.now();
const board = services.rotation.dashboard();
log(`first dashboard after a change (reads every account's deadline row): ${(performance.now() - coldStart).toFixed(1)} ms`);
log(`dashboard: ${board.counts.overdue} overdue, ${board.counts.due_soon} due soon, ${board.counts.ok} up to date`);
const dashboardTimes = await timeRuns(20, () => services.rotation.dashboard());
report({ name: 'dashboard', n: board.rows.length, median_ms: median(dashboardTimes) });

log('totp_refresh: codes for 500 accounts on one screen');
const onScreen = services.accounts.list('').slice(0, 500).map((a) => a.id);
insertSyntheticSeeds(services, head2, onScreen);
const totpTimes = await timeRuns(20, () => services.totp.codes(services.sessions.require(), onScreen));
report({ name: 'totp_refresh', n: onScreen.length, median_ms: median(totpTimes) });

services.sessions.release(head2);
await services.close();
