/**
 * `npm run bench -- [--quick] [--events N] [--accounts N] [--verify-accounts N] [--rekey-accounts N] [--backup-accounts N] [--no-browser]`
 * (or BENCH_QUICK=1). The defaults are the sizes design.md §7 and the issues name; --quick is a
 * reduced run for CI (explicit sizes still win over it).
 */
export interface BenchOptions {
  /** Events in the log for audit_append / audit_verify / audit_verify_full. */
  events: number;
  /** Accounts for search, dashboard, totp_refresh, the large unlock and list_keystroke. */
  accounts: number;
  /** Accounts × 10 versions for verify_all, cosign_commit, policy_check and the 2,000-account unlock. */
  verifyAccounts: number;
  /** Extra signed events in that vault (the old bench's audit section shared it: ~72,000 events in all). */
  verifyExtraEvents: number;
  /** Accounts × 10 versions for rekey (a vault of its own). */
  rekeyAccounts: number;
  /** Accounts × 10 versions for backup and restore (issue 18; a vault of its own). */
  backupAccounts: number;
  /** Skip list_keystroke (no Chromium). */
  browser: boolean;
  quick: boolean;
}

const FULL = { events: 100_000, accounts: 10_000, verifyAccounts: 2_000, verifyExtraEvents: 10_000, rekeyAccounts: 10_000, backupAccounts: 10_000 };
const QUICK = { events: 10_000, accounts: 2_000, verifyAccounts: 500, verifyExtraEvents: 2_000, rekeyAccounts: 1_000, backupAccounts: 1_000 };

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const sizes = { ...(quick ? QUICK : FULL) };
  const number = (flag: string): number | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} wants a whole number, not ${argv[i + 1] ?? 'nothing'}`);
    return value;
  };
  const known = new Set(['--quick', '--no-browser', '--events', '--accounts', '--verify-accounts', '--rekey-accounts', '--backup-accounts']);
  argv.forEach((arg, i) => {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown bench option ${arg}`);
    if (!arg.startsWith('--') && !['--events', '--accounts', '--verify-accounts', '--rekey-accounts', '--backup-accounts'].includes(argv[i - 1] ?? ''))
      throw new Error(`unexpected bench argument ${arg}`);
  });
  const events = number('--events') ?? sizes.events;
  const accounts = number('--accounts') ?? sizes.accounts;
  const verifyAccounts = number('--verify-accounts') ?? sizes.verifyAccounts;
  const rekeyAccounts = number('--rekey-accounts') ?? sizes.rekeyAccounts;
  const backupAccounts = number('--backup-accounts') ?? sizes.backupAccounts;
  if (accounts < verifyAccounts)
    throw new Error(`--accounts (${accounts}) must be at least --verify-accounts (${verifyAccounts}): the large vault grows from that one`);
  return {
    events,
    accounts,
    verifyAccounts,
    verifyExtraEvents: sizes.verifyExtraEvents,
    rekeyAccounts,
    backupAccounts,
    browser: !argv.includes('--no-browser'),
    quick,
  };
}
