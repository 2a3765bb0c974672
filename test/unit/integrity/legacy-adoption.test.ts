import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountInput } from '../../../shared/accounts';
import { GENESIS_HASH, eventHash } from '../../../main/vault/audit/chain';
import { writeSealedHead } from '../../../main/vault/audit/log';
import { createVaultFile } from '../../../main/vault/db';
import { sealText } from '../../../main/vault/fields';
import { newKdfParams, passphraseBytes } from '../../../main/vault/kdf';
import { deriveVaultKeys, generateVaultKey } from '../../../main/vault/keys';
import { createSigningKeys, sealSigningSecret, wrapVaultKey } from '../../../main/vault/keyring';
import { insertInstitution } from '../../../main/vault/repositories/institution';
import { insertKeyholder } from '../../../main/vault/repositories/keyholders';
import { writeMeta } from '../../../main/vault/repositories/meta';
import { loadSodium } from '../../../main/vault/sodium';
import { ACCOUNTS, FORM_A, freshServices, KNOWN, tempDir } from '../../fixtures/vault';

/**
 * A vault as Custodia wrote it before its state was bound to the log: a founding event with no
 * roster and events that carry no row digests (written here by hand, as that version did).
 */
async function legacyVault(): Promise<{ dir: string; admin: string; head: string }> {
  const s = await loadSodium();
  const dir = tempDir('custodia-legacy-');
  const db = createVaultFile(join(dir, 'vault.sqlite'));
  for (const name of db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER temp.${name}`);
  const vk = generateVaultKey();
  const keys = deriveVaultKeys(s, vk);
  const at = new Date(Date.UTC(2025, 5, 1)).toISOString();
  const people = [
    { id: randomUUID(), role: 'administrator' as const, name: KNOWN.administrator, pass: KNOWN.adminPass, signing: createSigningKeys(s) },
    { id: randomUUID(), role: 'head' as const, name: KNOWN.head, pass: KNOWN.headPass, signing: createSigningKeys(s) },
  ];
  let prev: Uint8Array = GENESIS_HASH;
  db.transaction(() => {
    writeMeta(db, 'format', 'custodia-vault/1');
    writeMeta(db, 'vault_id', randomUUID());
    insertInstitution(
      db,
      s,
      keys.records,
      { name: KNOWN.institution, acronym: KNOWN.acronym, emailDomains: [KNOWN.domain], timeZone: 'America/Lima', idleLockMinutes: 5, clipboardSeconds: 30 },
      at,
    );
    for (const p of people) {
      const kdf = newKdfParams();
      const kek = s.crypto_pwhash(32, passphraseBytes(p.pass), kdf.salt, kdf.opslimit, kdf.memlimit, s.crypto_pwhash_ALG_ARGON2ID13);
      insertKeyholder(db, {
        id: p.id,
        role: p.role,
        status: 'active',
        version: 1,
        name: sealText(s, keys.records, { table: 'keyholders', rowId: p.id, column: 'name', version: 1 }, p.name),
        kdf,
        wrappedVk: wrapVaultKey(s, kek, vk, p.id),
        signPublicKey: p.signing.publicKey,
        sealedSignSecret: sealSigningSecret(s, kek, p.signing.secretKey, p.id),
        createdAt: at,
        retiredAt: null,
      });
    }
    const events = [
      { actor: people[0]!, action: 'vault.created', subjects: {}, details: { format: 'custodia-vault/1', keyholders: 2 } },
      ...people.map((p) => ({ actor: p, action: 'keyholder.enrolled', subjects: { keyholder: p.id }, details: { role: p.role } })),
    ];
    const insert = db.prepare(
      'INSERT INTO audit_events (seq, at, actor_id, action, subjects, details, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    events.forEach((e, i) => {
      const event = { seq: i + 1, at, actorId: e.actor.id, action: e.action, subjects: e.subjects, details: e.details };
      const hash = eventHash(s, prev, event);
      insert.run(
        event.seq,
        at,
        e.actor.id,
        e.action,
        JSON.stringify(e.subjects),
        JSON.stringify(e.details),
        prev,
        hash,
        s.crypto_sign_detached(hash, e.actor.signing.secretKey),
      );
      prev = hash;
    });
    writeSealedHead(db, s, keys.audit, { seq: events.length, hash: prev });
  })();
  db.close();
  return { dir, admin: people[0]!.id, head: people[1]!.id };
}

describe('a vault made before its state was bound to the log', () => {
  it('is adopted as found at its first unlock, then verifies and binds every later write', async () => {
    const legacy = await legacyVault();
    const services = await freshServices(legacy.dir);
    await services.sessions.unlock(legacy.admin, KNOWN.adminPass);
    const actions = services.vault.require().prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all();
    expect(actions).toEqual(['vault.created', 'keyholder.enrolled', 'keyholder.enrolled', 'integrity.adopted', 'vault.unlocked']);
    expect(services.integrity.verify()).toMatchObject({ ok: true, baselineSeq: 4, faults: [] });
    // A write after the adoption (an alta requested, issue 17) is bound to the log like any other.
    services.lifecycle.requestAlta(services.sessions.require(), { account: accountInput.parse(ACCOUNTS.mailbox), form: FORM_A });
    expect(services.integrity.verify().ok).toBe(true);
    services.sessions.lock('manual');
    await expect(services.sessions.unlock(legacy.head, KNOWN.headPass)).resolves.toMatchObject({ role: 'head' });
    services.vault.require().prepare("UPDATE accounts SET kind = 'support'").run();
    expect(services.integrity.verify().faults).toEqual([expect.objectContaining({ kind: 'row_altered', table: 'accounts' })]);
    await services.close();
  });
});
