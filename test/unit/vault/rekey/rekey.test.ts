import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import type { Db } from '../../../../main/vault/db';
import type { Sodium } from '../../../../main/vault/sodium';
import { deriveVaultKeys, generateVaultKey, wipeVaultKeys, type VaultKeys } from '../../../../main/vault/keys';
import { openJson, openText } from '../../../../main/vault/fields';
import { appendEvent, assertHeadIntact } from '../../../../main/vault/audit/log';
import { verifyAuditLog } from '../../../../main/vault/audit/verify';
import { listAccounts } from '../../../../main/vault/repositories/accounts';
import { openSecret } from '../../../../main/vault/repositories/credential-versions';
import { readInstitution } from '../../../../main/vault/repositories/institution';
import { listPeople } from '../../../../main/vault/repositories/people';
import { staffProfileOf, staffRows } from '../../../../main/vault/repositories/staff';
import { openSeeds } from '../../../../main/vault/repositories/totp-seeds';
import { openCode, openUsedReason } from '../../../../main/vault/repositories/recovery-codes';
import { listDevices, readTwoStep } from '../../../../main/vault/repositories/devices';
import { secretFingerprint } from '../../../../main/vault/signatures';
import { epochFingerprintKeys, rekeyVault, type RekeyProgress } from '../../../../main/vault/rekey/rekey';
import { currentEpoch } from '../../../../main/vault/rekey/epochs';
import { SEALED_TABLES } from '../../../../main/vault/rekey/sealed-columns';
import { richVault } from '../../../fixtures/rich-vault';
import { freshSecret, freshServices, keyholderId, KNOWN, registerAccount, removeDir, rotateApplied, tempDir } from '../../../fixtures/vault';
import { fieldKey, keyState, openField, readSealedFields } from '../../../fixtures/sealed-fields';

/**
 * The re-key on a vault with every kind of sealed record (the rich vault, plus what it lacks: an
 * account with every optional field, a phone with notes, a password typed in decomposed Unicode),
 * with real services, a real SQLite file and real libsodium.
 */
/** A password whose NFC form differs from what was typed: ñ and é decomposed. */
const decomposed = () => `${freshSecret()}n\u0303e\u0301`;

interface Fixture {
  dir: string;
  services: Services;
  db: Db;
  s: Sodium;
  /** A copy of the session's keys (the session wipes its own at lock). */
  from: VaultKeys;
  signer: { keyholderId: string; secretKey: Uint8Array };
  nfdVersion: string;
}

const fixtures: Fixture[] = [];
afterAll(async () => {
  for (const f of fixtures) {
    await f.services.close();
    removeDir(f.dir);
  }
});

async function fixture(): Promise<Fixture> {
  const rich = await richVault();
  const dir = tempDir('custodia-rekey-');
  cpSync(rich.dir, dir, { recursive: true });
  const services = await freshServices(dir);
  await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
  const admin = services.sessions.require();
  const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  const account = registerAccount(services, admin, head, {
    platform: 'instagram',
    kind: 'principal',
    displayName: 'Galería Zafiroquinta',
    handle: '@zafiroquinta.galeria',
    altHandle: '@zq.galeria',
    profileUrl: 'https://www.instagram.com/zafiroquinta.galeria',
    loginIdentifier: 'galeria@zafiroquinta.gob.pe',
    notes: 'Cuenta de fotografía — año 2025',
  });
  const nfdVersion = rotateApplied({ services, admin, head, backup: head }, account, decomposed());
  services.twoStep.addDevice(admin, { label: 'Tableta de eventos', number: '+51 987 333 444', institutionOwned: true, notes: 'Cajón 2, oficina de prensa' });
  const s = services.sodium;
  const from = deriveVaultKeys(s, admin.keys.vk.slice());
  const signer = { keyholderId: head.keyholderId, secretKey: head.signSecret.slice() };
  services.sessions.release(head);
  const f = { dir, services, db: services.vault.require(), s, from, signer, nfdVersion };
  fixtures.push(f);
  return f;
}

const newKeys = (s: Sodium) => deriveVaultKeys(s, generateVaultKey());
const AT = () => new Date().toISOString();

function rekeyWithEvent(f: Fixture, from: VaultKeys, to: VaultKeys, onProgress?: (p: RekeyProgress) => void, portable = false) {
  return f.db.transaction(() => {
    const result = rekeyVault(f.db, f.s, from, to, { at: AT(), ...(onProgress ? { onProgress } : {}), ...(portable ? { portable } : {}) });
    // The head is under the new audit key now: the event that closes the transaction is appended with it.
    appendEvent(f.db, f.s, to.audit, f.signer, { at: AT(), action: 'test.rekey', subjects: {}, details: { epoch: result.epoch } });
    return result;
  })();
}

