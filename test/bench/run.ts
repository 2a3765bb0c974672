import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { passphraseBytes } from '../../main/vault/kdf';
import { randomKeyBytes } from '../../main/vault/aead';
import { openText, sealText } from '../../main/vault/fields';
import { appendEvent, countEvents } from '../../main/vault/audit/log';
import { findKeyholder } from '../../main/vault/repositories/keyholders';
import { loadSodium } from '../../main/vault/sodium';
import type { Services } from '../../main/services';
import { KNOWN, freshSecret, freshServices, goldenVault, keyholderId, tempDir } from '../fixtures/vault';
import { appendSyntheticEvents, insertSyntheticAccounts, insertSyntheticSeeds } from '../fixtures/generate';
import { pngBomb } from '../fixtures/images';
import { readQrText } from '../../main/services/two-step/qr-image';
import { median, report, timeRuns } from './measure';
import { randomInt } from 'node:crypto';
import { generatePassword } from '../../main/domain/password-generator';
import { MAX_LENGTH } from '../../main/domain/password-policy';
import { lexiconBuildFigures, policyPrecision } from './policy-precision';
import { parseBenchOptions } from './options';
import { listKeystroke } from './list-keystroke';
import { departurePlanFigure } from './departure-plan';
import { rekeyFigure } from './rekey';
import { handoverPlanFigure } from './handover-plan';
import { complianceFigure } from './compliance';
import { monthlyReportFigure } from './monthly-report';
import { backupFigures } from './backup';
import { importFigures } from './import-kdbx';
import { ACCOUNT_PAGE_SIZE, DASHBOARD_PAGE_SIZE } from '../../shared/accounts';
import { INDEX_AFTER_UNLOCK_MS } from '../../main/services/accounts/accounts';

/**
 * `npm run bench`: figures for design.md §7, one JSON line each. Progress goes to stderr.
 * Sizes: test/bench/options.ts (`npm run bench -- --quick`, `--events N`, `--accounts N`, …).
 */
const options = parseBenchOptions(process.argv.slice(2));
const RUNS = 5;
const benchStart = performance.now();
const log = (text: string) => process.stderr.write(`bench [${((performance.now() - benchStart) / 1000).toFixed(0)} s]: ${text}\n`);
log(`sizes: ${JSON.stringify(options)}`);

const s = await loadSodium();

/** A vault of its own: the golden founded vault copied into a fresh folder. */
async function vaultCopy(): Promise<Services> {
  const dir = tempDir('custodia-bench-');
  copyFileSync(await goldenVault(), join(dir, 'vault.sqlite'));
  return freshServices(dir);
}

const services = await vaultCopy();
const admin = keyholderId(services, 'administrator');
const adminKdf = findKeyholder(services.vault.require(), admin)!.kdf;

/**
 * Argon2id exactly as unlock runs it: the vault's parameters, on the session service's KDF worker
 * thread (main/vault/kdf.ts), passphrase in, key out.
 */
const kdfOnce =
  (target: Services = services) =>
  async () => {
    const key = await target.kdf.derive(passphraseBytes(KNOWN.adminPass), adminKdf);
    s.memzero(key);
  };

log('kdf (the unlock path: the KDF worker thread, the vault parameters)');
report({ name: 'kdf', n: 1, median_ms: median(await timeRuns(RUNS, kdfOnce())) });

/**
 * unlock, with its ratio to the KDF timed in the same rounds on the same worker (kdf and unlock
 * alternate, so drift in the machine's speed falls on both).
 */
