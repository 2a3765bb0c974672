import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { passphraseBytes } from '../../../main/vault/kdf';
import { boxVaultKey, wrapVaultKey } from '../../../main/vault/keyring';
import { freshSecret, KNOWN } from '../../fixtures/vault';
import {
  base,
  clock,
  closeNow,
  codeOf,
  eventCount,
  faultsOf,
  keyOf,
  left,
  onCopy,
  preRow,
  reactivate,
  time,
  useRevokedVault,
} from './keyholder-attacks.context';

/** Issue 16 (HAND-1), the key slots edited with sqlite3 after a revocation: see keyholder-attacks.context.ts. */
useRevokedVault();

/**
 * The revoked passphrase is refused as revoked, no session begins and nothing is written; then,
 * with the head's session open, it cannot prove the revoked keyholder as a co-signer either.
 */
async function revokedRefused(services: Services): Promise<void> {
  const events = eventCount(services);
  expect(await codeOf(() => services.sessions.unlock(base.ids.backup, KNOWN.backupPass))).toMatchObject({ code: 'KEYHOLDER_REVOKED' });
  expect(services.sessions.current()).toBeUndefined();
  expect(eventCount(services)).toBe(events);
  await services.sessions.unlock(base.ids.head, KNOWN.headPass);
  const unlocked = eventCount(services);
  expect(await codeOf(() => services.sessions.authenticate(base.ids.backup, KNOWN.backupPass))).toMatchObject({ code: 'KEYHOLDER_REVOKED' });
  expect(eventCount(services)).toBe(unlocked);
}

