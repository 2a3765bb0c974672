import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../../../main/ipc/handlers';
import type { Actor } from '../../../../main/services/vault/session';
import { exportVault, FILE_PASS, tempDir } from './export.context';

/**
 * What the KeePass export refuses (issue 18, scope 5; POL-5, POL-1): before the head's authorization,
 * one's own authorization, a second perform, a weak or mistyped passphrase, a keyholder who did not
 * ask for it, an expired request; and the attacker's ways around them: rows edited with sqlite3,
 * hostile IPC payloads. Each refusal is typed and writes no file, no exposure, no event.
 */
let ctx: Awaited<ReturnType<typeof exportVault>>;
beforeAll(async () => {
  ctx = await exportVault();
}, 60_000);
afterAll(() => ctx.services.close());

const HOUR = 3_600_000;
const db = () => ctx.services.vault.require();
const exportedEvents = () => db().prepare("SELECT count(*) FROM audit_events WHERE action = 'vault.exported'").pluck().get();
const exposures = () => db().prepare('SELECT count(*) FROM export_exposures').pluck().get();

/** Edits the file directly, as someone with write access but no keys would. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(ctx.services.vault.path);
  raw.prepare(sql).run(...params);
  raw.close();
}

/** Performs `requestId` as `actor`, expecting a refusal; checks that nothing was written anywhere. */
async function refused(requestId: string, expected: object, actor: Actor = ctx.admin, passphrase = FILE_PASS, confirm = passphrase) {
  const destination = join(tempDir(), 'rechazado.kdbx');
  const before = { events: exportedEvents(), exposures: exposures() };
  await expect(ctx.exporter.exportKdbx(actor, { requestId, passphrase, confirm, destination })).rejects.toMatchObject(expected);
  expect(existsSync(destination)).toBe(false);
  expect({ events: exportedEvents(), exposures: exposures() }).toEqual(before);
}

function authorized(): string {
  const { requestId } = ctx.exporter.propose(ctx.admin, 'Copia para el auditor');
  ctx.services.cosign.approve(requestId, ctx.head);
  return requestId;
}

describe('the co-signed workflow (POL-5)', () => {
  it('before the head authorizes it: EXPORT_NONE', async () => {
    const { requestId } = ctx.exporter.propose(ctx.admin, null);
    // What the head is shown: what the file would hold, counted, never a secret.
    expect(ctx.services.cosign.requests().find((r) => r.id === requestId)?.description).toEqual({ kind: 'vault.export', accounts: 3, passwords: 2, seeds: 1 });
    expect(ctx.exporter.status(ctx.admin).pending?.requestId).toBe(requestId);
    await refused(requestId, { code: 'EXPORT_NONE' });
    ctx.services.cosign.reject(requestId, ctx.head, 'Todavía no');
  });

  it('the proposer cannot authorize their own export; the backup administrator cannot authorize at all; the head does not propose', () => {
    const { requestId } = ctx.exporter.propose(ctx.admin, null);
    expect(() => ctx.services.cosign.approve(requestId, ctx.admin)).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' }));
    expect(() => ctx.services.cosign.approve(requestId, ctx.backup)).toThrow(expect.objectContaining({ code: 'COSIGN_ROLE' }));
    expect(db().prepare('SELECT count(*) FROM vault_exports WHERE request_id = ?').pluck().get(requestId)).toBe(0);
    ctx.services.cosign.reject(requestId, ctx.head, 'No');
    expect(() => ctx.exporter.propose(ctx.head, null)).toThrow(expect.objectContaining({ code: 'ACTION_ROLE', rule: 'POL-5' }));
  });

  it('only the keyholder who asked performs it, even another administrator', async () => {
    const requestId = authorized();
    await refused(requestId, { code: 'EXPORT_NONE', details: { reason: 'not_yours' }, rule: 'POL-5' }, ctx.backup);
    await refused(requestId, { code: 'ACTION_ROLE', rule: 'POL-5' }, ctx.head);
    await ctx.exporter.exportKdbx(ctx.admin, { requestId, passphrase: FILE_PASS, confirm: FILE_PASS, destination: join(tempDir(), 'a.kdbx') });
    await refused(requestId, { code: 'EXPORT_NONE', details: { reason: 'performed' } });
  });

  it('a request expired before its decision cannot be authorized; one authorized but not performed in time is refused', async () => {
    const { requestId: late } = ctx.exporter.propose(ctx.admin, null);
    ctx.advance(25 * HOUR);
    expect(() => ctx.services.cosign.approve(late, ctx.head)).toThrow(expect.objectContaining({ code: 'COSIGN_EXPIRED' }));
    const requestId = authorized();
    expect(ctx.exporter.status(ctx.admin).ready.map((g) => g.requestId)).toContain(requestId);
    ctx.advance(25 * HOUR);
    expect(ctx.exporter.status(ctx.admin).ready.map((g) => g.requestId)).not.toContain(requestId);
    await refused(requestId, { code: 'EXPORT_NONE', details: { reason: 'expired' } });
  });
});

