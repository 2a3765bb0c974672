import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services';
import { appendEvent } from '../../../main/vault/audit/log';
import { deriveVaultKeys } from '../../../main/vault/keys';
import { KNOWN } from '../../fixtures/vault';
import { base, clock, codeOf, eventCount, faultsOf, left, onCopy, time, useRevokedVault } from './keyholder-attacks.context';

/**
 * Issue 16 (HAND-1), what the revoked keyholder kept from before the revocation: a copy of the file,
 * the old vault key, their signing key. See keyholder-attacks.context.ts.
 */
useRevokedVault();

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
            at: new Date(time.now).toISOString(),
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
