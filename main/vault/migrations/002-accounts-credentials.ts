import type { Migration } from './migration';

/**
 * The account registry, co-signed change requests, credential versions and exposures.
 * Typed text (names, handles, e-mails, URLs, notes, secrets, reasons) is sealed; enums, ids,
 * dates, counters and fingerprints stay in clear.
 */
export const accountsAndCredentials: Migration = {
  version: 2,
  name: 'accounts-credentials',
  sql: `
    ALTER TABLE institution ADD COLUMN cosign_expiry_hours INTEGER NOT NULL DEFAULT 24 CHECK (cosign_expiry_hours BETWEEN 1 AND 168);
    ALTER TABLE institution ADD COLUMN reveal_seconds INTEGER NOT NULL DEFAULT 30 CHECK (reveal_seconds BETWEEN 5 AND 120);

    CREATE TABLE accounts (
      id                      TEXT PRIMARY KEY,
      version                 INTEGER NOT NULL,
      platform                TEXT NOT NULL,
      kind                    TEXT NOT NULL CHECK (kind IN ('principal', 'support', 'authority', 'linked_email')),
      status                  TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      linked_email_account_id TEXT REFERENCES accounts(id),
      support_start           TEXT,
      support_end             TEXT,
      display_name            BLOB NOT NULL,
      handle                  BLOB,
      alt_handle              BLOB,
      profile_url             BLOB,
      login_identifier        BLOB,
      notes                   BLOB,
      created_by              TEXT NOT NULL REFERENCES keyholders(id),
      created_at              TEXT NOT NULL,
      updated_at              TEXT NOT NULL
    );

    CREATE TABLE change_requests (
      id                 TEXT PRIMARY KEY,
      kind               TEXT NOT NULL CHECK (kind IN ('credential.rotate')),
      account_id         TEXT NOT NULL REFERENCES accounts(id),
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
      decision_reason    BLOB
    );
    CREATE INDEX change_requests_pending ON change_requests(status, expires_at);

    CREATE TABLE credential_versions (
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
      applied_at        TEXT NOT NULL,
      UNIQUE (account_id, n),
      CHECK (proposed_by <> authorized_by)
    );
    CREATE INDEX credential_versions_fingerprint ON credential_versions(fingerprint);

    CREATE TABLE exposures (
      id                    TEXT PRIMARY KEY,
      credential_version_id TEXT NOT NULL REFERENCES credential_versions(id),
      keyholder_id          TEXT REFERENCES keyholders(id),
      how                   TEXT NOT NULL CHECK (how IN ('revealed', 'copied', 'institutional_email', 'in_person')),
      at                    TEXT NOT NULL
    );
    CREATE INDEX exposures_version ON exposures(credential_version_id);
  `,
};