describe('the file’s passphrase (POL-1)', () => {
  it('shorter than POL-1’s minimum, guessable, or typed differently twice: refused, the authorization still open', async () => {
    const requestId = authorized();
    await refused(requestId, { code: 'EXPORT_PASSPHRASE_WEAK', rule: 'POL-1', details: { reason: 'length', min: 16 } }, ctx.admin, 'Corta#2026');
    await refused(requestId, { code: 'EXPORT_PASSPHRASE_WEAK', rule: 'POL-1', details: { reason: 'score' } }, ctx.admin, 'aaaaaaaaaaaaaaaaaaaaaaaa');
    await refused(requestId, { code: 'PASSPHRASE_CONFIRM' }, ctx.admin, FILE_PASS, `${FILE_PASS}.`);
    expect(ctx.exporter.status(ctx.admin).ready.map((g) => g.requestId)).toContain(requestId);
  });
});

describe('attacks on the file (sqlite3) and through IPC', () => {
  it('the vault’s own folder is refused as a destination', async () => {
    const requestId = authorized();
    const destination = join(ctx.services.vault.dataDir, 'vault.sqlite');
    await expect(ctx.exporter.exportKdbx(ctx.admin, { requestId, passphrase: FILE_PASS, confirm: FILE_PASS, destination })).rejects.toMatchObject({
      code: 'BACKUP_DESTINATION',
    });
  });

  it('a pending request flipped to approved with its grant forged: refused by the integrity check, no secret read', async () => {
    const { requestId } = ctx.exporter.propose(ctx.admin, null);
    tamper(
      "UPDATE change_requests SET status = 'approved', decided_by = ?, decided_at = ? WHERE id = ?",
      ctx.head.keyholderId,
      ctx.now().toISOString(),
      requestId,
    );
    tamper(
      'INSERT INTO vault_exports (request_id, requested_by, authorized_by, authorized_at) VALUES (?, ?, ?, ?)',
      requestId,
      ctx.admin.keyholderId,
      ctx.head.keyholderId,
      ctx.now().toISOString(),
    );
    await refused(requestId, { code: 'VAULT_TAMPERED' });
  });

  it('a performed export marked unperformed again: refused', async () => {
    const requestId = authorized();
    await ctx.exporter.exportKdbx(ctx.admin, { requestId, passphrase: FILE_PASS, confirm: FILE_PASS, destination: join(tempDir(), 'b.kdbx') });
    tamper('UPDATE vault_exports SET performed_by = NULL, performed_at = NULL WHERE request_id = ?', requestId);
    await refused(requestId, { code: 'VAULT_TAMPERED' });
  });

  it('an authorized export handed to another keyholder by editing its row: refused', async () => {
    const requestId = authorized();
    tamper('UPDATE vault_exports SET requested_by = ? WHERE request_id = ?', ctx.backup.keyholderId, requestId);
    await refused(requestId, { code: 'VAULT_TAMPERED' }, ctx.backup);
  });

  it('hostile payloads are refused as INVALID_REQUEST, an unknown request as EXPORT_NONE, never INTERNAL', async () => {
    const table = createHandlerTable(ctx.services, () => undefined);
    const ok = { requestId: '7d3f8f7e-2a59-4c38-9b53-0e6f4f5d2c11', passphrase: FILE_PASS, confirm: FILE_PASS };
    for (const payload of [
      { ...ok, destination: '/tmp/elegido-por-el-renderer.kdbx' },
      { ...ok, passphrase: 'x'.repeat(5000), confirm: 'x'.repeat(5000) },
      { ...ok, requestId: "x' OR 1=1 --" },
      { ...ok, confirm: undefined },
      null,
    ])
      expect(await dispatch(table, 'export.kdbx', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await dispatch(table, 'export.propose', { note: 'n'.repeat(100_000) })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await dispatch(table, 'export.inventory', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await dispatch(table, 'export.kdbx', ok)).toMatchObject({ ok: false, error: { code: 'EXPORT_NONE' } });
  });
});