describe('sqlite3 edits of the key slots after a revocation', () => {
  it('the revoked passphrase on the new file: refused as revoked by unlock, authenticate and a co-sign approval; nothing written', async () => {
    const services = await onCopy();
    await revokedRefused(services);
    services.sessions.lock('manual');
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const { requestId } = services.cosign.propose(services.sessions.require(), { accountId: base.facebook, secret: freshSecret(), reason: 'scheduled' });
    const events = eventCount(services);
    expect(await codeOf(() => services.cosign.approveWithPassphrase(requestId, base.ids.backup, KNOWN.backupPass))).toMatchObject({
      code: 'KEYHOLDER_REVOKED',
    });
    expect(eventCount(services)).toBe(events);
    expect(services.cosign.pending().map((p) => p.id)).toContain(requestId);
  });

  it('the revoked keyholder set back to active: still refused as revoked; the verification names the row and its unpinned key', async () => {
    const services = await onCopy((db) => reactivate(db));
    await revokedRefused(services);
    expect(faultsOf(services)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'row_altered', table: 'keyholders', key: keyOf(base.ids.backup) }),
        expect.objectContaining({ kind: 'key_not_pinned', table: 'keyholders', key: base.ids.backup }),
      ]),
    );
  });

  it('the old wrapped key and sealed signing secret copied back from the older copy: refused; named by the verification', async () => {
    const old = preRow();
    const services = await onCopy((db) => reactivate(db, ', wrapped_vk = ?, sealed_sign_secret = ?', old.wrapped_vk, old.sealed_sign_secret));
    await revokedRefused(services);
    expect(faultsOf(services)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'row_altered', table: 'keyholders', key: keyOf(base.ids.backup) })]),
    );
  });

  it('the administrator re-admits the revoked keyholder with the NEW vault key, wrapped under their passphrase or boxed for them: refused by the roster', async () => {
    // The administrator takes the new key from their own session, and the backup's salt from the file.
    const forge = await onCopy();
    await forge.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const me = forge.sessions.require();
    const db = forge.vault.require();
    const row = db.prepare('SELECT kdf_salt, kdf_opslimit, kdf_memlimit, sign_public_key FROM keyholders WHERE id = ?').get(base.ids.backup) as {
      kdf_salt: Buffer;
      kdf_opslimit: number;
      kdf_memlimit: number;
      sign_public_key: Buffer;
    };
    const kek = await forge.kdf.derive(passphraseBytes(KNOWN.backupPass), {
      alg: 'argon2id13',
      opslimit: row.kdf_opslimit,
      memlimit: row.kdf_memlimit,
      salt: new Uint8Array(row.kdf_salt),
    });
    const wrap = Buffer.from(wrapVaultKey(forge.sodium, kek, me.keys.vk, base.ids.backup));
    const box = Buffer.from(boxVaultKey(forge.sodium, me.keys.vk, me.signSecret, row.sign_public_key, base.ids.backup));
    await closeNow(forge);
    const old = preRow();

    const wrapped = await onCopy((db) => reactivate(db, ', wrapped_vk = ?, sealed_sign_secret = ?', wrap, old.sealed_sign_secret));
    await revokedRefused(wrapped);

    const boxed = await onCopy((db) => {
      reactivate(db, ', sealed_sign_secret = ?', old.sealed_sign_secret);
      db.prepare('INSERT INTO keyholder_pending_wraps (keyholder_id, sender_id, box, created_at) VALUES (?, ?, ?, ?)').run(
        base.ids.backup,
        base.ids.admin,
        box,
        new Date(time.now).toISOString(),
      );
    });
    await revokedRefused(boxed);
    expect(faultsOf(boxed)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'row_altered', table: 'keyholders', key: keyOf(base.ids.backup) }),
        expect.objectContaining({ kind: 'row_unrecorded', table: 'keyholder_pending_wraps', key: keyOf(base.ids.backup) }),
      ]),
    );
  });

  it('the head\u2019s pending box replaced by one the administrator made with a key of their choosing: VAULT_TAMPERED at the head\u2019s unlock, never a wrong passphrase, and the slot is left as found', async () => {
    const forge = await onCopy();
    await forge.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const me = forge.sessions.require();
    const headPublic = forge.vault.require().prepare('SELECT sign_public_key FROM keyholders WHERE id = ?').pluck().get(base.ids.head) as Buffer;
    const attackerKey = forge.sodium.randombytes_buf(32);
    const box = Buffer.from(boxVaultKey(forge.sodium, attackerKey, me.signSecret, headPublic, base.ids.head));
    await closeNow(forge);

    for (const sender of [base.ids.admin, base.ids.head]) {
      const services = await onCopy((db) =>
        db.prepare('UPDATE keyholder_pending_wraps SET box = ?, sender_id = ? WHERE keyholder_id = ?').run(box, sender, base.ids.head),
      );
      const events = eventCount(services);
      const refusal = await codeOf(() => services.sessions.unlock(base.ids.head, KNOWN.headPass));
      expect(refusal, `sender ${sender === base.ids.admin ? 'administrator' : 'head'}`).toMatchObject({
        code: 'VAULT_TAMPERED',
        details: { part: 'key_slot', keyholder: base.ids.head },
      });
      expect(services.sessions.current()).toBeUndefined();
      expect(eventCount(services)).toBe(events);
      // The head was not given a slot under the attacker's key: the box is still there, their wrap still empty.
      const slot = services.vault.require().prepare('SELECT wrapped_vk FROM keyholders WHERE id = ?').pluck().get(base.ids.head);
      expect(slot).toBeNull();
      expect(services.vault.require().prepare('SELECT box FROM keyholder_pending_wraps WHERE keyholder_id = ?').pluck().get(base.ids.head)).toEqual(box);
      await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
      expect(faultsOf(services)).toEqual([expect.objectContaining({ kind: 'row_altered', table: 'keyholder_pending_wraps', key: keyOf(base.ids.head) })]);
      await closeNow(services);
    }
  });

  it('the administrator\u2019s role changed to head: their unlock is VAULT_TAMPERED (key slot) and the head\u2019s verification names the row', async () => {
    const services = await onCopy((db) => db.prepare(`UPDATE keyholders SET role = 'head' WHERE id = ?`).run(base.ids.admin));
    expect(await codeOf(() => services.sessions.unlock(base.ids.admin, KNOWN.adminPass))).toMatchObject({
      code: 'VAULT_TAMPERED',
      details: { part: 'key_slot' },
    });
    await services.sessions.unlock(base.ids.head, KNOWN.headPass);
    expect(await codeOf(() => services.sessions.authenticate(base.ids.admin, KNOWN.adminPass))).toMatchObject({ code: 'VAULT_TAMPERED' });
    expect(faultsOf(services)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'row_altered', table: 'keyholders', key: keyOf(base.ids.admin) })]),
    );
  });

  it('a role changed before the revocation: the backup administrator made head cannot authorize the administrator\u2019s rotation', async () => {
    const dir = left.dir();
    copyFileSync(base.pre, join(dir, 'vault.sqlite'));
    const edit = new Database(join(dir, 'vault.sqlite'));
    edit.prepare(`UPDATE keyholders SET role = 'head' WHERE id = ?`).run(base.ids.backup);
    edit.close();
    const services = await createServices({ dataDir: dir, clock });
    left.services.push(services);
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const { requestId } = services.cosign.propose(services.sessions.require(), { accountId: base.facebook, secret: freshSecret(), reason: 'scheduled' });
    const events = eventCount(services);
    const refusal = await codeOf(() => services.cosign.approveWithPassphrase(requestId, base.ids.backup, KNOWN.backupPass));
    expect(refusal.code).toMatch(/^(VAULT_TAMPERED|COSIGN_ROLE|COSIGN_INTEGRITY)$/);
    expect(eventCount(services)).toBe(events);
    expect(services.cosign.pending().map((p) => p.id)).toContain(requestId);
  });

  it('key_epochs rows deleted or edited: named by the verification', async () => {
    const deleted = await onCopy((db) => db.prepare('DELETE FROM key_epochs').run());
    await deleted.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    expect(faultsOf(deleted)).toEqual([expect.objectContaining({ kind: 'row_missing', table: 'key_epochs', key: keyOf(0) })]);
    const edited = await onCopy((db) => db.prepare(`UPDATE key_epochs SET ended_at = '2020-01-01T00:00:00.000Z'`).run());
    await edited.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    expect(faultsOf(edited)).toEqual([expect.objectContaining({ kind: 'row_altered', table: 'key_epochs', key: keyOf(0) })]);
    const inserted = await onCopy((db) =>
      db.prepare('INSERT INTO key_epochs (epoch, fingerprints_key, ended_at) SELECT 7, fingerprints_key, ended_at FROM key_epochs WHERE epoch = 0').run(),
    );
    await inserted.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    expect(faultsOf(inserted)).toEqual([expect.objectContaining({ kind: 'row_unrecorded', table: 'key_epochs', key: keyOf(7) })]);
  });

  it('the head\u2019s pending box deleted: the head gets no session and the administrator\u2019s verification names the missing row', async () => {
    const services = await onCopy((db) => db.prepare('DELETE FROM keyholder_pending_wraps WHERE keyholder_id = ?').run(base.ids.head));
    const events = eventCount(services);
    expect((await codeOf(() => services.sessions.unlock(base.ids.head, KNOWN.headPass))).code).not.toBe('none');
    expect(services.sessions.current()).toBeUndefined();
    expect(eventCount(services)).toBe(events);
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    expect(faultsOf(services)).toEqual([expect.objectContaining({ kind: 'row_missing', table: 'keyholder_pending_wraps', key: keyOf(base.ids.head) })]);
  });
});
