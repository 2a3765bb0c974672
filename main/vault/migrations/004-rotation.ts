import type { Migration } from './migration';

/**
 * POL-4 and POL-6: rotation settings, the "applied on the platform" step, due dates, people who may
 * receive a password and their deliveries; settings changes become co-signed requests without an account.
 *
 * credential_versions and change_requests are rebuilt (SQLite cannot relax NOT NULL or a CHECK in
 * place): migrate() runs this with foreign keys off and checks them before committing.
 * Versions written before this migration were applied when authorized; their due dates are filled
 * in by the rotation service at unlock, where the institution's time zone can be read.
 */
export const rotation: Migration = {
  version: 4,
  name: 'rotation',
  sql: `
    ALTER TABLE institution ADD COLUMN rotation_interval_days INTEGER NOT NULL DEFAULT 15 CHECK (rotation_interval_days BETWEEN 1 AND 90);
    ALTER TABLE institution ADD COLUMN rotation_warning_days INTEGER NOT NULL DEFAULT 3 CHECK (rotation_warning_days BETWEEN 0 AND 30);
    ALTER TABLE institution ADD COLUMN rotate_after_use INTEGER NOT NULL DEFAULT 0 CHECK (rotate_after_use IN (0, 1));
    ALTER TABLE institution ADD COLUMN rotate_after_use_hours INTEGER NOT NULL DEFAULT 24 CHECK (rotate_after_use_hours BETWEEN 1 AND 720);
    ALTER TABLE institution ADD COLUMN apply_window_hours INTEGER NOT NULL DEFAULT 24 CHECK (apply_window_hours BETWEEN 1 AND 168);

    CREATE TABLE rotation_kind_intervals (
      kind TEXT PRIMARY KEY CHECK (kind IN ('principal', 'support', 'authority', 'linked_email')),
      days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90)
    );

    CREATE TABLE change_requests_v4 (
      id                 TEXT PRIMARY KEY,
      -- No CHECK on kind: the workflow's registry names the kinds, and the kind is inside the signed digest.
      kind               TEXT NOT NULL,
      account_id         TEXT REFERENCES accounts(id),
      status             TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      payload            BLOB NOT NULL,
      digest             BLOB NOT NULL,
      proposed_by        TEXT NOT NULL REFERENCES keyholders(id),
      proposed_at        TEXT NOT NULL,
      proposer_signature BLOB NOT NULL,
      expires_at         TEXT NOT NULL,
      decided_by         TEXT REFERENCES keyholders(id),
      decided_at         TEXT,
      decision_signature BLOB,
      decision_reason    BLOB,
      CHECK (kind <> 'credential.rotate' OR account_id IS NOT NULL)
    );
    INSERT INTO change_requests_v4 SELECT * FROM change_requests;
    DROP TABLE change_requests;
    ALTER TABLE change_requests_v4 RENAME TO change_requests;
    CREATE INDEX change_requests_pending ON change_requests(status, expires_at);

    CREATE TABLE credential_versions_v4 (
      id                TEXT PRIMARY KEY,
      account_id        TEXT NOT NULL REFERENCES accounts(id),
      n                 INTEGER NOT NULL,
      secret            BLOB NOT NULL,
      fingerprint       BLOB NOT NULL,
      reason            TEXT NOT NULL CHECK (reason IN ('creation', 'scheduled', 'handover', 'incident', 'exposure', 'decommission')),
      change_request_id TEXT NOT NULL UNIQUE REFERENCES change_requests(id),
      proposed_by       TEXT NOT NULL REFERENCES keyholders(id),
      proposed_at       TEXT NOT NULL,
      authorized_by     TEXT NOT NULL REFERENCES keyholders(id),
      authorized_at     TEXT NOT NULL,
      apply_by          TEXT NOT NULL,
      applied_by        TEXT REFERENCES keyholders(id),
      applied_at        TEXT,
      due_at            TEXT,
      UNIQUE (account_id, n),
      CHECK (proposed_by <> authorized_by),
      CHECK ((applied_by IS NULL) = (applied_at IS NULL))
    );
    INSERT INTO credential_versions_v4
      SELECT id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at, authorized_by, authorized_at,
             applied_at, proposed_by, applied_at, NULL
      FROM credential_versions;
    DROP TABLE credential_versions;
    ALTER TABLE credential_versions_v4 RENAME TO credential_versions;
    CREATE INDEX credential_versions_fingerprint ON credential_versions(fingerprint);
    CREATE INDEX credential_versions_unapplied ON credential_versions(account_id, n, apply_by) WHERE applied_at IS NULL;

    -- The current version and its due date, kept on the account (plaintext structure) so that the
    -- deadline dashboard is one scan of a narrow covering index, never of the wide sealed rows.
    ALTER TABLE accounts ADD COLUMN current_version_id TEXT REFERENCES credential_versions(id);
    ALTER TABLE accounts ADD COLUMN due_at TEXT;
    CREATE INDEX accounts_deadline ON accounts(status, id, kind, due_at, current_version_id);
    CREATE INDEX accounts_due_missing ON accounts(id) WHERE current_version_id IS NOT NULL AND due_at IS NULL;
    UPDATE accounts SET current_version_id =
      (SELECT v.id FROM credential_versions v WHERE v.account_id = accounts.id ORDER BY v.applied_at DESC, v.n DESC LIMIT 1);

    CREATE TABLE people (
      id         TEXT PRIMARY KEY,
      version    INTEGER NOT NULL,
      name       BLOB NOT NULL,
      email      BLOB NOT NULL,
      created_by TEXT NOT NULL REFERENCES keyholders(id),
      created_at TEXT NOT NULL
    );

    CREATE TABLE account_recipients (
      account_id TEXT NOT NULL REFERENCES accounts(id),
      person_id  TEXT NOT NULL REFERENCES people(id),
      added_by   TEXT NOT NULL REFERENCES keyholders(id),
      added_at   TEXT NOT NULL,
      PRIMARY KEY (account_id, person_id)
    );

    ALTER TABLE exposures ADD COLUMN person_id TEXT REFERENCES people(id);
    ALTER TABLE exposures ADD COLUMN recorded_by TEXT REFERENCES keyholders(id);
    CREATE INDEX exposures_person ON exposures(person_id);
    CREATE INDEX change_requests_account_pending ON change_requests(account_id) WHERE status = 'pending';
  `,
};