async function unlockFigure(target: Services, n: number, ready: () => void, after?: (unlocked: number) => Promise<void>): Promise<void> {
  const kdfTimes: number[] = [];
  const unlockTimes: number[] = [];
  const readyTimes: number[] = [];
  let unlocked = 0;
  for (let i = 0; i < RUNS; i++) {
    kdfTimes.push(...(await timeRuns(1, kdfOnce(target))));
    unlockTimes.push(
      ...(await timeRuns(
        1,
        async () => {
          await target.sessions.unlock(admin, KNOWN.adminPass);
          unlocked = performance.now();
          ready();
          readyTimes.push(performance.now() - unlocked);
        },
        async () => {
          await after?.(unlocked); // outside the timed part
          // The verification the unlock started in its worker is left to finish (as it would at a desk) before the next lock.
          await target.integrity.status();
          target.sessions.lock('manual');
        },
      )),
    );
  }
  const ratio = median(unlockTimes) / median(kdfTimes);
  log(
    `unlock n=${n}: unlock ${unlockTimes.map((t) => t.toFixed(0)).join(' ')} ms (of which the screens after unlock() returned: ${readyTimes.map((t) => t.toFixed(0)).join(' ')} ms); kdf on the same worker ${kdfTimes.map((t) => t.toFixed(0)).join(' ')} ms`,
  );
  report({ name: 'unlock', n, median_ms: median(unlockTimes), ratio });
}

log('unlock (empty vault)');
await unlockFigure(services, 0, () => services.home.home());

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

