import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initial } from '../../../main/vault/migrations/001-initial';
import { accountsAndCredentials } from '../../../main/vault/migrations/002-accounts-credentials';
import { passwordPolicy } from '../../../main/vault/migrations/003-password-policy';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/vault/migrations';

const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
const KEYHOLDER = `INSERT INTO keyholders (id, role, status, version, name, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, sign_public_key, created_at)
  VALUES (?, ?, ?, 1, x'00', 'argon2id13', 3, 268435456, x'00', x'00', '2026-01-01')`;

/** The one institution row a vault has, with placeholder boxes, so later migrations' defaults can be read. */
function insertInstitutionRow(db: Database.Database): void {
  db.exec(`INSERT INTO institution (id, version, name, acronym, email_domains, time_zone, idle_lock_minutes, clipboard_seconds, created_at, updated_at)
           VALUES (1, 1, x'00', x'00', x'00', x'00', 5, 30, 'now', 'now')`);
}

describe('migrations', () => {
  it('are numbered 1..n without gaps and migrate() reaches the latest', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(13);
  });

  it('001 creates the vault tables on a fresh database', () => {
    const db = new Database(':memory:');
    db.exec(initial.sql);
    expect(tables(db)).toEqual(['audit_events', 'institution', 'keyholders', 'vault_meta']);
  });

  it('001 allows one active keyholder per role and only known roles', () => {
    const db = new Database(':memory:');
    db.exec(initial.sql);
    const insert = db.prepare(KEYHOLDER);
    insert.run('a', 'head', 'active');
    expect(() => insert.run('b', 'head', 'active')).toThrow(/UNIQUE/);
    insert.run('c', 'head', 'retired');
    expect(() => insert.run('d', 'intern', 'active')).toThrow(/CHECK/);
  });

  it('002 adds accounts, change requests, credential versions and exposures, and the co-sign settings', () => {
    const db = new Database(':memory:');
    db.exec(initial.sql);
    insertInstitutionRow(db);
    db.exec(accountsAndCredentials.sql);
    expect(tables(db)).toEqual(['accounts', 'audit_events', 'change_requests', 'credential_versions', 'exposures', 'institution', 'keyholders', 'vault_meta']);
    expect(db.prepare('SELECT cosign_expiry_hours, reveal_seconds FROM institution').get()).toEqual({ cosign_expiry_hours: 24, reveal_seconds: 30 });
  });

  it('002 refuses a credential version proposed and authorized by the same keyholder', () => {
    const db = new Database(':memory:');
    db.exec(initial.sql);
    db.exec(accountsAndCredentials.sql);
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.exec(
      `INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at) VALUES ('a', 1, 'x', 'principal', 'active', x'00', 'k', 'now', 'now')`,
    );
    db.exec(
      `INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at) VALUES ('r', 'credential.rotate', 'a', 'approved', x'00', x'00', 'k', 'now', x'00', 'later')`,
    );
    expect(() =>
      db.exec(`INSERT INTO credential_versions (id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at, authorized_by, authorized_at, applied_at)
               VALUES ('v', 'a', 1, x'00', x'00', 'scheduled', 'r', 'k', 'now', 'k', 'now', 'now')`),
    ).toThrow(/CHECK/);
  });

  it('003 gives the institution a minimum password length of 16 and never accepts one below 12 (POL-1)', () => {
    const db = new Database(':memory:');
    db.exec(initial.sql);
    insertInstitutionRow(db);
    db.exec(accountsAndCredentials.sql);
    db.exec(passwordPolicy.sql);
    expect(db.prepare('SELECT policy_min_length FROM institution').pluck().get()).toBe(16);
    expect(() => db.exec('UPDATE institution SET policy_min_length = 11')).toThrow(/CHECK/);
  });

  it('004 keeps every row of a format-3 vault, makes the last version current and leaves foreign keys enforced', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of [initial, accountsAndCredentials, passwordPolicy]) db.exec(m.sql);
    db.pragma('user_version = 3');
    insertInstitutionRow(db);
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.prepare(KEYHOLDER).run('h', 'head', 'active');
    db.exec(
      `INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at) VALUES ('a', 1, 'x', 'principal', 'active', x'00', 'k', 'now', 'now')`,
    );
    for (const n of [1, 2]) {
      db.exec(
        `INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at) VALUES ('r${n}', 'credential.rotate', 'a', 'approved', x'00', x'00', 'k', 'now', x'00', 'later')`,
      );
      db.exec(`INSERT INTO credential_versions (id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at, authorized_by, authorized_at, applied_at)
               VALUES ('v${n}', 'a', ${n}, x'00', x'0${n}', 'scheduled', 'r${n}', 'k', 'now', 'h', 'now', '2026-0${n}-01T00:00:00.000Z')`);
    }
    db.exec(`INSERT INTO exposures (id, credential_version_id, keyholder_id, how, at) VALUES ('e', 'v2', 'k', 'revealed', 'now')`);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT current_version_id, due_at FROM accounts').get()).toEqual({ current_version_id: 'v2', due_at: null });
    expect(db.prepare('SELECT id, applied_by, applied_at, apply_by, due_at FROM credential_versions ORDER BY n').all()).toEqual([
      { id: 'v1', applied_by: 'k', applied_at: '2026-01-01T00:00:00.000Z', apply_by: '2026-01-01T00:00:00.000Z', due_at: null },
      { id: 'v2', applied_by: 'k', applied_at: '2026-02-01T00:00:00.000Z', apply_by: '2026-02-01T00:00:00.000Z', due_at: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM exposures').pluck().get()).toBe(1);
    expect(db.prepare('SELECT rotation_interval_days, rotation_warning_days, rotate_after_use FROM institution').get()).toEqual({
      rotation_interval_days: 15,
      rotation_warning_days: 3,
      rotate_after_use: 0,
    });
    expect(() => db.exec(`INSERT INTO exposures (id, credential_version_id, how, at) VALUES ('x', 'nope', 'revealed', 'now')`)).toThrow(/FOREIGN KEY/);
    // a settings change has no account; a credential change must have one
    db.exec(
      `INSERT INTO change_requests (id, kind, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at) VALUES ('s', 'settings.update', 'pending', x'00', x'00', 'k', 'now', x'00', 'later')`,
    );
    expect(() =>
      db.exec(
        `INSERT INTO change_requests (id, kind, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at) VALUES ('c', 'credential.rotate', 'pending', x'00', x'00', 'k', 'now', x'00', 'later')`,
      ),
    ).toThrow(/CHECK/);
  });

  it('006 keeps every row of a format-5 vault, adds the staff registry, and holds its rows to their shapes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, 5)) db.exec(m.sql);
    db.pragma('user_version = 5');
    insertInstitutionRow(db);
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.exec(
      `INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at) VALUES ('a', 1, 'facebook', 'principal', 'active', x'00', 'k', 'now', 'now')`,
    );
    db.exec(`INSERT INTO people (id, version, name, email, created_by, created_at) VALUES ('p', 1, x'00', x'00', 'k', 'now')`);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id FROM people').pluck().all()).toEqual(['p']);
    expect(tables(db)).toEqual(expect.arrayContaining(['staff', 'keyholder_people', 'platform_roles', 'code_exposures', 'departure_items']));

    const staff = (person: string, link: string, status: string, leavingAt: string | null) =>
      db
        .prepare(
          `INSERT INTO staff (person_id, version, profile, function, link_kind, has_agreement, internal_contact_id, status, leaving_at, updated_by, updated_at)
           VALUES (?, 1, x'00', 'community_manager', ?, 0, NULL, ?, ?, 'k', 'now')`,
        )
        .run(person, link, status, leavingAt);
    expect(() => staff('p', 'freelance', 'active', null)).toThrow(/CHECK/);
    expect(() => staff('p', 'outsourced', 'leaving', null)).toThrow(/CHECK/);
    expect(() => staff('nobody', 'outsourced', 'active', null)).toThrow(/FOREIGN KEY/);
    staff('p', 'outsourced', 'active', null);
    db.exec(`INSERT INTO keyholder_people VALUES ('k', 'p')`);

    // One live grant per account and person; a revoked one stays beside the next.
    for (const r of ['g1', 'g2'])
      db.exec(
        `INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at) VALUES ('${r}', 'role.grant', 'a', 'approved', x'00', x'00', 'k', 'now', x'00', 'later')`,
      );
    const grant = (id: string, request: string) =>
      db
        .prepare(
          `INSERT INTO platform_roles (id, account_id, person_id, role, admin, state, grant_request_id, authorized_at) VALUES (?, 'a', 'p', 'partial_content', 0, 'active', ?, 'now')`,
        )
        .run(id, request);
    grant('r1', 'g1');
    expect(() => grant('r2', 'g2')).toThrow(/UNIQUE/);
    db.exec(`UPDATE platform_roles SET state = 'revoked', revoked_at = 'now' WHERE id = 'r1'`);
    grant('r2', 'g2');

    // A code was seen by a keyholder or received by a person: exactly one of them.
    const exposure = (id: string, keyholder: string | null, person: string | null) =>
      db
        .prepare(
          `INSERT INTO code_exposures (id, account_id, set_id, code_id, keyholder_id, person_id, how, at, recorded_by) VALUES (?, 'a', 's', 'c', ?, ?, 'revealed', 'now', 'k')`,
        )
        .run(id, keyholder, person);
    expect(() => exposure('x1', 'k', 'p')).toThrow(/CHECK/);
    expect(() => exposure('x2', null, null)).toThrow(/CHECK/);
    exposure('x3', null, 'p');
    expect(() => db.exec(`INSERT INTO departure_items VALUES ('p', 'i', 'forget_it', NULL, 'x')`)).toThrow(/CHECK/);
    db.exec(`INSERT INTO departure_items VALUES ('p', 'return_device:d', 'return_device', NULL, 'd')`);
  });

  it('008 keeps every account row as it was (digests unchanged), widens its status, and adds Formulario A beside it (LIFE-1, SEC-4)', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 7)) db.exec(m.sql);
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.exec(`INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at, due_at)
             VALUES ('a', 3, 'facebook', 'principal', 'active', x'0102', 'k', 'then', 'later', '2026-05-01')`);
    const before = db.prepare('SELECT * FROM accounts').all();
    db.pragma('user_version = 7');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM accounts').all()).toEqual(before);
    const status = (id: string, value: string) =>
      db
        .prepare(
          `INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at) VALUES (?, 1, 'x', 'principal', ?, x'00', 'k', 'now', 'now')`,
        )
        .run(id, value);
    for (const value of ['pending', 'rejected', 'archived']) status(`s-${value}`, value);
    expect(() => status('s-bad', 'dormant')).toThrow(/CHECK/);
    // Registered before the alta existed: no Formulario A row at all.
    expect(db.prepare('SELECT count(*) FROM account_lifecycle').pluck().get()).toBe(0);
    const lifecycle = (account: string, verification: string) =>
      db.prepare(`INSERT INTO account_lifecycle VALUES (?, 1, x'00', ?, 'k', 'now')`).run(account, verification);
    expect(() => lifecycle('a', 'maybe')).toThrow(/CHECK/);
    lifecycle('a', 'requested');
    expect(() => lifecycle('nobody', 'verified')).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('009 keeps incidents, their actions, reports and outside changes; only sessions and roles are confirmed by hand (SUP-2)', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.exec(KEYHOLDER.replace('?, ?, ?', "'k', 'administrator', 'active'"));
    db.exec(`INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at)
             VALUES ('a', 1, 'facebook', 'principal', 'active', x'00', 'k', 'now', 'now')`);
    const incident = (id: string, kind: string, status: string, closedAt: string | null) =>
      db
        .prepare(
          `INSERT INTO incidents (id, version, kind, occurred_at, description, status, recorded_by, recorded_at, closed_by, closed_at) VALUES (?, 1, ?, 't', x'00', ?, 'k', 't', ?, ?)`,
        )
        .run(id, kind, status, closedAt ? 'k' : null, closedAt);
    expect(() => incident('i0', 'sabotage', 'open', null)).toThrow(/CHECK/);
    expect(() => incident('i0', 'phishing', 'closed', null)).toThrow(/CHECK/);
    expect(() => incident('i0', 'phishing', 'open', 'later')).toThrow(/CHECK/);
    incident('i1', 'device_lost', 'open', null);
    const action = (a: string, confirmedAt: string | null) =>
      db
        .prepare(`INSERT INTO incident_actions (incident_id, account_id, action, confirmed_by, confirmed_at) VALUES ('i1', 'a', ?, ?, ?)`)
        .run(a, confirmedAt ? 'k' : null, confirmedAt);
    // A rotation or a seed ticks from the change itself: its row never holds a confirmation.
    expect(() => action('rotate_password', 'now')).toThrow(/CHECK/);
    expect(() => action('ignore_it', null)).toThrow(/CHECK/);
    action('rotate_password', null);
    action('close_sessions', 'now');
    expect(() => action('close_sessions', null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec(`INSERT INTO incident_actions (incident_id, account_id, action) VALUES ('nobody', 'a', 'review_roles')`)).toThrow(/FOREIGN KEY/);
    const report = (recipient: string) => db.prepare(`INSERT INTO incident_reports VALUES ('i1', ?, x'00', '2026-12-01', 'k', 'now')`).run(recipient);
    expect(() => report('whatsapp')).toThrow(/CHECK/);
    report('national_cert');
    expect(() => report('national_cert')).toThrow(/UNIQUE|PRIMARY/);
    const change = (kind: string) => db.prepare(`INSERT INTO outside_changes VALUES (?, 'i1', 'a', ?, 't', x'00', 'k', 'now')`).run(`c-${kind}`, kind);
    expect(() => change('hacked')).toThrow(/CHECK/);
    change('password_changed');
  });

  it('010 keeps every credential version, and lets one request (the «inventario inicial») authorize one version of each of many accounts', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 9)) db.exec(m.sql);
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.prepare(KEYHOLDER).run('h', 'head', 'active');
    const account = (id: string) =>
      db.exec(`INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at)
               VALUES ('${id}', 1, 'facebook', 'principal', 'active', x'00', 'k', 'now', 'now')`);
    const request = (id: string) =>
      db.exec(`INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at)
               VALUES ('${id}', 'inventory.import', NULL, 'approved', x'00', x'00', 'k', 'now', x'00', 'later')`);
    const version = (id: string, accountId: string, n: number, requestId: string) =>
      db
        .prepare(
          `INSERT INTO credential_versions (id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at, authorized_by, authorized_at, apply_by)
           VALUES (?, ?, ?, x'01', x'02', 'creation', ?, 'k', 'now', 'h', 'now', 'later')`,
        )
        .run(id, accountId, n, requestId);
    for (const id of ['a', 'b']) account(id);
    for (const id of ['r1', 'r2']) request(id);
    version('v1', 'a', 1, 'r1');
    expect(() => version('v2', 'b', 1, 'r1')).toThrow(/UNIQUE/);
    const before = db.prepare('SELECT * FROM credential_versions').all();
    db.pragma('user_version = 9');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM credential_versions').all()).toEqual(before);
    version('v2', 'b', 1, 'r1');
    expect(() => version('v3', 'a', 2, 'r1')).toThrow(/UNIQUE/);
    expect(() => version('v4', 'a', 1, 'r2')).toThrow(/UNIQUE/);
    expect(() => version('v5', 'nobody', 1, 'r2')).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('011 adds the backup reminder beside the institution row, which it leaves as it was (digest unchanged), one row of 1 to 90 days', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 10)) db.exec(m.sql);
    db.exec(`INSERT INTO institution (id, version, name, acronym, email_domains, time_zone, idle_lock_minutes, clipboard_seconds, created_at, updated_at)
             VALUES (1, 1, x'01', x'02', x'03', x'04', 5, 30, 'now', 'now')`);
    const before = db.prepare('SELECT * FROM institution').all();
    db.pragma('user_version = 10');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM institution').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM backup_settings').pluck().get()).toBe(0);
    const days = db.prepare('INSERT INTO backup_settings (id, reminder_days) VALUES (?, ?)');
    expect(() => days.run(1, 0)).toThrow(/CHECK/);
    expect(() => days.run(1, 91)).toThrow(/CHECK/);
    expect(() => days.run(2, 7)).toThrow(/CHECK/);
    days.run(1, 90);
    expect(() => days.run(1, 7)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('012 adds the emergency kits (one in force at most; wraps only while issued) and keeps the log, append-only, with any signer as actor', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 11)) db.exec(m.sql);
    db.prepare(KEYHOLDER).run('k1', 'head', 'active');
    db.exec(`INSERT INTO audit_events VALUES (1, 'now', 'k1', 'vault.created', '{}', '{}', x'00', x'01', x'02')`);
    db.pragma('user_version = 11');
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT seq, actor_id, action FROM audit_events').all()).toEqual([{ seq: 1, actor_id: 'k1', action: 'vault.created' }]);
    expect(() => db.exec(`UPDATE audit_events SET action = 'x'`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events')).toThrow(/append-only/);
    // A kit signs as its own actor: no keyholder row names it.
    db.exec(`INSERT INTO audit_events VALUES (2, 'now', 'kit-1', 'kit.used', '{}', '{}', x'01', x'03', x'04')`);
    db.exec(`INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at)
             VALUES ('r1', 'kit.issue', NULL, 'approved', x'00', x'00', 'k1', 'now', x'00', 'later'), ('r2', 'kit.issue', NULL, 'approved', x'00', x'00', 'k1', 'now', x'00', 'later')`);
    const kit = db.prepare(`INSERT INTO recovery_kits (id, request_id, issued_by, issued_at, status, closed_at, threshold, shares, holders, key_check,
      sign_public_key, wrapped_vk, sealed_sign_secret) VALUES (?, ?, 'k1', 'now', ?, ?, ?, ?, ?, x'00', x'00', ?, ?)`);
    expect(() => kit.run('a', 'r1', 'issued', null, null, null, null, null, null)).toThrow(/CHECK/);
    expect(() => kit.run('a', 'r1', 'used', 'now', null, null, null, Buffer.from([1]), Buffer.from([1]))).toThrow(/CHECK/);
    expect(() => kit.run('a', 'r1', 'issued', null, 4, 3, Buffer.from([1]), Buffer.from([1]), Buffer.from([1]))).toThrow(/CHECK/);
    kit.run('a', 'r1', 'issued', null, 2, 3, Buffer.from([1]), Buffer.from([1]), Buffer.from([1]));
    expect(() => kit.run('b', 'r2', 'issued', null, null, null, null, Buffer.from([1]), Buffer.from([1]))).toThrow(/UNIQUE/);
    expect(() => kit.run('b', 'r1', 'superseded', 'now', null, null, null, null, null)).toThrow(/UNIQUE/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('013 adds KeePass exports (performed once, by their requester, never authorized by them) and their exposures (a password or a seed)', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((m) => m.version <= 12)) db.exec(m.sql);
    db.pragma('user_version = 12');
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.pragma('foreign_keys = ON');
    db.prepare(KEYHOLDER).run('k', 'administrator', 'active');
    db.prepare(KEYHOLDER).run('h', 'head', 'active');
    db.exec(`INSERT INTO change_requests (id, kind, account_id, status, payload, digest, proposed_by, proposed_at, proposer_signature, expires_at)
             VALUES ('r', 'vault.export', NULL, 'approved', x'00', x'00', 'k', 'now', x'00', 'later')`);
    const grant = db.prepare(
      'INSERT INTO vault_exports (request_id, requested_by, authorized_by, authorized_at, performed_by, performed_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(() => grant.run('r', 'k', 'k', 'now', null, null)).toThrow(/CHECK/);
    expect(() => grant.run('r', 'k', 'h', 'now', 'k', null)).toThrow(/CHECK/);
    expect(() => grant.run('r', 'k', 'h', 'now', 'h', 'now')).toThrow(/CHECK/);
    grant.run('r', 'k', 'h', 'now', null, null);
    db.exec(`INSERT INTO accounts (id, version, platform, kind, status, display_name, created_by, created_at, updated_at)
             VALUES ('a', 1, 'facebook', 'principal', 'active', x'00', 'k', 'now', 'now')`);
    const exposure = db.prepare(
      'INSERT INTO export_exposures (id, request_id, keyholder_id, account_id, item, credential_version_id, seed_version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    expect(() => exposure.run('e1', 'r', 'k', 'a', 'password', null, null, 'now')).toThrow(/CHECK/);
    expect(() => exposure.run('e2', 'r', 'k', 'a', 'seed', null, null, 'now')).toThrow(/CHECK/);
    expect(() => exposure.run('e3', 'r', 'k', 'a', 'copied', null, 1, 'now')).toThrow(/CHECK/);
    expect(() => exposure.run('e4', 'nobody', 'k', 'a', 'seed', null, 1, 'now')).toThrow(/FOREIGN KEY/);
    exposure.run('e5', 'r', 'k', 'a', 'seed', null, 1, 'now');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('is idempotent and refuses a file from a newer Custodia', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'VAULT_NEWER_FORMAT', details: { format: 99, supported: LATEST_VERSION } }));
    expect(db.pragma('user_version', { simple: true })).toBe(99);
  });
});
