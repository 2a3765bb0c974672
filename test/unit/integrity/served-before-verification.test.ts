import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/channels';
import { contract } from '../../../shared/contract';
import { createHandlerTable, SERVED_BEFORE_VERIFICATION } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import { SAMPLE_ID, SAMPLE_PAYLOADS } from '../../fixtures/payloads';
import { ACCOUNTS, freshServices, KNOWN, keyholderId, registerAccount, rotateApplied, unlockedWithActors } from '../../fixtures/vault';

/**
 * Issue 12: after unlock, the first screens answer at once, and whatever is judged against the
 * integrity ledger (compliance, a reveal, a TOTP code, any write) waits for this session's
 * verification in its worker instead of running it on the main thread (seconds at 10,000 accounts).
 */
let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** A vault with one account and an applied password, reopened by a new process (nothing verified yet in it). */
async function reopenedWithAccount(): Promise<{ services: Services; accountId: string }> {
  const ctx = await unlockedWithActors();
  const accountId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
  rotateApplied(ctx, accountId);
  ctx.services.sessions.lock('manual');
  const dir = dirname(ctx.services.vault.path);
  await ctx.services.close();
  return { services: await freshServices(dir), accountId };
}

/** That vault unlocked as the administrator through the IPC handler table, as the window does it. */
async function unlockedThroughHandlers(): Promise<{ services: Services; table: ReturnType<typeof createHandlerTable>; accountId: string }> {
  const opened = await reopenedWithAccount();
  const table = createHandlerTable(opened.services);
  const unlocked = await table['vault.unlock']({ keyholderId: keyholderId(opened.services, 'administrator'), passphrase: KNOWN.adminPass });
  expect(unlocked.ok).toBe(true);
  return { ...opened, table };
}

const payloadFor = (channel: Channel, accountId: string): unknown =>
  JSON.parse(JSON.stringify(SAMPLE_PAYLOADS[channel] ?? {}).replaceAll(SAMPLE_ID, accountId));

describe('reads served before the verification after unlock', () => {
  it('lists only channels that need an unlocked vault', () => {
    for (const channel of SERVED_BEFORE_VERIFICATION) expect(contract[channel].access, channel).toBe('unlocked');
  });

  it('answers the first screens without verifying on this thread, and a ledger read waits for the worker', async () => {
    const opened = await unlockedThroughHandlers();
    services = opened.services;
    const { table } = opened;
    for (const channel of SERVED_BEFORE_VERIFICATION) {
      if (channel === 'integrity.status' || channel === 'integrity.verify') continue;
      const answer = await table[channel](payloadFor(channel, opened.accountId));
      expect(answer, channel).toMatchObject({ ok: true });
      // Not one of them made the verification run here (its ledger built on the main thread).
      expect(services.integrity.ranIn(), channel).not.toBe('here');
    }
    const summary = await table['compliance.summary']({});
    expect(summary.ok).toBe(true);
    expect(services.integrity.ranIn()).toBe('worker');
    expect(services.integrity.report()).toMatchObject({ ok: true });
  });

  it('a write asked for at once after unlock is signed only after the verification found the vault whole', async () => {
    const opened = await unlockedThroughHandlers();
    services = opened.services;
    const { table } = opened;
    expect(services.integrity.report()).toBeNull();
    const revealed = await table['credentials.reveal']({ accountId: opened.accountId, stage: 'current' });
    expect(revealed.ok).toBe(true);
    expect(services.integrity.report()).toMatchObject({ ok: true });
    expect(services.integrity.ranIn()).toBe('worker');
  });

  it('a service called directly before the verification answered still checks its rows (the same verification, here)', async () => {
    const opened = await reopenedWithAccount();
    services = opened.services;
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    expect(services.integrity.report()).toBeNull();
    services.compliance.summary(services.sessions.require());
    expect(services.integrity.ranIn()).toBe('here');
    expect(services.integrity.report()).toMatchObject({ ok: true });
  });

  it('a lock while a ledger read waits refuses it as locked, and answers nothing of the vault', async () => {
    const opened = await unlockedThroughHandlers();
    services = opened.services;
    const { table } = opened;
    const waiting = table['compliance.summary']({});
    services.sessions.lock('manual');
    const answer = await waiting;
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'VAULT_LOCKED' }) });
  });

  it('a commit by another connection while the session is open (sqlite3 on the open file) makes the next call wait for a new verification', async () => {
    const opened = await unlockedThroughHandlers();
    services = opened.services;
    const { table } = opened;
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    const first = services.integrity.report();
    expect(first).toMatchObject({ ok: true });
    // Untouched: the next calls are answered from the same verification.
    expect(await table['compliance.summary']({})).toMatchObject({ ok: true });
    expect(services.integrity.report()).toBe(first);

    // A reveal's record deleted behind Custodia's back: no read names that row, only the whole file shows it gone.
    expect(await table['credentials.reveal']({ accountId: opened.accountId, stage: 'current' })).toMatchObject({ ok: true });
    const attacker = new Database(services.vault.path);
    try {
      expect(attacker.prepare('DELETE FROM exposures').run().changes).toBe(1);
    } finally {
      attacker.close();
    }
    // The first screens are still served at once, as after an unlock, but the verification of the whole file starts.
    expect(await table['vault.home']({})).toMatchObject({ ok: true });
    expect(services.integrity.report()).toBeNull();
    // Before: the deletion went unseen until the next unlock. Now the next call waits for the whole file, found altered.
    expect(await table['compliance.summary']({})).toMatchObject({ ok: false, error: { code: 'VAULT_TAMPERED', rule: 'SUP-1' } });
    const again = services.integrity.report();
    expect(again).not.toBe(first);
    expect(again).toMatchObject({ ok: false, faults: [expect.objectContaining({ kind: 'row_missing', table: 'exposures' })] });
    // Found altered, the vault is written to no more.
    expect(await table['credentials.reveal']({ accountId: opened.accountId, stage: 'current' })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_TAMPERED' },
    });
  });
});
