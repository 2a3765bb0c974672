import type { Migration } from './migration';

/**
 * Only structure is plaintext (ids, enums, counters, timestamps). Every BLOB column named after
 * something a person typed holds an XChaCha20-Poly1305 box.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE vault_meta (
      key   TEXT PRIMARY KEY,
      value BLOB NOT NULL
    );

    CREATE TABLE institution (
      id                INTEGER PRIMARY KEY CHECK (id = 1),
      version           INTEGER NOT NULL,
      name              BLOB NOT NULL,
      acronym           BLOB NOT NULL,
      email_domains     BLOB NOT NULL,
      time_zone         BLOB NOT NULL,
      idle_lock_minutes INTEGER NOT NULL CHECK (idle_lock_minutes BETWEEN 1 AND 60),
      clipboard_seconds INTEGER NOT NULL CHECK (clipboard_seconds BETWEEN 5 AND 300),
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL
    );

    CREATE TABLE keyholders (
      id                 TEXT PRIMARY KEY,
      role               TEXT NOT NULL CHECK (role IN ('administrator', 'head', 'backup_administrator')),
      status             TEXT NOT NULL CHECK (status IN ('active', 'retired')),
      version            INTEGER NOT NULL,
      name               BLOB NOT NULL,
      kdf_alg            TEXT NOT NULL,
      kdf_opslimit       INTEGER NOT NULL,
      kdf_memlimit       INTEGER NOT NULL,
      kdf_salt           BLOB NOT NULL,
      wrapped_vk         BLOB,
      sign_public_key    BLOB NOT NULL,
      sealed_sign_secret BLOB,
      created_at         TEXT NOT NULL,
      retired_at         TEXT
    );
    CREATE UNIQUE INDEX keyholders_one_active_per_role ON keyholders(role) WHERE status = 'active';

    CREATE TABLE audit_events (
      seq       INTEGER PRIMARY KEY,
      at        TEXT NOT NULL,
      actor_id  TEXT NOT NULL REFERENCES keyholders(id),
      action    TEXT NOT NULL,
      subjects  TEXT NOT NULL,
      details   TEXT NOT NULL,
      prev_hash BLOB NOT NULL,
      hash      BLOB NOT NULL,
      signature BLOB NOT NULL
    );
    -- Append-only against mistakes; against deliberate edits the hash chain and signatures speak.
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
};
