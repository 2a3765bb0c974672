import type Database from 'better-sqlite3';
import type { RichVault } from '../../fixtures/rich-vault';

/**
 * Edits an administrator can make with the sqlite3 command line on the vault file (foreign keys
 * and triggers are no obstacle to them). Each names the table (or the log) its detection must name.
 */
export interface SqlCase {
  name: string;
  /** The table a fault must name; 'log' for an event (seq); 'schema' for an object. */
  names: string;
  sql: string;
}

const swapTriggers = (body: string) => `
  DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
  ${body}
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;

const rollback = (table: string, key: string, value: string) =>
  `DELETE FROM ${table} WHERE ${key} = '${value}'; INSERT INTO ${table} SELECT * FROM old.${table} WHERE ${key} = '${value}';`;
/** Changes byte 21 of a sealed or digested column: to 0x5A, or to 0xA5 where it already is 0x5A (a random value is, 1 time in 256). */
export const flip = (table: string, column: string, where: string) =>
  `UPDATE ${table} SET ${column} = CAST(substr(${column}, 1, 20) || CASE WHEN substr(${column}, 21, 1) = x'5A' THEN x'A5' ELSE x'5A' END || substr(${column}, 22) AS BLOB) WHERE ${where};`;

export function sqlCases(v: RichVault): SqlCase[] {
  const { mailbox, facebook, admin, head, backup, person, device, exportRequest, usedCode, rejected } = v.ids;
  const fbCurrent = `(SELECT current_version_id FROM accounts WHERE id = '${facebook}')`;
  const mbCurrent = `(SELECT current_version_id FROM accounts WHERE id = '${mailbox}')`;
  return [
    // keyholders and roles
    {
      name: 'administrator and head swap roles',
      names: 'keyholders',
      sql: `UPDATE keyholders SET role = CASE id WHEN '${admin}' THEN 'head' ELSE 'administrator' END WHERE id IN ('${admin}', '${head}');`,
    },
    {
      name: 'backup administrator made head, head retired',
      names: 'keyholders',
      sql: `UPDATE keyholders SET status = 'retired' WHERE id = '${head}'; UPDATE keyholders SET role = 'head' WHERE id = '${backup}';`,
    },
    {
      name: 'head retired',
      names: 'keyholders',
      sql: `UPDATE keyholders SET status = 'retired', retired_at = '2026-01-01T00:00:00.000Z' WHERE id = '${head}';`,
    },
    { name: 'flipped byte in the head’s sealed name', names: 'keyholders', sql: flip('keyholders', 'name', `id = '${head}'`) },
    {
      name: 'head’s public key replaced by the administrator’s',
      names: 'keyholders',
      sql: `UPDATE keyholders SET sign_public_key = (SELECT sign_public_key FROM keyholders WHERE id = '${admin}') WHERE id = '${head}';`,
    },
    {
      name: 'head’s wrapped key replaced by the administrator’s',
      names: 'keyholders',
      sql: `UPDATE keyholders SET wrapped_vk = (SELECT wrapped_vk FROM keyholders WHERE id = '${admin}') WHERE id = '${head}';`,
    },
    { name: 'head’s KDF salt changed', names: 'keyholders', sql: `UPDATE keyholders SET kdf_salt = zeroblob(16) WHERE id = '${head}';` },
    {
      name: 'forged fourth keyholder',
      names: 'keyholders',
      sql: `INSERT INTO keyholders SELECT 'forged-keyholder', 'backup_administrator', 'retired', version, name, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrapped_vk, sign_public_key, sealed_sign_secret, created_at, created_at FROM keyholders WHERE id = '${admin}';`,
    },
    { name: 'backup keyholder row deleted', names: 'keyholders', sql: `DELETE FROM keyholders WHERE id = '${backup}';` },
    // accounts: current pointers, due dates, bindings
    {
      name: 'account pointed at another account’s password',
      names: 'accounts',
      sql: `UPDATE accounts SET current_version_id = ${mbCurrent} WHERE id = '${facebook}';`,
    },
    {
      name: 'account pointed back at its older password',
      names: 'accounts',
      sql: `UPDATE accounts SET current_version_id = (SELECT id FROM credential_versions WHERE account_id = '${facebook}' AND n = 1) WHERE id = '${facebook}';`,
    },
    { name: 'account row rolled back to the older copy', names: 'accounts', sql: rollback('accounts', 'id', facebook) },
    { name: 'due date moved a year later', names: 'accounts', sql: `UPDATE accounts SET due_at = '2027-12-31T00:00:00.000Z' WHERE id = '${facebook}';` },
    { name: 'account archived', names: 'accounts', sql: `UPDATE accounts SET status = 'archived' WHERE id = '${mailbox}';` },
    { name: 'account platform changed', names: 'accounts', sql: `UPDATE accounts SET platform = 'x' WHERE id = '${facebook}';` },
    { name: 'account kind changed', names: 'accounts', sql: `UPDATE accounts SET kind = 'support' WHERE id = '${facebook}';` },
    { name: 'linked mailbox unbound', names: 'accounts', sql: `UPDATE accounts SET linked_email_account_id = NULL WHERE id = '${facebook}';` },
    { name: 'flipped byte in an account’s sealed name', names: 'accounts', sql: flip('accounts', 'display_name', `id = '${facebook}'`) },
    { name: 'account deleted', names: 'accounts', sql: `DELETE FROM accounts WHERE id = '${mailbox}';` },
    {
      name: 'forged account',
      names: 'accounts',
      sql: `INSERT INTO accounts SELECT 'forged-account', version, platform, kind, status, NULL, NULL, NULL, display_name, handle, alt_handle, profile_url, login_identifier, notes, created_by, created_at, updated_at, NULL, NULL FROM accounts WHERE id = '${mailbox}';`,
    },
    // change requests and decisions
    {
      name: 'rejected request set back to pending',
      names: 'change_requests',
      sql: `UPDATE change_requests SET status = 'pending', decided_by = NULL, decided_at = NULL, decision_signature = NULL, decision_reason = NULL WHERE id = '${rejected}';`,
    },
    { name: 'rejected request marked approved', names: 'change_requests', sql: `UPDATE change_requests SET status = 'approved' WHERE id = '${rejected}';` },
    {
      name: 'request expiry extended',
      names: 'change_requests',
      sql: `UPDATE change_requests SET expires_at = '2030-01-01T00:00:00.000Z' WHERE id = '${rejected}';`,
    },
    {
      name: 'decision re-attributed to the backup',
      names: 'change_requests',
      sql: `UPDATE change_requests SET decided_by = '${backup}' WHERE id = '${rejected}';`,
    },
    { name: 'request digest flipped', names: 'change_requests', sql: flip('change_requests', 'digest', `id = '${rejected}'`) },
    { name: 'proposer signature flipped', names: 'change_requests', sql: flip('change_requests', 'proposer_signature', `id = '${exportRequest}'`) },
    {
      name: 'proposal re-attributed to the head',
      names: 'change_requests',
      sql: `UPDATE change_requests SET proposed_by = '${head}' WHERE id = '${exportRequest}';`,
    },
    { name: 'request deleted', names: 'change_requests', sql: `DELETE FROM change_requests WHERE id = '${rejected}';` },
    {
      name: 'forged pending request',
      names: 'change_requests',
      sql: `INSERT INTO change_requests SELECT 'forged-request', kind, account_id, 'pending', payload, digest, proposed_by, proposed_at, proposer_signature, '2030-01-01T00:00:00.000Z', NULL, NULL, NULL, NULL FROM change_requests WHERE id = '${rejected}';`,
    },
    { name: 'rejection reason replaced', names: 'change_requests', sql: `UPDATE change_requests SET decision_reason = payload WHERE id = '${rejected}';` },
    // credential versions
    {
      name: 'version moved to another account',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET account_id = '${mailbox}', n = 99 WHERE id = ${fbCurrent};`,
    },
    {
      name: 'version secret swapped with an older one',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET secret = (SELECT secret FROM credential_versions WHERE account_id = '${facebook}' AND n = 1) WHERE id = ${fbCurrent};`,
    },
    {
      name: 'apply-by extended',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET apply_by = '2030-01-01T00:00:00.000Z' WHERE id = ${fbCurrent};`,
    },
    {
      name: 'application erased',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET applied_at = NULL, applied_by = NULL WHERE id = ${mbCurrent};`,
    },
    {
      name: 'version due date changed',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET due_at = '2027-01-01T00:00:00.000Z' WHERE id = ${fbCurrent};`,
    },
    {
      name: 'authorization re-attributed',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET authorized_by = '${backup}' WHERE id = ${fbCurrent};`,
    },
    { name: 'fingerprint replaced', names: 'credential_versions', sql: flip('credential_versions', 'fingerprint', `id = ${fbCurrent}`) },
    { name: 'version deleted', names: 'credential_versions', sql: `DELETE FROM credential_versions WHERE account_id = '${mailbox}' AND n = 1;` },
    { name: 'version reason changed', names: 'credential_versions', sql: `UPDATE credential_versions SET reason = 'incident' WHERE id = ${fbCurrent};` },
    { name: 'version number changed', names: 'credential_versions', sql: `UPDATE credential_versions SET n = 7 WHERE id = ${fbCurrent};` },
    // co-signed settings
    { name: 'rotation interval raised to 90 days', names: 'institution', sql: `UPDATE institution SET rotation_interval_days = 90;` },
    { name: 'minimum password length lowered to 12', names: 'institution', sql: `UPDATE institution SET policy_min_length = 12;` },
    { name: 'request validity raised to a week', names: 'institution', sql: `UPDATE institution SET cosign_expiry_hours = 168;` },
    { name: 'reveal time raised', names: 'institution', sql: `UPDATE institution SET reveal_seconds = 120;` },
    { name: 'settings rolled back to the older copy', names: 'institution', sql: rollback('institution', 'id', '1') },
    { name: 'institution name swapped with its acronym', names: 'institution', sql: `UPDATE institution SET name = acronym, acronym = name;` },
    { name: 'forged per-kind interval', names: 'rotation_kind_intervals', sql: `INSERT INTO rotation_kind_intervals VALUES ('principal', 90);` },
    { name: 'per-kind interval deleted', names: 'rotation_kind_intervals', sql: `DELETE FROM rotation_kind_intervals;` },
    { name: 'per-kind interval changed', names: 'rotation_kind_intervals', sql: `UPDATE rotation_kind_intervals SET days = 90;` },
    // Issue 18: the backup reminder's days, stretched so that the home screen stops reminding.
    { name: 'backup reminder days stretched', names: 'backup_settings', sql: `UPDATE backup_settings SET reminder_days = 90;` },
    { name: 'backup reminder days deleted', names: 'backup_settings', sql: `DELETE FROM backup_settings;` },
    // exposures
    { name: 'record of a reveal deleted', names: 'exposures', sql: `DELETE FROM exposures WHERE how = 'revealed';` },
    { name: 'reveal re-attributed to the head', names: 'exposures', sql: `UPDATE exposures SET keyholder_id = '${head}' WHERE how = 'revealed';` },
    { name: 'reveal turned into a delivery', names: 'exposures', sql: `UPDATE exposures SET how = 'in_person' WHERE how = 'copied';` },
    { name: 'exposure time moved', names: 'exposures', sql: `UPDATE exposures SET at = '2020-01-01T00:00:00.000Z';` },
    // people and distribution
    { name: 'flipped byte in a person’s sealed e-mail', names: 'people', sql: flip('people', 'email', `id = '${person}'`) },
    { name: 'person deleted', names: 'people', sql: `DELETE FROM people WHERE id = '${person}';` },
    { name: 'recipient removed', names: 'account_recipients', sql: `DELETE FROM account_recipients;` },
    {
      name: 'forged recipient',
      names: 'account_recipients',
      sql: `INSERT INTO account_recipients VALUES ('${mailbox}', '${person}', '${admin}', '2026-01-01T00:00:00.000Z');`,
    },
    // two-step custody
    { name: 'seed rolled back to the older copy', names: 'totp_seeds', sql: rollback('totp_seeds', 'account_id', facebook) },
    { name: 'seed deleted', names: 'totp_seeds', sql: `DELETE FROM totp_seeds;` },
    { name: 'seed authorization re-attributed', names: 'totp_seeds', sql: `UPDATE totp_seeds SET authorized_by = '${backup}';` },
    {
      name: 'QR export marked not shown (show it again)',
      names: 'totp_exports',
      sql: `UPDATE totp_exports SET shown_at = NULL, shown_by = NULL WHERE request_id = '${exportRequest}';`,
    },
    { name: 'QR export shown by someone else', names: 'totp_exports', sql: `UPDATE totp_exports SET shown_by = '${backup}';` },
    { name: 'QR export record deleted', names: 'totp_exports', sql: `DELETE FROM totp_exports;` },
    // Issue 18: the KeePass export, performed once; each secret it wrote is an exposure of its performer (HAND-3).
    {
      name: 'KeePass export marked not performed (perform it again)',
      names: 'vault_exports',
      sql: `UPDATE vault_exports SET performed_at = NULL, performed_by = NULL WHERE request_id = '${v.ids.vaultExport}';`,
    },
    {
      name: 'KeePass export handed to the backup administrator',
      names: 'vault_exports',
      sql: `UPDATE vault_exports SET requested_by = '${backup}', performed_by = '${backup}';`,
    },
    { name: 'KeePass export exposures erased', names: 'export_exposures', sql: `DELETE FROM export_exposures;` },
    { name: 'KeePass export exposure moved to the head', names: 'export_exposures', sql: `UPDATE export_exposures SET keyholder_id = '${head}';` },
    {
      name: 'used recovery code marked unused',
      names: 'recovery_codes',
      sql: `UPDATE recovery_codes SET used_at = NULL, used_by = NULL, used_reason = NULL WHERE id = '${usedCode}';`,
    },
    { name: 'recovery code rolled back to the older copy', names: 'recovery_codes', sql: rollback('recovery_codes', 'id', usedCode) },
    { name: 'recovery code deleted', names: 'recovery_codes', sql: `DELETE FROM recovery_codes WHERE id = '${usedCode}';` },
    {
      name: 'forged recovery code',
      names: 'recovery_codes',
      sql: `INSERT INTO recovery_codes SELECT 'forged-code', account_id, set_id, 99, code, NULL, NULL, NULL, added_by, added_at FROM recovery_codes WHERE id = '${usedCode}';`,
    },
    { name: 'recovery codes reordered', names: 'recovery_codes', sql: `UPDATE recovery_codes SET position = position + 100;` },
    { name: 'phone handed to the backup', names: 'devices', sql: `UPDATE devices SET holder_keyholder_id = '${backup}' WHERE id = '${device}';` },
    { name: 'personal phone marked institutional', names: 'devices', sql: `UPDATE devices SET institution_owned = 1 - institution_owned;` },
    { name: 'phone deleted', names: 'devices', sql: `DELETE FROM devices;` },
    { name: 'second step downgraded to SMS', names: 'account_two_step', sql: `UPDATE account_two_step SET method = 'sms';` },
    { name: 'recovery phone unbound', names: 'account_two_step', sql: `UPDATE account_two_step SET recovery_device_id = NULL;` },
    { name: 'second-step record deleted', names: 'account_two_step', sql: `DELETE FROM account_two_step;` },
    { name: 'vault id changed', names: 'vault_meta', sql: `UPDATE vault_meta SET value = 'another-vault' WHERE key = 'vault_id';` },
    // incidents (issue 17; SUP-2, SUP-3)
    {
      name: 'open incident marked closed (SUP-2)',
      names: 'incidents',
      sql: `UPDATE incidents SET status = 'closed', closed_by = recorded_by, closed_at = recorded_at WHERE id = '${v.ids.openIncident}';`,
    },
    {
      name: 'closed incident reopened',
      names: 'incidents',
      sql: `UPDATE incidents SET status = 'open', closed_by = NULL, closed_at = NULL WHERE id = '${v.ids.closedIncident}';`,
    },
    {
      name: 'incident moved back in time (older rotations would tick)',
      names: 'incidents',
      sql: `UPDATE incidents SET occurred_at = '2020-01-01T00:00:00.000Z';`,
    },
    { name: 'flipped byte in an incident’s sealed description', names: 'incidents', sql: flip('incidents', 'description', `id = '${v.ids.openIncident}'`) },
    {
      name: 'required seed replacement deleted',
      names: 'incident_actions',
      sql: `DELETE FROM incident_actions WHERE incident_id = '${v.ids.openIncident}' AND action = 'replace_seed';`,
    },
    {
      name: 'review of roles confirmed without an event',
      names: 'incident_actions',
      sql: `UPDATE incident_actions SET confirmed_by = '${admin}', confirmed_at = '2026-01-01T00:00:00.000Z' WHERE incident_id = '${v.ids.openIncident}' AND action = 'review_roles';`,
    },
    { name: 'incident report deleted', names: 'incident_reports', sql: `DELETE FROM incident_reports;` },
    { name: 'incident report re-attributed to the head', names: 'incident_reports', sql: `UPDATE incident_reports SET recorded_by = '${head}';` },
    { name: 'change made outside Custodia deleted (SUP-3)', names: 'outside_changes', sql: `DELETE FROM outside_changes WHERE id = '${v.ids.outsideChange}';` },
    {
      name: 'change made outside Custodia moved to another month',
      names: 'outside_changes',
      sql: `UPDATE outside_changes SET changed_at = '2020-01-15T12:00:00.000Z';`,
    },
    // the account lifecycle (issue 17; LIFE-1, LIFE-3, LIFE-4, SEC-4)
    {
      name: 'alta «en trámite» made active without the head (LIFE-1)',
      names: 'accounts',
      sql: `UPDATE accounts SET status = 'active' WHERE id = '${v.ids.pendingAccount}';`,
    },
    { name: 'refused alta made active (SUP-4)', names: 'accounts', sql: `UPDATE accounts SET status = 'active' WHERE id = '${v.ids.rejectedAccount}';` },
    // The «inventario inicial» (issue 18): an imported password made to stand on another request, or its seed dropped.
    {
      name: 'imported password re-pointed to a rejected request (POL-5)',
      names: 'credential_versions',
      sql: `UPDATE credential_versions SET change_request_id = '${v.ids.rejected}' WHERE account_id = '${v.ids.importedAccount}';`,
    },
    { name: 'imported TOTP seed deleted', names: 'totp_seeds', sql: `DELETE FROM totp_seeds WHERE account_id = '${v.ids.importedAccount}';` },
    { name: 'archived account brought back (LIFE-3)', names: 'accounts', sql: `UPDATE accounts SET status = 'active' WHERE id = '${v.ids.archivedAccount}';` },
    {
      name: 'support account’s end date moved (LIFE-2)',
      names: 'accounts',
      sql: `UPDATE accounts SET support_end = '2099-12-31' WHERE id = '${v.ids.archivedAccount}';`,
    },
    {
      name: 'flipped byte in a Formulario A',
      names: 'account_lifecycle',
      sql: flip('account_lifecycle', 'form_a', `account_id = '${facebook}'`),
    },
    {
      name: 'Formulario A swapped from another account',
      names: 'account_lifecycle',
      sql: `UPDATE account_lifecycle SET form_a = (SELECT form_a FROM account_lifecycle WHERE account_id = '${v.ids.pendingAccount}') WHERE account_id = '${facebook}';`,
    },
    {
      name: 'Formulario A erased (registered without one)',
      names: 'account_lifecycle',
      sql: `UPDATE account_lifecycle SET form_a = NULL WHERE account_id = '${facebook}';`,
    },
    { name: 'platform verification marked verified (SEC-4)', names: 'account_lifecycle', sql: `UPDATE account_lifecycle SET verification = 'verified';` },
    { name: 'Formulario A row deleted', names: 'account_lifecycle', sql: `DELETE FROM account_lifecycle WHERE account_id = '${v.ids.archivedAccount}';` },
    // the log itself
    { name: 'an event’s details edited', names: 'log', sql: swapTriggers(`UPDATE audit_events SET details = '{}' WHERE seq = 5;`) },
    {
      name: 'an event re-attributed to the head',
      names: 'log',
      sql: swapTriggers(`UPDATE audit_events SET actor_id = '${head}' WHERE action = 'credential.revealed';`),
    },
    {
      name: 'two events reordered',
      names: 'log',
      sql: swapTriggers(
        `UPDATE audit_events SET seq = -seq WHERE seq IN (8, 9); UPDATE audit_events SET seq = 9 WHERE seq = -8; UPDATE audit_events SET seq = 8 WHERE seq = -9;`,
      ),
    },
    // The emergency kit (issue 18): a superseded kit put back in force, its wrap or key swapped, a kit of one's own slipped in.
    {
      name: 'superseded kit put back in force',
      names: 'recovery_kits',
      sql: `UPDATE recovery_kits SET status = 'superseded', closed_at = '2026-01-01', wrapped_vk = NULL, sealed_sign_secret = NULL WHERE status = 'issued';
            UPDATE recovery_kits SET status = 'issued', closed_at = NULL, wrapped_vk = x'00', sealed_sign_secret = x'00' WHERE status = 'superseded' AND rowid = (SELECT min(rowid) FROM recovery_kits);`,
    },
    { name: 'flipped byte in the kit’s wrapped vault key', names: 'recovery_kits', sql: flip('recovery_kits', 'wrapped_vk', `status = 'issued'`) },
    { name: 'flipped byte in the kit’s sealed share holders', names: 'recovery_kits', sql: flip('recovery_kits', 'holders', `status = 'issued'`) },
    {
      name: 'kit’s public key replaced by the administrator’s',
      names: 'recovery_kits',
      sql: `UPDATE recovery_kits SET sign_public_key = (SELECT sign_public_key FROM keyholders WHERE id = '${admin}') WHERE status = 'issued';`,
    },
    {
      name: 'a kit row inserted without its event',
      names: 'recovery_kits',
      sql: `INSERT INTO recovery_kits (id, request_id, issued_by, issued_at, status, closed_at, key_check, sign_public_key)
            VALUES ('forged-kit', '${rejected}', '${admin}', '2026-01-01', 'superseded', '2026-01-01', x'00', x'00');`,
    },
    { name: 'the kit in force deleted', names: 'recovery_kits', sql: `DELETE FROM recovery_kits WHERE status = 'issued';` },
    { name: 'an event in the middle deleted', names: 'log', sql: swapTriggers(`DELETE FROM audit_events WHERE seq = 10;`) },
    { name: 'append-only triggers dropped', names: 'schema', sql: `DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;` },
    { name: 'an index dropped', names: 'schema', sql: `DROP INDEX credential_versions_fingerprint;` },
    { name: 'a table added', names: 'schema', sql: `CREATE TABLE shadow_passwords (id TEXT PRIMARY KEY, secret TEXT);` },
    {
      name: 'a trigger added that erases exposures',
      names: 'schema',
      sql: `CREATE TRIGGER erase AFTER INSERT ON exposures BEGIN DELETE FROM exposures WHERE id = NEW.id; END;`,
    },
  ];
}

/** Tail cuts: they leave a valid shorter chain; the sealed head (or the head's last-seen record) names them. */
export function tailCuts(): { name: string; sql: string }[] {
  const cut = (n: number | 'all') =>
    n === 'all' ? 'DELETE FROM audit_events;' : `DELETE FROM audit_events WHERE seq > (SELECT max(seq) - ${n} FROM audit_events);`;
  return [1, 3, 'all' as const].flatMap((n) => [
    { name: `last ${n} event(s) cut, triggers re-created`, sql: swapTriggers(cut(n)) },
    { name: `last ${n} event(s) cut, triggers left dropped`, sql: `DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; ${cut(n)}` },
  ]);
}

export function applySql(db: Database.Database, older: string, sql: string): void {
  db.pragma('foreign_keys = OFF');
  db.exec(`ATTACH '${older}' AS old`);
  db.exec(sql);
  db.exec('DETACH old');
}
