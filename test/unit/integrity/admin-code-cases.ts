import Database from 'better-sqlite3';
import type { Services } from '../../../main/services';
import { GENESIS_HASH, eventHash } from '../../../main/vault/audit/chain';
import { appendEvent, readEvents, writeSealedHead } from '../../../main/vault/audit/log';
import { signRoster, type RosterEntry } from '../../../main/vault/integrity/roster';
import { readRow, rowDigest } from '../../../main/vault/integrity/row-digest';
import { TABLE_RULE } from '../../../main/vault/integrity/tables';
import { newKdfParams, passphraseBytes } from '../../../main/vault/kdf';
import { createSigningKeys, sealSigningSecret, wrapVaultKey } from '../../../main/vault/keyring';
import type { RichVault } from '../../fixtures/rich-vault';

/**
 * Attacks by code that holds only the administrator's passphrase: it can sign events as the
 * administrator, seal with the vault key and rewrite the file, but holds no other keyholder's key.
 */
export interface AdminCodeCase {
  name: string;
  names: string;
  attack: (services: Services) => void | Promise<void>;
}

function forge(services: Services, action: string, subjects: Record<string, string>, sql: string): void {
  const session = services.sessions.require();
  const db = services.vault.require();
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    db.exec(sql);
    appendEvent(
      db,
      services.sodium,
      session.keys.audit,
      { keyholderId: session.keyholderId, secretKey: session.signSecret },
      { at: new Date().toISOString(), action, subjects, details: {} },
    );
  })();
}