/** What the repositories (not the declaration) read back: every sealed record of the vault, opened. */
function snapshot(db: Db, s: Sodium, key: Uint8Array) {
  const ids = (sql: string) => db.prepare(sql).pluck().all() as string[];
  const requests = db.prepare('SELECT id, payload, decision_reason FROM change_requests ORDER BY id').all() as {
    id: string;
    payload: Buffer;
    decision_reason: Buffer | null;
  }[];
  const ref = (id: string, column: string) => ({ table: 'change_requests', rowId: id, column, version: 1 });
  const keyholders = db.prepare('SELECT id, version, name FROM keyholders ORDER BY id').all() as { id: string; version: number; name: Buffer }[];
  const codes = db.prepare('SELECT id, used_reason FROM recovery_codes ORDER BY id').all() as { id: string; used_reason: Buffer | null }[];
  return {
    institution: readInstitution(db, s, key),
    accounts: listAccounts(db, s, key).sort((a, b) => a.id.localeCompare(b.id)),
    secrets: ids('SELECT id FROM credential_versions ORDER BY id').map((id) => openSecret(db, s, key, id)),
    requests: requests.map((r) => ({
      payload: openJson<unknown>(s, key, ref(r.id, 'payload'), r.payload),
      reason: r.decision_reason && openText(s, key, ref(r.id, 'decision_reason'), r.decision_reason),
    })),
    people: listPeople(db, s, key).sort((a, b) => a.id.localeCompare(b.id)),
    staff: staffRows(db).map((r) => staffProfileOf(db, s, key, r.personId)),
    seeds: [...openSeeds(db, s, key, ids('SELECT account_id FROM totp_seeds ORDER BY account_id'))],
    codes: codes.map((c) => [openCode(db, s, key, c.id), c.used_reason && openUsedReason(s, key, c.id, c.used_reason)]),
    devices: listDevices(db, s, key),
    twoStep: ids('SELECT account_id FROM account_two_step ORDER BY account_id').map((id) => readTwoStep(db, s, key, id)),
    keyholders: keyholders.map((k) => openText(s, key, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name)),
  };
}

function openedFields(f: Fixture, key: Uint8Array): Map<string, string | undefined> {
  return new Map(
    readSealedFields(f.db).map((field) => {
      const plain = openField(f.s, key, field);
      return [fieldKey(field.ref), plain && Buffer.from(plain).toString('hex')];
    }),
  );
}

