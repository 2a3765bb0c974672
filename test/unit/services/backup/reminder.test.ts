import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import { closeAndRemove, refusal } from '../../../fixtures/keyholders';
import { KNOWN, freshServices, keyholderId, removeDir, tempDir, unlockedWithActors } from '../../../fixtures/vault';

/**
 * The home screen's backup reminder (issue 18, scope 1): after N days (a co-signed setting, 1–90,
 * default 7) without a backup. The date of the last backup is the signed log's, so an edited date
 * is not believed, and the days themselves are under the integrity layer.
 */
/** The log's append-only triggers dropped for the edit and put back, as an attacker would (the schema is checked at unlock). */
const withLogEditable = (body: string) => `
  DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
  ${body}
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;
const DAY = 24 * 60 * 60 * 1000;
let now = Date.UTC(2026, 10, 1, 14);
const clock = () => new Date(now);
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
const out = tempDir('custodia-reminder-');
let backups = 0;
const backupNow = () => ctx.services.backup.create(ctx.admin, join(out, `b${++backups}.custodia`));

beforeAll(async () => {
  ctx = await unlockedWithActors({ clock });
}, 120_000);
afterAll(async () => {
  await ctx.services.close();
  removeDir(out);
});

describe('the backup reminder', () => {
  it('tells a vault without any backup to make its first one at once, after the default 7 days', () => {
    expect(ctx.services.backupReminder.reminder()).toEqual({ reminderDays: 7, last: null, unverified: false, due: true });
    expect(ctx.services.rotation.settings().backupReminderDays).toBe(7);
  });

  it('is quiet for 7 days after a backup, dated by its signed event, and reminds from the 7th day on', async () => {
    const made = await backupNow();
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ last: { at: made.createdAt, ageDays: 0 }, due: false });
    now += 7 * DAY - 60_000;
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ last: { at: made.createdAt, ageDays: 6 }, due: false });
    now += 60_000;
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ last: { at: made.createdAt, ageDays: 7 }, due: true, unverified: false });
  });

  it('refuses days out of 1–90 naming the bound, and changes nothing', async () => {
    const settings = ctx.services.rotation.settings();
    for (const days of [0, 91]) {
      expect(await refusal(() => ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...settings, backupReminderDays: days } }))).toEqual({
        code: 'SETTINGS_INVALID',
        rule: undefined,
        details: { setting: 'backupReminderDays', value: days, min: 1, max: 90 },
      });
    }
    expect(ctx.services.cosign.pending()).toEqual([]);
    expect(ctx.services.rotation.settings().backupReminderDays).toBe(7);
  });

  it('takes new days only through the co-signed «settings.update»: proposed by the administrator, authorized by the head (POL-5)', async () => {
    const settings = ctx.services.rotation.settings();
    const { requestId } = ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...settings, backupReminderDays: 14 } });
    expect(ctx.services.rotation.settings().backupReminderDays).toBe(7);
    expect(await refusal(() => ctx.services.cosign.approve(requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    const pending = ctx.services.cosign.pending().find((r) => r.id === requestId)!;
    expect(pending.description).toEqual({ kind: 'settings.update', changes: [{ setting: 'backupReminderDays', from: 7, to: 14 }] });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.rotation.settings().backupReminderDays).toBe(14);
    // The last backup is 7 days old: no longer due under 14.
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ reminderDays: 14, due: false });
    now += 7 * DAY;
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ reminderDays: 14, last: { ageDays: 14 }, due: true });
    await backupNow();
    expect(ctx.services.backupReminder.reminder()).toMatchObject({ last: { ageDays: 0 }, due: false });
  });
});

describe('as an attacker with sqlite3 on the vault file', () => {
  let copy: Services | undefined;
  const edited = async (sql: string): Promise<Services> => {
    copy = await closeAndRemove(copy);
    const dir = tempDir('custodia-reminder-edit-');
    ctx.services.vault.require().exec(`VACUUM INTO '${join(dir, 'vault.sqlite')}'`);
    const db = new Database(join(dir, 'vault.sqlite'));
    db.exec(sql);
    db.close();
    copy = await freshServices(dir, clock);
    await copy.sessions.unlock(keyholderId(copy, 'head'), KNOWN.headPass);
    return copy;
  };
  afterAll(async () => {
    copy = await closeAndRemove(copy);
  });

  it('a last backup moved forward in time is not believed: the reminder stays due', async () => {
    now += 15 * DAY;
    expect(ctx.services.backupReminder.reminder().due).toBe(true);
    const services = await edited(
      withLogEditable(
        `UPDATE audit_events SET at = '${new Date(now).toISOString()}' WHERE seq = (SELECT max(seq) FROM audit_events WHERE action = 'backup.created');`,
      ),
    );
    expect(services.backupReminder.reminder()).toEqual({ reminderDays: 14, last: null, unverified: true, due: true });
  });

  it('a later event relabelled «backup.created» (its hash no longer holds) is not believed', async () => {
    // A newer event than the last backup: a proposal.
    ctx.services.cosign.proposeSettings(ctx.admin, { settings: { ...ctx.services.rotation.settings(), backupReminderDays: 20 } });
    const services = await edited(withLogEditable(`UPDATE audit_events SET action = 'backup.created' WHERE seq = (SELECT max(seq) FROM audit_events);`));
    expect(services.backupReminder.reminder()).toMatchObject({ last: null, unverified: true, due: true });
  });

  it('stretched reminder days are refused by the integrity check, which names backup_settings', async () => {
    const services = await edited(`UPDATE backup_settings SET reminder_days = 90;`);
    const report = (await services.integrity.status(true)).report;
    expect(report.ok).toBe(false);
    expect(report.faults.map((f) => f.table)).toContain('backup_settings');
  });

  it('the untouched copy verifies (the checks above can pass)', async () => {
    const services = await edited(`SELECT 1;`);
    expect((await services.integrity.status(true)).report.ok).toBe(true);
    expect(services.backupReminder.reminder()).toMatchObject({ reminderDays: 14, unverified: false, due: true, last: { ageDays: 15 } });
  });
});