const TRIGGERS = `
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;

export function adminCodeCases(v: RichVault): AdminCodeCase[] {
  const { mailbox, facebook, admin, head, backup, exportRequest, usedCode, contact, agency, grant, revokedGrant } = v.ids;
  const mbCurrent = `(SELECT current_version_id FROM accounts WHERE id = '${mailbox}')`;
  return [
    {
      name: 'administrator signs an authorization of their own forged version',
      names: 'log',
      attack: (sv) =>
        forge(
          sv,
          'credential.rotate.approved',
          { account: facebook, request: 'forged' },
          `INSERT INTO credential_versions SELECT 'forged-version', '${facebook}', 9, secret, fingerprint, reason, change_request_id || '-x', proposed_by, proposed_at, authorized_by, authorized_at, apply_by, applied_by, applied_at, due_at FROM credential_versions WHERE id = ${mbCurrent};`,
        ),
    },
    {
      name: 'administrator makes themself head in a signed event',
      names: 'keyholders',
      attack: (sv) => forge(sv, 'vault.unlocked', { keyholder: admin }, `UPDATE keyholders SET role = 'head' WHERE id = '${admin}';`),
    },
    {
      name: 'administrator deletes the record of their reveal in a signed event',
      names: 'exposures',
      attack: (sv) => forge(sv, 'credential.revealed', { account: facebook }, `DELETE FROM exposures WHERE how = 'revealed';`),
    },
    {
      name: 'administrator re-arms a shown QR export in a signed event',
      names: 'totp_exports',
      attack: (sv) => forge(sv, 'totp.exported', { account: facebook, request: exportRequest }, `UPDATE totp_exports SET shown_at = NULL, shown_by = NULL;`),
    },
    {
      name: 'administrator un-uses a recovery code in a signed event',
      names: 'recovery_codes',
      attack: (sv) =>
        forge(
          sv,
          'recovery_code.used',
          { account: facebook, code: usedCode },
          `UPDATE recovery_codes SET used_at = NULL, used_by = NULL, used_reason = NULL WHERE id = '${usedCode}';`,
        ),
    },
    {
      name: 'administrator points an account at another’s password in a signed "applied" event',
      names: 'accounts',
      attack: (sv) => forge(sv, 'credential.applied', { account: facebook }, `UPDATE accounts SET current_version_id = ${mbCurrent} WHERE id = '${facebook}';`),
    },
    {
      name: 'administrator approves their own pending request in a signed event',
      names: 'log',
      attack: (sv) => {
        const { requestId } = sv.cosign.propose(sv.sessions.require(), { accountId: mailbox, secret: 'Wm4#Qz8!Tr2@Kv6$Lp9%', reason: 'scheduled' });
        forge(
          sv,
          'credential.rotate.approved',
          { account: mailbox, request: requestId },
          `UPDATE change_requests SET status = 'approved', decided_by = proposed_by, decided_at = proposed_at WHERE id = '${requestId}';`,
        );
      },
    },
    {
      name: 'administrator writes an admin-level role grant without the head, in a signed "approved" event',
      names: 'log',
      attack: (sv) =>
        forge(
          sv,
          'role.grant.approved',
          { account: facebook, person: contact, grant: 'forged-grant', request: 'forged' },
          `INSERT INTO platform_roles SELECT 'forged-grant', account_id, '${contact}', 'full_control', 1, 'active', 'forged-request', authorized_at, granted_at, NULL, NULL FROM platform_roles WHERE id = '${grant}';`,
        ),
    },
    {
      name: 'administrator approves their own role grant in a signed event',
      names: 'log',
      attack: (sv) => {
        const { requestId } = sv.staff.proposeGrant(sv.sessions.require(), { accountId: mailbox, personId: contact, role: 'delegate' });
        forge(
          sv,
          'role.grant.approved',
          { account: mailbox, person: contact, grant: 'self-granted', request: requestId },
          `UPDATE change_requests SET status = 'approved', decided_by = proposed_by, decided_at = proposed_at WHERE id = '${requestId}';
           INSERT INTO platform_roles VALUES ('self-granted', '${mailbox}', '${contact}', 'delegate', 0, 'active', '${requestId}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL, NULL);`,
        );
      },
    },
    {
      name: 'administrator makes a revoked role live again in a signed "applied" event',
      names: 'platform_roles',
      attack: (sv) =>
        forge(
          sv,
          'role.applied',
          { account: mailbox, person: agency, grant: revokedGrant },
          `UPDATE platform_roles SET state = 'active', revoked_at = NULL, revoke_request_id = NULL WHERE id = '${revokedGrant}';`,
        ),
    },
    {
      name: 'administrator moves a role to another person in a signed "applied" event',
      names: 'platform_roles',
      attack: (sv) =>
        forge(sv, 'role.applied', { account: facebook, person: contact, grant }, `UPDATE platform_roles SET person_id = '${contact}' WHERE id = '${grant}';`),
    },
    {
      name: 'administrator turns an editor role into full control in a signed "applied" event',
      names: 'platform_roles',
      attack: (sv) =>
        forge(
          sv,
          'role.applied',
          { account: facebook, person: contact, grant },
          `UPDATE platform_roles SET role = 'full_control', admin = 1 WHERE id = '${grant}';`,
        ),
    },
    {
      name: 'administrator flips the admin flag of a role in a signed "applied" event',
      names: 'platform_roles',
      attack: (sv) =>
        forge(sv, 'role.applied', { account: facebook, person: contact, grant }, `UPDATE platform_roles SET admin = 1 - admin WHERE id = '${grant}';`),
    },
    {
      name: 'administrator marks a live role revoked without any authorized revocation, in a signed "applied" event',
      names: 'platform_roles',
      attack: (sv) =>
        forge(
          sv,
          'role.applied',
          { account: facebook, person: contact, grant },
          `UPDATE platform_roles SET state = 'revoked', revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = '${grant}';`,
        ),
    },
    {
      name: 'administrator erases the record of a recovery code they saw, in a signed event',
      names: 'code_exposures',
      attack: (sv) => forge(sv, 'recovery_code.revealed', { account: facebook, code: usedCode }, `DELETE FROM code_exposures WHERE how = 'revealed';`),
    },
    {
      name: 'administrator forges a baseline event that inserts a TOTP seed of their choosing',
      names: 'log',
      attack: (sv) =>
        forge(
          sv,
          'integrity.adopted',
          {},
          `INSERT INTO totp_seeds SELECT '${mailbox}', version, seed, change_request_id, proposed_by, authorized_by, set_at FROM totp_seeds WHERE account_id = '${facebook}';`,
        ),
    },
    {
      name: 'administrator forges a second founding event that inserts an exposure-free version',
      names: 'log',
      attack: (sv) =>
        forge(
          sv,
          'vault.created',
          {},
          `INSERT INTO credential_versions SELECT 'forged-founding', account_id, 50, secret, fingerprint, reason, change_request_id || '-f', proposed_by, proposed_at, authorized_by, authorized_at, apply_by, applied_by, applied_at, due_at FROM credential_versions WHERE id = ${mbCurrent};`,
        ),
    },
    {
      name: 'administrator cuts the last 3 events and re-seals the chain head with the vault key',
      names: 'log',
      attack: (sv) => {
        const db = sv.vault.require();
        const keys = sv.sessions.require().keys;
        db.exec(
          `DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 3 FROM audit_events); ${TRIGGERS}`,
        );
        const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer };
        db.transaction(() => writeSealedHead(db, sv.sodium, keys.audit, { seq: last.seq, hash: last.hash }))();
        sv.sessions.marks.refuse('attacker closes without a lock event');
      },
    },
    {
      name: 'administrator replaces the head’s and the backup’s key slots with their own and re-signs the whole history',
      names: 'keyholders',
      attack: async (sv) => {
        const s = sv.sodium;
        const session = sv.sessions.require();
        const vk = session.keys.vk.slice();
        const auditKey = session.keys.audit.slice();
        const adminSecret = session.signSecret.slice();
        const file = sv.vault.path;
        await sv.close();
        const db = new Database(file);
        const adminPublic = db.prepare('SELECT sign_public_key FROM keyholders WHERE id = ?').pluck().get(admin) as Buffer;
        const keys = new Map<string, { publicKey: Uint8Array; secretKey: Uint8Array }>([[admin, { publicKey: adminPublic, secretKey: adminSecret }]]);
        for (const id of [head, backup]) {
          const pair = createSigningKeys(s);
          const params = newKdfParams();
          const kek = s.crypto_pwhash(
            32,
            passphraseBytes('frase que eligió el administrador 2026'),
            params.salt,
            params.opslimit,
            params.memlimit,
            s.crypto_pwhash_ALG_ARGON2ID13,
          );
          db.prepare('UPDATE keyholders SET kdf_salt = ?, wrapped_vk = ?, sign_public_key = ?, sealed_sign_secret = ? WHERE id = ?').run(
            params.salt,
            wrapVaultKey(s, kek, vk, id),
            pair.publicKey,
            sealSigningSecret(s, kek, pair.secretKey, id),
            id,
          );
          keys.set(id, pair);
        }
        const events = [...readEvents(db)];
        db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events;');
        let prev: Uint8Array = GENESIS_HASH;
        const insert = db.prepare(
          'INSERT INTO audit_events (seq, at, actor_id, action, subjects, details, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const e of events) {
          let details = e.details;
          if (e.seq === 1) {
            const roster = (details.roster as unknown as RosterEntry[]).map((m) => ({ ...m, key: s.to_hex(keys.get(m.id)!.publicKey) }));
            const vaultId = details.vaultId as string;
            const rows = JSON.parse(JSON.stringify(details.rows)) as Record<string, Record<string, string>>;
            for (const key of Object.keys(rows.keyholders!)) rows.keyholders![key] = rowDigest(s, readRow(db, TABLE_RULE.get('keyholders')!, key)!);
            details = {
              ...details,
              roster: roster.map((m) => ({ ...m })),
              rosterSignatures: Object.fromEntries(roster.map((m) => [m.id, signRoster(s, vaultId, roster, keys.get(m.id)!.secretKey)])),
              rows,
            };
          }
          const event = { seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, subjects: e.subjects, details };
          const hash = eventHash(s, prev, event);
          insert.run(
            e.seq,
            e.at,
            e.actorId,
            e.action,
            JSON.stringify(e.subjects),
            JSON.stringify(details),
            prev,
            hash,
            s.crypto_sign_detached(hash, keys.get(e.actorId)!.secretKey),
          );
          prev = hash;
        }
        db.exec(TRIGGERS);
        db.transaction(() => writeSealedHead(db, s, auditKey, { seq: events.length, hash: prev }))();
        db.close();
      },
    },
  ];
}
