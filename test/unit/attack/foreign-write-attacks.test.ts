import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlerTable, type HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import { ACCOUNTS, freshServices, KNOWN, keyholderId, registerAccount, rotateApplied, tempDir, unlockedWithActors } from '../../fixtures/vault';

/**
 * An insider with write access to the open vault file (a second SQLite connection, as sqlite3 would be) against the
 * re-verification after a foreign commit (PRAGMA data_version), the monthly report's completeness check and the
 * refusal of writes while the file is found altered.
 */
const clock = { now: Date.parse('2026-11-10T15:00:00Z') };
const tick = () => new Date((clock.now += 1000));

let open: Services[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Opened {
  services: Services;
  table: HandlerTable;
  accountId: string;
  dir: string;
}

/** A vault with one account and an applied password, reopened and unlocked as the administrator through the handlers. */
async function unlockedThroughHandlers(): Promise<Opened> {
  const ctx = await unlockedWithActors({ clock: tick });
  const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
  rotateApplied(ctx, accountId);
  ctx.services.sessions.lock('manual');
  const dir = dirname(ctx.services.vault.path);
  await ctx.services.close();
  dirs.push(dir);
  return { ...(await reopen(dir)), accountId, dir };
}

async function reopen(dir: string): Promise<{ services: Services; table: HandlerTable }> {
  const services = await freshServices(dir, tick);
  open.push(services);
  const table = createHandlerTable(services);
  const unlocked = await table['vault.unlock']({ keyholderId: keyholderId(services, 'administrator'), passphrase: KNOWN.adminPass });
  expect(unlocked).toMatchObject({ ok: true });
  return { services, table };
}

/** The insider's sqlite3 session on the open file. */
function asInsider<T>(services: Services, edit: (db: Database.Database) => T): T {
  const db = new Database(services.vault.path);
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

/** A copy of the file's current content, taken through SQLite (VACUUM INTO), as an insider keeps one. */
function snapshot(services: Services): string {
  const file = join(tempDir('custodia-snap-'), 'old.sqlite');
  dirs.push(dirname(file));
  asInsider(services, (db) => db.exec(`VACUUM INTO '${file}'`));
  return file;
}

/**
 * Puts every table back as the snapshot held it, in one commit: the audit tail cut, the sealed head's old box back,
 * the rows the cut events wrote gone. The append-only triggers are dropped and recreated from their own text.
 */
function rollBackTo(services: Services, file: string): void {
  asInsider(services, (db) => {
    db.pragma('foreign_keys = OFF');
    db.exec(`ATTACH '${file}' AS old`);
    const tables = db.prepare(`SELECT name FROM old.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const triggers = db.prepare(`SELECT name, sql FROM old.sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
    db.transaction(() => {
      for (const t of triggers) db.exec(`DROP TRIGGER main."${t.name}"`);
      for (const t of tables) {
        db.exec(`DELETE FROM main."${t}"`);
        db.exec(`INSERT INTO main."${t}" SELECT * FROM old."${t}"`);
      }
      for (const t of triggers) db.exec(t.sql);
    })();
    db.exec('DETACH old');
  });
}

const events = (services: Services) => asInsider(services, (db) => db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number);
const revealed = (services: Services) => asInsider(services, (db) => db.prepare(`SELECT count(*) FROM exposures`).pluck().get() as number);

describe('a foreign commit while a session is open', () => {
  it('a row edited with sqlite3 is found: writes refused until the edit is undone, then allowed again', async () => {
    const { services, table, accountId } = await unlockedThroughHandlers();
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    const original = asInsider(services, (db) => db.prepare('SELECT at FROM exposures').pluck().get() as string);
    // Moves the first use later: the rotate-after-use deadline would fall later.
    asInsider(services, (db) => db.prepare('UPDATE exposures SET at = ?').run('2026-12-31T00:00:00.000Z'));
    expect(await table['credentials.copy']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
    expect(await table['reports.monthly']({ month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
    asInsider(services, (db) => db.prepare('UPDATE exposures SET at = ?').run(original));
    expect(await table['credentials.copy']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
  });

  it('a forged exposure row inserted with sqlite3 (a first use moved earlier, a figure made larger) is tampering', async () => {
    const { services, table, accountId } = await unlockedThroughHandlers();
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    asInsider(services, (db) =>
      db.exec(`INSERT INTO exposures (id, ${columnsAfterId(db, 'exposures')}) SELECT 'forged-' || id, ${columnsAfterId(db, 'exposures')} FROM exposures`),
    );
    expect(await table['reports.monthly']({ month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
  });

  it('a commit that changes nothing still makes the next ledger call wait for a whole-file verification', async () => {
    const { services, table } = await unlockedThroughHandlers();
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    const first = services.integrity.report();
    asInsider(services, (db) => db.exec('BEGIN IMMEDIATE; UPDATE accounts SET id = id; COMMIT;'));
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    expect(services.integrity.report()).not.toBe(first);
    expect(services.integrity.report()).toMatchObject({ ok: true });
  });

  /**
   * Fixed finding: the whole file put back as it was earlier in this session (the tail of the signed log cut, the sealed head's
   * older box restored, the rows of the cut events gone). Each part is consistent with the others, so the
   * re-verification found it "whole": now it is compared with the head this session itself wrote or verified (lostHead).
   */
  it('a rollback of the open file to an earlier state of this session is found, not taken as whole', async () => {
    const { services, table, accountId } = await unlockedThroughHandlers();
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    const before = snapshot(services);
    const seqBefore = events(services);
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    expect(await table['credentials.copy']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    expect(revealed(services)).toBe(2);
    const month = await table['reports.monthly']({ month: '2026-11' });
    expect(month).toMatchObject({ ok: true, value: { figures: { exposures: { revealed: 1, copied: 1 } } } });

    rollBackTo(services, before);
    expect(events(services)).toBe(seqBefore);
    expect(revealed(services)).toBe(0);

    // What should happen: the session wrote and verified events past this head; a file behind it is a rollback.
    const after = await table['reports.monthly']({ month: '2026-11' });
    const figures = after.ok ? JSON.stringify((after.value as { figures: { exposures: unknown } }).figures.exposures) : '';
    const verdict = JSON.stringify(services.integrity.report()?.ok);
    const signed = await table['reports.signMonthly']({ month: '2026-11', signerId: keyholderId(services, 'head'), passphrase: KNOWN.headPass });
    const write = await table['credentials.reveal']({ accountId, stage: 'current' });
    const then = `signMonthly ${JSON.stringify(signed.ok ? true : signed.error.code)}, a new reveal ok=${String(write.ok)}`;
    expect(after, `monthly report after the rollback (verification ok=${verdict}; ${then}): exposures ${figures}`).toMatchObject({
      ok: false,
      error: { code: 'VAULT_TAMPERED' },
    });
    // November is still open here (REPORT_MONTH_OPEN comes first); what matters is that nothing is signed.
    expect(signed, 'the head signs the smaller figures').toMatchObject({ ok: false });
    expect(services.integrity.report()).toMatchObject({ ok: false, faults: [expect.objectContaining({ kind: 'truncated' })] });
    expect(write, 'the session goes on writing on the rolled-back chain (a fork)').toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
  });

  it('a rollback during a session is still reported at the next unlock (the lock does not record the cut head as seen)', async () => {
    const opened = await unlockedThroughHandlers();
    const { services, table, accountId } = opened;
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    const before = snapshot(services);
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    rollBackTo(services, before);
    expect(await table['compliance.summary']({})).toBeDefined();
    expect(await table['vault.lock']({})).toMatchObject({ ok: true });
    await services.close();
    open = open.filter((s) => s !== services);
    const again = await freshServices(opened.dir, tick);
    open.push(again);
    const unlocked = await again.sessions.unlock(keyholderId(again, 'administrator'), KNOWN.adminPass);
    expect(unlocked.lastVisit, 'the erased reveal is laundered by the lock').toMatchObject({ state: 'rolled_back' });
  });

  it('a rollback found at unlock is not lifted by a later whole verification after a foreign commit', async () => {
    const opened = await unlockedThroughHandlers();
    const { services, table, accountId } = opened;
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    // The insider keeps a copy of the closed file, lets the office work, then puts the copy back.
    expect(await table['vault.lock']({})).toMatchObject({ ok: true });
    await services.close();
    open = open.filter((s) => s !== services);
    const kept = join(tempDir('custodia-kept-'), 'vault.sqlite');
    dirs.push(dirname(kept));
    copyFileSync(join(opened.dir, 'vault.sqlite'), kept);
    const second = await reopen(opened.dir);
    expect(await second.table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    expect(await second.table['vault.lock']({})).toMatchObject({ ok: true });
    await second.services.close();
    open = open.filter((s) => s !== second.services);
    copyFileSync(kept, join(opened.dir, 'vault.sqlite'));

    const third = await reopen(opened.dir);
    expect(third.services.sessions.lastVisit()).toMatchObject({ state: 'rolled_back' });
    expect(await third.table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
    // A harmless foreign commit: the next verification finds the (rolled-back) file whole; the refusal stays.
    asInsider(third.services, (db) => db.exec('BEGIN IMMEDIATE; UPDATE accounts SET id = id; COMMIT;'));
    expect(await third.table['compliance.summary']({})).toMatchObject({ ok: true });
    expect(third.services.integrity.report()).toMatchObject({ ok: true });
    expect(await third.table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
    expect(await third.table['integrity.verify']({})).toMatchObject({ ok: true });
    expect(await third.table['credentials.copy']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED' } });
  });
});

function columnsAfterId(db: Database.Database, table: string): string {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]).filter((c) => c !== 'id');
  return columns.map((c) => `"${c}"`).join(', ');
}

/** A vault with rotate-after-use on (8 h) and one account whose password was just applied, its handler table. */
async function appliedWithRotateAfterUse(): Promise<{ table: HandlerTable; accountId: string }> {
  const ctx = await unlockedWithActors({ clock: tick });
  open.push(ctx.services);
  dirs.push(dirname(ctx.services.vault.path));
  const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, {
    settings: { ...ctx.services.rotation.settings(), rotateAfterUse: true, rotateAfterUseHours: 8 },
  });
  ctx.services.cosign.approve(requestId, ctx.head);
  const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
  rotateApplied(ctx, accountId);
  return { table: createHandlerTable(ctx.services), accountId };
}

describe('rotate after use and the clock', () => {
  /**
   * Fixed finding: the first use counted only when `at >= applied_at` (deadlines.ts), but a write may be up to
   * CLOCK_TOLERANCE_MS (2 min) behind the last event. A reveal right after the password is applied, with the
   * workstation clock stepped back 90 s (an NTP step, or the insider), was recorded before applied_at: it never
   * became the first use. A use of the current version is now recorded no earlier than its application.
   */
  it('a reveal stamped within the clock tolerance before the apply still starts the rotate-after-use deadline', async () => {
    const { table, accountId } = await appliedWithRotateAfterUse();
    clock.now -= 90_000;
    const shown = await table['credentials.reveal']({ accountId, stage: 'current' });
    expect(shown).toMatchObject({ ok: true });
    const revealedAt = clock.now;
    const got = await table['accounts.get']({ accountId });
    expect(got).toMatchObject({ ok: true });
    const deadline = (got as { value: { deadline: { dueAt: string | null; dueAfterUse?: boolean } } }).value.deadline;
    expect(deadline.dueAfterUse, `deadline after the reveal: ${JSON.stringify(deadline)}`).toBe(true);
    // Counted from the later of the reveal and the application: at most the clock's lag (90 s here) after the reveal.
    expect(Date.parse(deadline.dueAt!)).toBeLessThanOrEqual(revealedAt + 90_000 + 8 * 3_600_000);
  });

  it('control: the same reveal with the clock as it was does start the rotate-after-use deadline', async () => {
    const { table, accountId } = await appliedWithRotateAfterUse();
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: true });
    expect(await table['accounts.get']({ accountId })).toMatchObject({ ok: true, value: { deadline: { dueAfterUse: true } } });
  });

  it('a clock stepped back beyond the tolerance cannot record a reveal at all', async () => {
    const ctx = await unlockedWithActors({ clock: tick });
    open.push(ctx.services);
    dirs.push(dirname(ctx.services.vault.path));
    const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
    rotateApplied(ctx, accountId);
    const table = createHandlerTable(ctx.services);
    clock.now -= 10 * 60_000;
    expect(await table['credentials.reveal']({ accountId, stage: 'current' })).toMatchObject({ ok: false, error: { code: 'CLOCK_BEHIND' } });
    clock.now += 10 * 60_000;
  });
});
