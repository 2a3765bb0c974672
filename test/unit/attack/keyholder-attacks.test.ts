import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityFault } from '../../../shared/integrity';
import { CustodiaError } from '../../../main/domain/errors';
import { createServices, type Services } from '../../../main/services';
import { appendEvent } from '../../../main/vault/audit/log';
import { passphraseBytes } from '../../../main/vault/kdf';
import { deriveVaultKeys } from '../../../main/vault/keys';
import { boxVaultKey, wrapVaultKey } from '../../../main/vault/keyring';
import { ACCOUNTS, freshSecret, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../fixtures/vault';
import { call, Leftovers, tableOf } from './helpers';

/**
 * Issue 16 (HAND-1; design.md §4, "revoking a keyholder") under attack by someone who holds the
 * administrator's passphrase, write access to the vault file and a copy of it taken before the
 * revocation, helped by the revoked backup administrator (who still knows their passphrase and
 * kept their signing key). Each attack edits the file as sqlite3 would and then tries to get in:
 * the revoked passphrase opens nothing, a forged key slot is VAULT_TAMPERED, and whatever the
 * unlock lets through the full verification names.
 */
const left = new Leftovers();
let now = Date.parse('2026-11-22T15:00:00Z');
const clock = () => new Date((now += 1000));

interface Base {
  /** The vault's folder after the backup administrator's revocation (closed). */
  dir: string;
  /** A complete copy of vault.sqlite taken just before the revocation. */
  pre: string;
  ids: { admin: string; head: string; backup: string };
  facebook: string;
  secret: string;
  /** The vault key before the re-key, as the revoked keyholder could have taken it from memory. */
  oldVk: Uint8Array;
  /** The revoked keyholder's signing secret, kept from before the revocation. */
  retiredSecret: Uint8Array;
  /** The revocation's audit event. */
  revokedAt: number;
}

let base: Base;

beforeAll(async () => {
  const ctx = await unlockedWithActors({ clock });
  const { services, admin, head, backup } = ctx;
  await services.integrity.status();
  const facebook = registerAccount(services, admin, head, ACCOUNTS.facebook);
  const secret = freshSecret();
  rotateApplied(ctx, facebook, secret);
  services.credentials.reveal(backup, facebook);
  const pre = join(left.dir('custodia-attack-pre-'), 'vault.sqlite');
  services.vault.require().exec(`VACUUM INTO '${pre}'`);
  const ids = { admin: admin.keyholderId, head: head.keyholderId, backup: backup.keyholderId };
  const oldVk = services.sessions.require().keys.vk.slice();
  const retiredSecret = backup.signSecret.slice();
  services.sessions.release(backup);
  const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: ids.backup, handoverId: null });
  services.cosign.approve(requestId, head);
  services.sessions.release(head);
  expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
  const revokedAt = services.vault.require().prepare(`SELECT seq FROM audit_events WHERE action = 'keyholder.revoke.approved'`).pluck().get() as number;
  await services.close();
  left.dirs.push(services.vault.dataDir);
  base = { dir: services.vault.dataDir, pre, ids, facebook, secret, oldVk, retiredSecret, revokedAt };
}, 120_000);

afterAll(() => left.clean());

const codeOf = async (run: () => unknown): Promise<{ code: string; details?: unknown }> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof CustodiaError) return { code: error.code, details: error.details };
    return { code: `not typed: ${String(error)}` };
  }
  return { code: 'none' };
};

/** A private copy of the revoked vault's folder, edited first as sqlite3 would, and services over it. */
async function onCopy(edit?: (db: Database.Database) => void, from = base.dir): Promise<Services> {
  const dir = left.dir();
  cpSync(from, dir, { recursive: true });
  if (edit) {
    const db = new Database(join(dir, 'vault.sqlite'));
    try {
      edit(db);
    } finally {
      db.close();
    }
  }
  const services = await createServices({ dataDir: dir, clock });
  left.services.push(services);
  return services;
}

/** Services over a copy of the file as it was before the revocation (the backup administrator still active). */
async function onPreCopy(): Promise<Services> {
  const dir = left.dir();
  copyFileSync(base.pre, join(dir, 'vault.sqlite'));
  const services = await createServices({ dataDir: dir, clock });
  left.services.push(services);
  return services;
}

/** Closes services now (a test that goes on with another copy); the clean-up does not close them twice. */
async function closeNow(services: Services): Promise<void> {
  left.services.splice(left.services.indexOf(services), 1);
  await services.close();
}

const eventCount = (services: Services) => services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
const keyOf = (id: string | number) => JSON.stringify([id]);
const faultsOf = (services: Services): IntegrityFault[] => services.integrity.verify().faults;
const preRow = () => {
  const db = new Database(base.pre, { readonly: true });
  try {
    return db.prepare('SELECT wrapped_vk, sealed_sign_secret FROM keyholders WHERE id = ?').get(base.ids.backup) as {
      wrapped_vk: Buffer;
      sealed_sign_secret: Buffer;
    };
  } finally {
    db.close();
  }
};
const reactivate = (db: Database.Database, set = '', ...values: unknown[]) =>
  db.prepare(`UPDATE keyholders SET status = 'active', retired_at = NULL${set} WHERE id = ?`).run(...values, base.ids.backup);

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
        new Date(now).toISOString(),
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

