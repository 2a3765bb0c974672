import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services';
import { KNOWN } from '../../fixtures/vault';
import { call, tableOf } from './helpers';
import { base, clock, codeOf, eventCount, left, onPreCopy, time, useRevokedVault } from './keyholder-attacks.context';

/** Issue 16 (HAND-1), a keyholder change with the clock set back or a second writer on the file: see keyholder-attacks.context.ts. */
useRevokedVault();

describe('the clock and a second writer during a keyholder change', () => {
  it('a revocation approved with the clock set back: CLOCK_BEHIND, nothing applied, the vault key unchanged; with the clock right it re-keys', async () => {
    const services = await onPreCopy();
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const admin = services.sessions.require();
    const head = await services.sessions.authenticate(base.ids.head, KNOWN.headPass);
    const backup = await services.sessions.authenticate(base.ids.backup, KNOWN.backupPass);
    const db = services.vault.require();
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    const { requestId: revoke } = services.keyholders.proposeRevoke(admin, { keyholderId: base.ids.backup, handoverId: null });
    const vk = admin.keys.vk.slice();
    const before = { events: eventCount(services), epochs: n('SELECT count(*) FROM key_epochs'), keyholders: n('SELECT count(*) FROM keyholders') };

    time.now -= 3_600_000;
    expect(await codeOf(() => services.cosign.approve(revoke, head))).toMatchObject({ code: 'CLOCK_BEHIND' });
    expect(await codeOf(() => services.cosign.approveWithPassphrase(revoke, base.ids.head, KNOWN.headPass))).toMatchObject({ code: 'CLOCK_BEHIND' });
    expect({ events: eventCount(services), epochs: n('SELECT count(*) FROM key_epochs'), keyholders: n('SELECT count(*) FROM keyholders') }).toEqual(before);
    expect(Buffer.compare(services.sessions.require().keys.vk, vk)).toBe(0);
    expect(db.prepare('SELECT status FROM keyholders WHERE id = ?').pluck().get(base.ids.backup)).toBe('active');
    expect(services.cosign.pending().map((p) => p.id)).toContain(revoke);
    time.now += 2 * 3_600_000;

    services.cosign.approve(revoke, head);
    expect(Buffer.compare(services.sessions.require().keys.vk, vk)).not.toBe(0);
    services.sessions.release(backup);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
  });

  it('a second connection cannot write while the re-key runs, and one that holds the write lock first makes the approval fail typed with nothing applied', async () => {
    const services = await onPreCopy();
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const admin = services.sessions.require();
    const head = await services.sessions.authenticate(base.ids.head, KNOWN.headPass);
    const db = services.vault.require();
    const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: base.ids.backup, handoverId: null });
    const second = new Database(services.vault.path, { timeout: 0 });
    try {
      // First, the other connection holds the write lock: the approval is refused, typed, and nothing moves.
      second.exec('BEGIN IMMEDIATE');
      second.prepare(`UPDATE keyholders SET status = 'active' WHERE id = ?`).run(base.ids.backup);
      const events = eventCount(services);
      const internals: string[] = [];
      const answer = await call(tableOf(services, internals), 'cosign.approve', { requestId, approverId: base.ids.head, passphrase: KNOWN.headPass });
      expect(answer).toMatchObject({ ok: false, error: { code: 'VAULT_IN_USE' } });
      expect(internals).toEqual([]);
      second.exec('ROLLBACK');
      expect(eventCount(services)).toBe(events);
      expect(db.prepare('SELECT count(*) FROM key_epochs').pluck().get()).toBe(0);
      expect(services.credentials.reveal(admin, base.facebook).secret).toBe(base.secret);

      // Then it tries to write while the re-key runs (at each progress report): busy every time.
      const attempts: string[] = [];
      const stop = services.rekey.onProgress(() => {
        try {
          second.prepare(`INSERT INTO key_epochs (epoch, fingerprints_key, ended_at) VALUES (99, x'00', '2020-01-01')`).run();
          attempts.push('written');
        } catch (error) {
          attempts.push((error as { code?: string }).code ?? String(error));
        }
      });
      services.cosign.approve(requestId, head);
      stop();
      expect(attempts.length).toBeGreaterThan(0);
      expect(new Set(attempts)).toEqual(new Set(['SQLITE_BUSY']));
    } finally {
      second.close();
    }
    expect(services.credentials.reveal(services.sessions.require(), base.facebook).secret).toBe(base.secret);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    // A second process is told the vault is in use.
    const other = await createServices({ dataDir: services.vault.dataDir, clock });
    left.services.push(other);
    expect(other.setup.status()).toMatchObject({ state: 'unavailable', error: { code: 'VAULT_IN_USE' } });
  });
});
