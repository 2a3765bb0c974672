/**
 * `node --import tsx scripts/rekey-crash.ts [--trials N] [--seed S] [--accounts N] [--people N]`: kill -9 at random
 * points of a re-key, more times than the suite does (test/unit/vault/rekey/rekey-crash.test.ts; the
 * same trials: test/fixtures/rekey-crash.ts). Prints each trial and then `trials N, violations V`;
 * exits 1 on any violation (a file that does not open, or anything not wholly under one key).
 */
import { loadSodium } from '../main/vault/sodium';
import { buildCrashVault, crashTrials } from '../test/fixtures/rekey-crash';

const argv = process.argv.slice(2);
const option = (flag: string, fallback: number) => {
  const i = argv.indexOf(flag);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} wants a whole number`);
  return value;
};
const trials = option('--trials', 100);
const seed = option('--seed', Date.now() % 1_000_000);
const accounts = option('--accounts', 10);
const people = option('--people', 1500);

const s = await loadSodium();
process.stderr.write(`building the vault (the rich vault + ${accounts} accounts × 10 versions + ${people} people)…\n`);
const vault = await buildCrashVault(accounts, people);
process.stderr.write(`seed ${seed}\n`);
const run = await crashTrials(s, vault, trials, seed, (r, i) =>
  process.stdout.write(
    `${i === 0 ? 'uncut' : `#${i}`}\t${r.aim ? `step ${r.aim.anchor} + ${r.aim.delayMs} ms` : '-'}\t${r.killed ? 'killed' : 'finished'} at "${r.stage}"\t→ ${r.side ?? 'MIX'}${r.violations.length ? `\tVIOLATION ${r.violations.join('; ')}` : ''}\n`,
  ),
);
const violations = run.trials.filter((t) => t.violations.length > 0).length;
const sides = { old: run.trials.filter((t) => t.side === 'old').length, new: run.trials.filter((t) => t.side === 'new').length };
process.stdout.write(`window ${run.windowMs.toFixed(0)} ms; under the old key ${sides.old}, under the new ${sides.new}\n`);
process.stdout.write(`trials ${run.trials.length - 1}, violations ${violations}\n`);
process.exit(violations > 0 ? 1 : 0);
