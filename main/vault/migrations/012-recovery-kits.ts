import type { Migration } from './migration';

/**
 * The emergency kit (issue 18, scope 6; docs/decisions/0009-emergency-kit.md). One row per kit
 * issued: the vault key and the kit's Ed25519 signing secret wrapped under the recovery key's KEK
 * (both deleted once the kit is used or superseded: the row then only says what happened), the
 * kit's public key (it signs the recovery's events), a keyed check of the recovery key (to tell a
 * used or superseded kit from a wrong key), k-of-n when split, and the share holders' names
 * (typed by a person: sealed). At most one kit is in force (the partial unique index).
 *
 * A kit signs the events of the recovery it opens, as their actor: `audit_events.actor_id` can no
 * longer reference `keyholders` alone, so the log is rebuilt without that reference (SQLite's 12-step
 * procedure; its rows, index and append-only triggers as migrations 001 and 007 made them). Who an
 * actor is was never the reference's to say: the verification takes every signer from the signed
 * roster, which admits a kit only through its `kit.issued` event (main/vault/integrity/kit-roster.ts).
 */
export const recoveryKits: Migration = {
  version: 12,
  name: 'recovery-kits',
  sql: `
    CREATE TABLE recovery_kits (
      id                 TEXT PRIMARY KEY,
      request_id         TEXT NOT NULL UNIQUE REFERENCES change_requests(id),
      issued_by          TEXT NOT NULL REFERENCES keyholders(id),
      issued_at          TEXT NOT NULL,
      status             TEXT NOT NULL CHECK (status IN ('issued', 'used', 'superseded')),
      closed_at          TEXT,
      threshold          INTEGER,
      shares             INTEGER,
      holders            BLOB,
      key_check          BLOB NOT NULL,
      sign_public_key    BLOB NOT NULL,
      wrapped_vk         BLOB,
      sealed_sign_secret BLOB,
      CHECK ((threshold IS NULL) = (shares IS NULL) AND (shares IS NULL) = (holders IS NULL)),
      CHECK (threshold IS NULL OR (threshold >= 2 AND threshold <= shares AND shares <= 9)),
      CHECK ((status = 'issued') = (wrapped_vk IS NOT NULL AND sealed_sign_secret IS NOT NULL)),
      CHECK ((status = 'issued') = (closed_at IS NULL))
    );
    CREATE UNIQUE INDEX recovery_kits_in_force ON recovery_kits(status) WHERE status = 'issued';

    CREATE TABLE audit_events_v12 (
      seq       INTEGER PRIMARY KEY,
      at        TEXT NOT NULL,
      actor_id  TEXT NOT NULL,
      action    TEXT NOT NULL,
      subjects  TEXT NOT NULL,
      details   TEXT NOT NULL,
      prev_hash BLOB NOT NULL,
      hash      BLOB NOT NULL,
      signature BLOB NOT NULL
    );
    INSERT INTO audit_events_v12 SELECT seq, at, actor_id, action, subjects, details, prev_hash, hash, signature FROM audit_events;
    DROP TABLE audit_events;
    ALTER TABLE audit_events_v12 RENAME TO audit_events;
    CREATE INDEX audit_events_action ON audit_events(action);
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
};
