import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { appendEvent } from '../../../main/vault/audit/log';
import { passphraseBytes } from '../../../main/vault/kdf';
import { createSigningKeys, sealSigningSecret, wrapVaultKey } from '../../../main/vault/keyring';
import { NEW_PASSPHRASES } from '../../fixtures/keyholders';
import { ACCOUNTS, KNOWN, registerAccount } from '../../fixtures/vault';
import { clock, codeOf, copyNow, ids, left, startHandover, time, UNKNOWN, useRoster, type Handover } from './keyholder-attacks-roster.context';

/**
 * Issue 16's roster (HAND-1) while the administrator handover is open and its completion pending:
 * roster events forged or replayed with the administrator's own key, and the handover rows edited
 * with sqlite3. Each attack works on a copy of the vault. See keyholder-attacks-roster.context.ts.
 */
useRoster();
let handover: Handover | undefined;
beforeAll(async () => {
  ({ handover } = await startHandover());
}, 120_000);

describe('forged and replayed roster events signed by the administrator', () => {
  it('a keyholder of the administrator\u2019s making, its row bound to an enrolment event they signed: named roster_invalid, and it opens nothing', async () => {
    const dir = await copyNow();
    const forge = await createServices({ dataDir: dir, clock });
    left.services.push(forge);
    await forge.sessions.unlock(ids().admin, KNOWN.adminPass);
    const session = forge.sessions.require();
    const fdb = forge.vault.require();
    const s = forge.sodium;
    const forgedId = '00000000-0000-4000-8000-0000000f0001';
    const forgedPass = 'llama astuta que abre todas las puertas 13';
    const mine = fdb.prepare('SELECT * FROM keyholders WHERE id = ?').get(ids().admin) as Record<string, unknown>;
    const salt = s.randombytes_buf(16);
    const kek = await forge.kdf.derive(passphraseBytes(forgedPass), {
      alg: 'argon2id13',
      opslimit: Number(mine.kdf_opslimit),
      memlimit: Number(mine.kdf_memlimit),
      salt,
    });
    const keys = createSigningKeys(s);
    const proof = s.to_hex(s.crypto_sign_detached(s.from_hex(s.to_hex(keys.publicKey)), keys.secretKey));
    fdb.transaction(() => {
      fdb
        .prepare(
          `INSERT INTO keyholders (id, role, status, version, name, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrapped_vk, sign_public_key, sealed_sign_secret, created_at)
           VALUES (?, 'head', 'active', 1, ?, 'argon2id13', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          forgedId,
          mine.name,
          mine.kdf_opslimit,
          mine.kdf_memlimit,
          Buffer.from(salt),
          Buffer.from(wrapVaultKey(s, kek, session.keys.vk, forgedId)),
          Buffer.from(keys.publicKey),
          Buffer.from(sealSigningSecret(s, kek, keys.secretKey, forgedId)),
          new Date(time.now).toISOString(),
        );
      appendEvent(
        fdb,
        s,
        session.keys.audit,
        { keyholderId: ids().admin, secretKey: session.signSecret },
        {
          at: new Date(time.now).toISOString(),
          action: 'keyholder.enrol.approved',
          subjects: { keyholder: forgedId, request: UNKNOWN },
          details: { enrolled: { id: forgedId, role: 'head', key: s.to_hex(keys.publicKey), proof } },
        },
      );
    })();
    const kinds = forge.integrity.verify().faults.map((f) => f.kind);
    expect(kinds).toContain('roster_invalid');
    forge.sessions.lock('manual');
    const events = fdb.prepare('SELECT count(*) FROM audit_events').pluck().get();
    const refusal = await codeOf(() => forge.sessions.unlock(forgedId, forgedPass));
    expect(refusal.code).toMatch(/^(KEYHOLDER_UNKNOWN|VAULT_TAMPERED)$/);
    expect(forge.sessions.current()).toBeUndefined();
    expect(fdb.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(events);
  });

  it('the real enrolment event replayed by the administrator, as it was and with a key of theirs: roster_invalid or role_refused; the forged key opens nothing', async () => {
    const dir = await copyNow();
    const forge = await createServices({ dataDir: dir, clock });
    left.services.push(forge);
    await forge.sessions.unlock(ids().admin, KNOWN.adminPass);
    const session = forge.sessions.require();
    const fdb = forge.vault.require();
    const real = fdb.prepare(`SELECT subjects, details FROM audit_events WHERE action = 'keyholder.enrol.approved'`).get() as {
      subjects: string;
      details: string;
    };
    const details = JSON.parse(real.details) as { enrolled: { id: string; role: string; key: string; proof: string } };
    const subjects = JSON.parse(real.subjects) as Record<string, string>;
    const attacker = forge.sodium.crypto_sign_keypair();
    for (const enrolled of [details.enrolled, { ...details.enrolled, role: 'head', key: forge.sodium.to_hex(attacker.publicKey) }]) {
      const seq = fdb.transaction(
        () =>
          appendEvent(
            fdb,
            forge.sodium,
            session.keys.audit,
            { keyholderId: ids().admin, secretKey: session.signSecret },
            {
              at: new Date(time.now).toISOString(),
              action: 'keyholder.enrol.approved',
              subjects,
              details: { enrolled },
            },
          ).seq,
      )();
      const faults = forge.integrity.verify().faults.filter((f) => f.seq === seq);
      expect(faults.map((f) => f.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^(roster_invalid|role_refused)$/)]));
    }
    // A revocation of the head «approved» by the administrator themselves.
    const seq = fdb.transaction(
      () =>
        appendEvent(
          fdb,
          forge.sodium,
          session.keys.audit,
          { keyholderId: ids().admin, secretKey: session.signSecret },
          {
            at: new Date(time.now).toISOString(),
            action: 'keyholder.revoke.approved',
            subjects: { keyholder: ids().head, request: UNKNOWN },
            details: { retired: ids().head, epoch: 1 },
          },
        ).seq,
    )();
    expect(
      forge.integrity
        .verify()
        .faults.filter((f) => f.seq === seq)
        .map((f) => f.kind),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^(roster_invalid|role_refused)$/)]));
    // The head is still a keyholder: their unlock works and names the forgeries.
    forge.sessions.lock('manual');
    await forge.sessions.unlock(ids().head, KNOWN.headPass);
    expect(forge.integrity.verify().ok).toBe(false);
  });
});

describe('sqlite3 edits of the handover rows', () => {
  /** A copy of the vault now, edited as sqlite3 would (foreign keys off, as the sqlite3 shell has them), opened and unlocked by the incoming administrator. */
  async function edited(edit: (db: Database.Database, facebook: string) => void): Promise<Services> {
    const dir = await copyNow();
    // An account, so that the checklist has items (registered on the copy: the office's own handover stays empty to complete).
    const before = await createServices({ dataDir: dir, clock });
    await before.sessions.unlock(handover!.incomingKeyholderId, NEW_PASSPHRASES.incoming);
    const head = await before.sessions.authenticate(ids().head, KNOWN.headPass);
    facebook = registerAccount(before, before.sessions.require(), head, ACCOUNTS.facebook);
    before.sessions.release(head);
    before.sessions.lock('manual');
    await before.close();
    const file = new Database(join(dir, 'vault.sqlite'));
    file.pragma('foreign_keys = OFF');
    edit(file, facebook);
    file.close();
    const other = await createServices({ dataDir: dir, clock });
    left.services.push(other);
    await other.sessions.unlock(handover!.incomingKeyholderId, NEW_PASSPHRASES.incoming);
    return other;
  }
  let facebook: string;
  const actaPath = () => join(left.dir('custodia-attack-acta-'), 'acta.pdf');

  it('a confirmation of closed sessions inserted by hand: the verification names it and the acta refuses to print it', async () => {
    const h = handover!;
    const other = await edited((file) =>
      file
        .prepare(`INSERT INTO handover_confirmations (handover_id, account_id, item, confirmed_by, confirmed_at) VALUES (?, ?, 'sessions_closed', ?, ?)`)
        .run(h.handoverId, facebook, h.incomingKeyholderId, new Date(time.now).toISOString()),
    );
    expect(other.integrity.verify().faults).toEqual([
      expect.objectContaining({ kind: 'row_unrecorded', table: 'handover_confirmations', key: JSON.stringify([h.handoverId, facebook, 'sessions_closed']) }),
    ]);
    expect(await codeOf(() => other.handover.acta(h.handoverId, { path: actaPath() }))).toMatchObject({ code: 'VAULT_TAMPERED' });
    // Confirming it for real is refused on the tampered row, not answered as already done.
    expect(await codeOf(() => other.handover.confirmSessions(other.sessions.require(), h.handoverId, facebook))).toMatchObject({ code: 'VAULT_TAMPERED' });
  });

  it('a handover inserted by hand (the backup administrator\u2019s, to the administrator): named by the verification; its acta refused; it cannot be completed', async () => {
    const forged = '00000000-0000-4000-8000-0000000000aa';
    const other = await edited((file) =>
      file
        .prepare(
          `INSERT INTO handovers (id, role, outgoing_keyholder_id, incoming_keyholder_id, start_request_id, started_at, status) VALUES (?, 'backup_administrator', ?, ?, ?, ?, 'open')`,
        )
        .run(forged, ids().backup, ids().admin, UNKNOWN, new Date(time.now).toISOString()),
    );
    expect(other.integrity.verify().faults).toEqual([expect.objectContaining({ kind: 'row_unrecorded', table: 'handovers', key: JSON.stringify([forged]) })]);
    expect(await codeOf(() => other.handover.acta(forged, { path: actaPath() }))).toMatchObject({ code: 'VAULT_TAMPERED' });
    other.sessions.lock('manual');
    await other.sessions.unlock(ids().admin, KNOWN.adminPass);
    expect((await codeOf(() => other.keyholders.proposeRevoke(other.sessions.require(), { keyholderId: ids().backup, handoverId: forged }))).code).not.toBe(
      'none',
    );
  });

  it('the open handover marked completed by hand: named by the verification; no final acta is printed from it', async () => {
    const h = handover!;
    const other = await edited((file) =>
      file.prepare(`UPDATE handovers SET status = 'completed', completed_at = ? WHERE id = ?`).run(new Date(time.now).toISOString(), h.handoverId),
    );
    expect(other.integrity.verify().faults).toEqual([
      expect.objectContaining({ kind: 'row_altered', table: 'handovers', key: JSON.stringify([h.handoverId]) }),
    ]);
    expect(await codeOf(() => other.handover.acta(h.handoverId, { path: actaPath() }))).toMatchObject({ code: 'VAULT_TAMPERED' });
  });
});