// ---- the audit log, in a vault of its own: `events` signed events -----------------------------
{
  log(`audit log of ${options.events.toLocaleString('en')} events`);
  await services.sessions.unlock(admin, KNOWN.adminPass);
  await services.integrity.status();
  const generated = performance.now();
  appendSyntheticEvents(services, options.events - services.audit.verify().events);
  log(`generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
  const session = services.sessions.require();
  const db = services.vault.require();
  const before = countEvents(db);
  const appendTimes = await timeRuns(50, () =>
    db.transaction(() =>
      appendEvent(
        db,
        s,
        session.keys.audit,
        { keyholderId: session.keyholderId, secretKey: session.signSecret },
        { at: new Date().toISOString(), action: 'bench.append', subjects: {}, details: {} },
      ),
    )(),
  );
  report({ name: 'audit_append', n: before, median_ms: median(appendTimes) });

  // Every signature from genesis (a first visit, "Verificar ahora"): both cores.
  let fullEvents = 0;
  const fullTimes = await timeRuns(options.quick ? 1 : 2, () => {
    const result = services.audit.verify({ full: true });
    if (!result.ok) throw new Error('bench log does not verify');
    fullEvents = result.events;
  });
  report({ name: 'audit_verify_full', n: fullEvents, median_ms: median(fullTimes) });

  // As a returning keyholder verifies: lock, unlock, the background verification (on this
  // keyholder's watch) finds the chain whole, then a session's worth of events.
  services.sessions.lock('manual');
  await services.sessions.unlock(admin, KNOWN.adminPass);
  const background = await services.integrity.status();
  log(
    `background verification after unlock: ${background.report.ok ? 'whole' : 'FAULTS'}, ${background.report.signatures} signatures checked (${services.integrity.ranIn()})`,
  );
  appendSyntheticEvents(services, 20);
  const verifyTimes = await timeRuns(3, () => {
    const result = services.audit.verify();
    if (!result.ok) throw new Error('bench log does not verify');
    return result;
  });
  report({ name: 'audit_verify', n: services.audit.verify().events, median_ms: median(verifyTimes) });
  services.sessions.lock('manual');
}
await services.close();

// ---- verify_all, cosign_commit, policy: `verifyAccounts` accounts × 10 versions --------------
const big = await vaultCopy();
await big.sessions.unlock(admin, KNOWN.adminPass);
await big.integrity.status();
appendSyntheticEvents(big, options.verifyExtraEvents);
log(`${options.verifyAccounts.toLocaleString('en')} accounts × 10 versions`);
let head = await big.sessions.authenticate(keyholderId(big, 'head'), KNOWN.headPass);
const inserting = performance.now();
const accountIds = insertSyntheticAccounts(big, head, options.verifyAccounts, 10);
log(`inserted in ${((performance.now() - inserting) / 1000).toFixed(1)} s`);
log('verify_all (the background verification after unlock)');
const verifyOnce = (incremental: boolean) => {
  const result = big.integrity.verify(incremental);
  if (!result.ok) throw new Error(`bench vault does not verify: ${JSON.stringify(result.faults.slice(0, 3))}`);
  return result;
};
// Cold: every signature checked, as for a keyholder with no verified head of their own (a first visit).
const coldCpu = process.cpuUsage();
const coldTimes = await timeRuns(options.quick ? 1 : 2, () => verifyOnce(false));
log(
  `verify_all_cold: ${coldTimes.map((t) => t.toFixed(0)).join(' ')} ms, ${(process.cpuUsage(coldCpu).user / 1000 / coldTimes.length).toFixed(0)} ms of CPU each (both threads)`,
);
report({ name: 'verify_all_cold', n: accountIds.length, median_ms: median(coldTimes) });
// As at a returning keyholder's unlock: the chain is re-hashed and replayed, every row digested, and
// only the signatures after the head their own last verification found whole are checked.
appendSyntheticEvents(big, 20);
const incremental = await timeRuns(3, () => verifyOnce(true));
log(`verify_all checked ${verifyOnce(true).signatures} signatures of ${big.integrity.report()!.events} events`);
report({ name: 'verify_all', n: accountIds.length, median_ms: median(incremental) });

log('cosign_commit');
const session = big.sessions.require();
let round = 0;
const commitSecrets = Array.from({ length: 31 }, () => freshSecret());
big.policy.check(accountIds[0]!, commitSecrets[30]!); // the first check after unlock builds the vault's dictionary
// The whole rotation: proposal (full policy), authorization (uniqueness again, two signatures) and the
// administrator's "applied" confirmation: three transactions, three fsyncs.
const commitTimes = await timeRuns(30, () => {
  const accountId = accountIds[round % accountIds.length]!;
  const { requestId } = big.cosign.propose(session, { accountId, secret: commitSecrets[round++]!, reason: 'scheduled' });
  big.cosign.approve(requestId, head);
  big.rotation.confirmApplied(session, accountId);
});
report({ name: 'cosign_commit', n: accountIds.length, median_ms: median(commitTimes) });

log(`unlock at ${accountIds.length.toLocaleString('en')} accounts (home screen + the deadline dashboard's first page)`);
big.sessions.release(head);
big.sessions.lock('manual');
// What the home screen asks first: its view and the deadline dashboard's first page (the account list's index is built in the background).
const ready = () => {
  big.home.home();
  big.rotation.dashboardPage({ offset: 0, limit: DASHBOARD_PAGE_SIZE });
};
/** Untimed: when the background index was ready after unlock, and what the account list's first page cost after it. */
const indexAfterUnlock = (n: number) => {
  const figures: string[] = [];
  const panels: number[] = [];
  return {
    after: async (unlocked: number) => {
      // The home screen's other panels, read right after its first ones (untimed here: each paints on its own;
      // compliance waits for the verification, in its worker).
      const panelsStart = performance.now();
      big.cosign.requests();
      big.handover.current();
      big.incidents.current();
      big.lifecycle.supportPastEnd();
      big.departures.open();
      big.backupReminder.reminder();
      big.kit.status();
      panels.push(performance.now() - panelsStart);
      // The index's timer is unref'd: a ref'd one keeps the process alive while it is awaited.
      const alive = setInterval(() => {}, 60_000);
      const built = await big.accounts.backgroundIndex();
      clearInterval(alive);
      const readyAt = performance.now() - unlocked;
      const start = performance.now();
      big.accounts.page('', 'name', 0, ACCOUNT_PAGE_SIZE);
      figures.push(`${built ? readyAt.toFixed(0) : 'not built'}/${(performance.now() - start).toFixed(1)}`);
    },
    report: () =>
      log(
        `unlock n=${n}: the home's other panels (requests, handovers, incidents, past end, departures, backup, kit) after its first reads: ${panels.map((t) => t.toFixed(0)).join(' ')} ms; background account index ready after unlock / the list's first page after it: ${figures.join(' ')} ms (index after ${INDEX_AFTER_UNLOCK_MS} ms)`,
      ),
  };
};
const smallIndex = indexAfterUnlock(accountIds.length);
await unlockFigure(big, accountIds.length, ready, smallIndex.after);
smallIndex.report();
await big.sessions.unlock(admin, KNOWN.adminPass);
head = await big.sessions.authenticate(keyholderId(big, 'head'), KNOWN.headPass);

log('policy_check');
const policyAccount = accountIds[0]!;
const candidates = Array.from({ length: 50 }, () => freshSecret());
let c = 0;
big.policy.check(policyAccount, freshSecret()); // rebuilds the dictionary after the unlock above
const policyTimes = await timeRuns(50, () => big.policy.check(policyAccount, candidates[c++]!));
report({ name: 'policy_check', n: accountIds.length, median_ms: median(policyTimes) });
log('policy_check_long: 128 characters, the longest candidate judged (target < 60 ms)');
const longCandidates = Array.from({ length: 50 }, () => generatePassword({ length: MAX_LENGTH }, (n) => randomInt(n)));
let l = 0;
report({ name: 'policy_check_long', n: accountIds.length, median_ms: median(await timeRuns(50, () => big.policy.check(policyAccount, longCandidates[l++]!))) });
log(`policy lexicon, built in slices as after unlock: ${JSON.stringify(await lexiconBuildFigures())}`);
log('policy_precision: word- and name-built passwords vs random ones (issue 14)');
const precision = policyPrecision();
log(`policy_precision by family (% accepted): ${JSON.stringify(precision.families)}; words from ${precision.sources.join(', ')}`);
process.stdout.write(`${JSON.stringify({ name: 'policy_precision', ...precision.line })}\n`);

// 50 people and 25 exposure records per account (50,000 at 2,000 accounts), the leaver's a fiftieth of the deliveries.
log(`departure_plan: a departing person's checklist at ${accountIds.length.toLocaleString('en')} accounts × 10 versions (target < 50 ms)`);
const departure = await departurePlanFigure(big, head, accountIds, { people: 50, exposures: options.verifyAccounts * 25, runs: 20 }, log);
report({ name: 'departure_plan', n: departure.n, median_ms: median(departure.times) });

log(`handover_plan: the handover checklist at ${accountIds.length.toLocaleString('en')} accounts (target < 50 ms)`);
const handover = await handoverPlanFigure(big, head, accountIds, { runs: 20 }, log);
report({ name: 'handover_plan', n: handover.n, median_ms: median(handover.times) });

log(`compliance: the whole matrix at ${accountIds.length.toLocaleString('en')} accounts and 50 people (target < 100 ms)`);
const compliance = await complianceFigure(big, head, accountIds, { runs: 20 }, log);
// `compliance`: the matrix right after a write (what the screens show first after a change); `compliance_warm`: nothing written since.
report({ name: 'compliance', n: compliance.n, median_ms: median(compliance.cold) });
report({ name: 'compliance_warm', n: compliance.n, median_ms: median(compliance.warm) });

log(`monthly_report: the month's figures at ${accountIds.length.toLocaleString('en')} accounts and 20,000 audit events or more (target < 2 s)`);
const monthly = await monthlyReportFigure(big, accountIds, { events: 20_000, runs: 10 }, log);
report({ name: 'monthly_report', n: monthly.n, median_ms: median(monthly.times) });

// ---- the large register: `accounts` accounts ---------------------------------------------------
log(`search at ${options.accounts.toLocaleString('en')} accounts`);
insertSyntheticAccounts(big, head, options.accounts - accountIds.length, 1);
const buildStart = performance.now();
big.accounts.list('');
log(`first list after a change (opens ${options.accounts.toLocaleString('en')} names): ${(performance.now() - buildStart).toFixed(0)} ms`);
const queries = ['prensa', 'cuenta_4', 'instit campañas', 'youtube', 'zzz-no-match'];
let q = 0;
const searchTimes = await timeRuns(50, () => big.accounts.list(queries[q++ % queries.length]));
report({ name: 'search', n: big.accounts.list('').length, median_ms: median(searchTimes) });

log(`dashboard at ${options.accounts.toLocaleString('en')} accounts`);
const coldStart = performance.now();
const board = big.rotation.dashboard();
log(`first dashboard after a change (reads every account's deadline row): ${(performance.now() - coldStart).toFixed(1)} ms`);
log(`dashboard: ${board.counts.overdue} overdue, ${board.counts.due_soon} due soon, ${board.counts.ok} up to date`);
const dashboardTimes = await timeRuns(20, () => big.rotation.dashboard());
report({ name: 'dashboard', n: board.rows.length, median_ms: median(dashboardTimes) });

log('totp_refresh: codes for 500 accounts on one screen');
const onScreen = big.accounts
  .list('')
  .slice(0, 500)
  .map((a) => a.id);
insertSyntheticSeeds(big, head, onScreen);
const totpTimes = await timeRuns(20, () => big.totp.codes(big.sessions.require(), onScreen));
report({ name: 'totp_refresh', n: onScreen.length, median_ms: median(totpTimes) });

log(`unlock at ${options.accounts.toLocaleString('en')} accounts (home screen + the deadline dashboard's first page)`);
big.sessions.release(head);
big.sessions.lock('manual');
const bigIndex = indexAfterUnlock(options.accounts);
await unlockFigure(big, options.accounts, ready, bigIndex.after);
bigIndex.report();

if (options.browser) {
  log(`list_keystroke at ${options.accounts.toLocaleString('en')} accounts (Chromium, the production renderer bundle)`);
  await big.sessions.unlock(admin, KNOWN.adminPass);
  // A renderer that does not build or load fails this line, not the figures before it.
  const keystroke = await listKeystroke(big, { role: /administra/i, passphrase: KNOWN.adminPass }, log).catch((error: unknown) => {
    log(`list_keystroke FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return null;
  });
  if (keystroke) {
    log(`account list first paint after navigation: ${keystroke.firstPaintMs.toFixed(0)} ms`);
    report({ name: 'list_keystroke', n: options.accounts, median_ms: median(keystroke.runs) });
  }
}

await big.close();

// ---- rekey: `rekeyAccounts` accounts × 10 versions, in a vault of its own (issue 16) --------------
{
  log(`rekey at ${options.rekeyAccounts.toLocaleString('en')} accounts × 10 versions (target < 5 s)`);
  const rekeyVaultServices = await vaultCopy();
  const rekey = await rekeyFigure(rekeyVaultServices, { accounts: options.rekeyAccounts, runs: options.quick ? 1 : 3 }, log);
  report({ name: 'rekey', n: rekey.n, median_ms: median(rekey.times) });
  await rekeyVaultServices.close();
}

// ---- backup and restore: `backupAccounts` accounts × 10 versions, in a vault of its own (issue 18) --------------
{
  log(`backup and restore at ${options.backupAccounts.toLocaleString('en')} accounts × 10 versions (targets < 3 s each; restore less its Argon2id)`);
  const backupVaultServices = await vaultCopy();
  const figures = await backupFigures(backupVaultServices, { accounts: options.backupAccounts, runs: options.quick ? 1 : 3 }, log);
  report({ name: 'backup', n: figures.n, median_ms: median(figures.backup) });
  report({ name: 'restore', n: figures.n, median_ms: median(figures.restore) });
  await backupVaultServices.close();
}

// ---- import from KeePass and from a spreadsheet: 2,000 entries, the whole preview, the KDF excluded (issue 18, target < 2 s) --------------
{
  log('import_kdbx and import_csv at 2,000 entries: the whole preview, POL-1..3 included (the KDF excluded)');
  const imports = await importFigures({ entries: 2_000, accounts: 2_000, runs: options.quick ? 1 : 3 }, log);
  report({ name: 'import_kdbx', n: imports.n, median_ms: median(imports.kdbx) });
  report({ name: 'import_csv', n: imports.n, median_ms: median(imports.csv) });
}
log(`done in ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