describe('the re-key (main/vault/rekey)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it('has a vault holding every declared sealed column, so that the tests below cover each one', () => {
    const empty = SEALED_TABLES.flatMap((t) =>
      t.columns
        .map((c) => c.column)
        .filter((column) => t.table !== 'key_epochs' && (f.db.prepare(`SELECT count(${column}) FROM ${t.table}`).pluck().get() as number) === 0)
        .map((column) => `${t.table}.${column}`),
    );
    expect(empty).toEqual([]);
    const nfd = openSecret(f.db, f.s, f.from.records, f.nfdVersion);
    expect(nfd.normalize('NFC')).not.toBe(nfd);
  });

  it('moves every sealed field, fingerprint, the chain head and the epochs to the new key, and nothing stays readable under the old one', () => {
    const before = snapshot(f.db, f.s, f.from.records);
    // The rich vault was re-keyed once already (a cancelled handover): the epoch this re-key ends, and those before it.
    const ended = currentEpoch(f.db);
    const earlier = epochFingerprintKeys(f.db, f.s, f.from.records).map((e) => [e.epoch, f.s.to_hex(e.key)]);
    expect(earlier).toHaveLength(ended);
    const fieldsBefore = openedFields(f, f.from.records);
    expect([...fieldsBefore.values()].every((v) => v !== undefined)).toBe(true);
    const oldFingerprints = f.db.prepare('SELECT id, fingerprint FROM credential_versions').raw(true).all() as [string, Buffer][];
    const to = newKeys(f.s);
    const progress: RekeyProgress[] = [];
    const result = rekeyWithEvent(f, f.from, to, (p) => progress.push({ ...p }));

    // Every declared field opens under the new key with the same bytes, none under the old; the new epoch row holds the old fingerprints key.
    expect(openedFields(f, to.records)).toEqual(new Map([...fieldsBefore, [`key_epochs/${ended}/fingerprints_key/1`, f.s.to_hex(f.from.fingerprints)]]));
    expect([...openedFields(f, f.from.records).values()].filter((v) => v !== undefined)).toEqual([]);
    // Read back by the repositories themselves (their own FieldRefs, not the declaration's).
    expect(snapshot(f.db, f.s, to.records)).toEqual(before);
    expect(() => snapshot(f.db, f.s, f.from.records)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));

    expect(result).toEqual({ epoch: ended + 1, fields: fieldsBefore.size, versions: oldFingerprints.length });
    expect(progress[0]).toEqual({ done: 0, total: fieldsBefore.size });
    expect(progress.at(-1)).toEqual({ done: fieldsBefore.size, total: fieldsBefore.size });
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done)).toBe(true);

    // Fingerprints: recomputed with the new key (NFC, as the app computes them), none left from the old one.
    const state = keyState(f.db, f.s, f.from, to);
    expect(state.fingerprints).toEqual({ old: 0, new: oldFingerprints.length, neither: 0, both: 0 });
    expect(state.fields).toEqual({ old: 0, new: fieldsBefore.size + 1, neither: 0, both: 0 });
    expect(state.head).toBe('new');
    const stored = new Map(f.db.prepare('SELECT id, fingerprint FROM credential_versions').raw(true).all() as [string, Buffer][]);
    for (const [id, fingerprint] of oldFingerprints) expect(Buffer.compare(stored.get(id)!, fingerprint)).not.toBe(0);
    const nfd = openSecret(f.db, f.s, to.records, f.nfdVersion);
    expect(Buffer.compare(stored.get(f.nfdVersion)!, secretFingerprint(f.s, to.fingerprints, nfd))).toBe(0);
    // Reuse is still found by the indexed lookup, also when typed in another Unicode form.
    const reused = secretFingerprint(f.s, to.fingerprints, nfd.normalize('NFC'));
    expect(f.db.prepare('SELECT id FROM credential_versions WHERE fingerprint = ?').pluck().all(reused)).toEqual([f.nfdVersion]);

    // The chain head: under the new audit key, the log verifies; the old key no longer opens the head.
    expect(verifyAuditLog(f.db, f.s, to.audit, { full: true }).ok).toBe(true);
    expect(() => assertHeadIntact(f.db, f.s, f.from.audit)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));

    // The ended epoch's fingerprints key, under the new records key only.
    const epochs = epochFingerprintKeys(f.db, f.s, to.records);
    expect(epochs.map((e) => [e.epoch, f.s.to_hex(e.key)])).toEqual([...earlier, [ended, f.s.to_hex(f.from.fingerprints)]]);
    expect(() => epochFingerprintKeys(f.db, f.s, f.from.records)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));

    // A second re-key keeps both epochs, re-sealed under the newest key (the portable path: the same result).
    const third = newKeys(f.s);
    const second = rekeyWithEvent(f, to, third, undefined, true);
    expect(second.epoch).toBe(ended + 2);
    expect(snapshot(f.db, f.s, third.records)).toEqual(before);
    expect(keyState(f.db, f.s, to, third).fields).toEqual({ old: 0, new: fieldsBefore.size + 2, neither: 0, both: 0 });
    expect(epochFingerprintKeys(f.db, f.s, third.records).map((e) => [e.epoch, f.s.to_hex(e.key)])).toEqual([
      ...earlier,
      [ended, f.s.to_hex(f.from.fingerprints)],
      [ended + 1, f.s.to_hex(to.fingerprints)],
    ]);
    expect(() => epochFingerprintKeys(f.db, f.s, to.records)).toThrow(expect.objectContaining({ code: 'RECORD_TAMPERED' }));
    expect(verifyAuditLog(f.db, f.s, third.audit, { full: true }).ok).toBe(true);
    // Back to the fixture's own keys for nothing else: this vault now lives under `third`.
    wipeVaultKeys(f.s, to);
    f.from = third;
  });
});

describe('a re-key that cannot finish', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it('runs only inside a transaction', () => {
    expect(() => rekeyVault(f.db, f.s, f.from, newKeys(f.s), { at: AT() })).toThrow(/transaction/);
    expect(keyState(f.db, f.s, f.from, newKeys(f.s)).fields.old).toBeGreaterThan(0);
  });

  it('refuses a field that does not open, and its rollback leaves every part under the old key', () => {
    const before = openedFields(f, f.from.records);
    const epochs = f.db.prepare('SELECT count(*) FROM key_epochs').pluck().get();
    // The last declared table's field: every table before it was already re-sealed when the refusal comes.
    const device = f.db.prepare('SELECT id, label FROM devices ORDER BY rowid DESC LIMIT 1').get() as { id: string; label: Buffer };
    const altered = Buffer.from(device.label);
    altered[altered.length - 1]! ^= 1;
    f.db.prepare('UPDATE devices SET label = ? WHERE id = ?').run(altered, device.id);
    const to = newKeys(f.s);
    expect(() => f.db.transaction(() => rekeyVault(f.db, f.s, f.from, to, { at: AT() }))()).toThrow(
      expect.objectContaining({ code: 'RECORD_TAMPERED', details: { table: 'devices', rowId: device.id, column: 'label' } }),
    );
    f.db.prepare('UPDATE devices SET label = ? WHERE id = ?').run(device.label, device.id);
    const state = keyState(f.db, f.s, f.from, to);
    expect(state.fields).toEqual({ old: before.size, new: 0, neither: 0, both: 0 });
    expect(state.fingerprints.new).toBe(0);
    expect(state.head).toBe('old');
    expect(f.db.prepare('SELECT count(*) FROM key_epochs').pluck().get()).toBe(epochs);
    expect(openedFields(f, f.from.records)).toEqual(before);
  });
});