describe('old copies of the file', () => {
  it('the copy from before the revocation put back in place: the head is told at unlock that the log was rolled back, and nothing is written to it', async () => {
    const dir = left.dir();
    cpSync(base.dir, dir, { recursive: true });
    const first = await createServices({ dataDir: dir, clock });
    await first.sessions.unlock(base.ids.head, KNOWN.headPass);
    const unlockedAt = first.vault.require().prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;
    first.sessions.lock('manual');
    await first.close();
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `vault.sqlite${suffix}`), { force: true });
    copyFileSync(base.pre, join(dir, 'vault.sqlite'));

    const services = await createServices({ dataDir: dir, clock });
    left.services.push(services);
    const info = await services.sessions.unlock(base.ids.head, KNOWN.headPass);
    expect(info.lastVisit).toMatchObject({ state: 'rolled_back', seenSeq: expect.any(Number) });
    const visit = info.lastVisit as { seenSeq: number; chainEvents: number };
    expect(visit.seenSeq).toBeGreaterThanOrEqual(unlockedAt);
    expect(visit.chainEvents).toBeLessThan(base.revokedAt);
    const events = eventCount(services);
    // A write the head may make (a reading is an exposure): refused, nothing written.
    expect(await codeOf(() => services.credentials.reveal(services.sessions.require(), base.facebook))).toMatchObject({
      code: 'VAULT_TAMPERED',
      details: { part: 'rolled_back' },
    });
    expect(eventCount(services)).toBe(events);
  });

  it('every ciphertext was re-made: no sealed value of the older copy is left in the new file, and the old vault key opens none of it', async () => {
    const services = await onCopy();
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const post = services.vault.require();
    const pre = new Database(base.pre, { readonly: true });
    const kept: string[] = [];
    try {
      const tables = pre.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
      for (const table of tables) {
        for (const { name } of pre.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]) {
          const old = new Set(
            (pre.prepare(`SELECT "${name}" FROM "${table}" WHERE typeof("${name}") = 'blob'`).pluck().all() as Buffer[]).map((b) => b.toString('hex')),
          );
          if (old.size === 0) continue;
          const fresh = post.prepare(`SELECT "${name}" FROM "${table}" WHERE typeof("${name}") = 'blob'`).pluck().all() as Buffer[];
          if (fresh.some((b) => old.has(b.toString('hex')))) kept.push(`${table}.${name}`);
        }
      }
    } finally {
      pre.close();
    }
    // Only public, non-secret bytes survive a re-key unchanged: salts, public keys, the chain and its signatures.
    const PUBLIC = new Set([
      'keyholders.kdf_salt',
      'keyholders.sign_public_key',
      // sealed under each keyholder's own passphrase-derived key, not the vault key
      'keyholders.sealed_sign_secret',
      'audit_events.prev_hash',
      'audit_events.hash',
      'audit_events.signature',
      'change_requests.proposer_signature',
      'change_requests.approver_signature',
      'change_requests.decision_signature',
      'change_requests.digest',
    ]);
    expect(kept.filter((column) => !PUBLIC.has(column))).toEqual([]);

    // The old vault key, put in the session, opens nothing that the screens read.
    const session = services.sessions.require();
    expect(services.credentials.reveal(session, base.facebook).secret).toBe(base.secret);
    const current = session.keys;
    session.keys = deriveVaultKeys(services.sodium, base.oldVk.slice());
    try {
      for (const read of [() => services.accounts.list(), () => services.keyholders.list(), () => services.credentials.history({ accountId: base.facebook })]) {
        expect((await codeOf(read)).code).toMatch(/^(RECORD_TAMPERED|VAULT_TAMPERED)$/);
      }
    } finally {
      session.keys = current;
    }
  });
});

describe('signatures of the retired key after its revocation', () => {
  it('the revoked backup administrator\u2019s kept key signs a roster change after the revocation: actor_retired, and the forged member opens nothing', async () => {
    const services = await onCopy();
    await services.sessions.unlock(base.ids.admin, KNOWN.adminPass);
    const db = services.vault.require();
    const forged = services.sodium.crypto_sign_keypair();
    const seq = db.transaction(
      () =>
        appendEvent(
          db,
          services.sodium,
          services.sessions.require().keys.audit,
          { keyholderId: base.ids.backup, secretKey: base.retiredSecret },
          {
            at: new Date(now).toISOString(),
            action: 'keyholder.enrol.approved',
            subjects: { request: '00000000-0000-4000-8000-000000000000', keyholder: base.ids.backup },
            details: { enrolled: { id: base.ids.backup, role: 'head', key: services.sodium.to_hex(forged.publicKey) } },
          },
        ).seq,
    )();
    expect(seq).toBeGreaterThan(base.revokedAt);
    const kinds = faultsOf(services).map((f) => `${f.kind}@${f.seq}`);
    expect(kinds).toContain(`actor_retired@${seq}`);
    services.sessions.lock('manual');
    expect(await codeOf(() => services.sessions.unlock(base.ids.backup, KNOWN.backupPass))).toMatchObject({ code: 'KEYHOLDER_REVOKED' });
  });
});

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

    now -= 3_600_000;
    expect(await codeOf(() => services.cosign.approve(revoke, head))).toMatchObject({ code: 'CLOCK_BEHIND' });
    expect(await codeOf(() => services.cosign.approveWithPassphrase(revoke, base.ids.head, KNOWN.headPass))).toMatchObject({ code: 'CLOCK_BEHIND' });
    expect({ events: eventCount(services), epochs: n('SELECT count(*) FROM key_epochs'), keyholders: n('SELECT count(*) FROM keyholders') }).toEqual(before);
    expect(Buffer.compare(services.sessions.require().keys.vk, vk)).toBe(0);
    expect(db.prepare('SELECT status FROM keyholders WHERE id = ?').pluck().get(base.ids.backup)).toBe('active');
    expect(services.cosign.pending().map((p) => p.id)).toContain(revoke);
    now += 2 * 3_600_000;

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
