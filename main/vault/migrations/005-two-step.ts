import type { Migration } from './migration';

/**
 * Two-step verification (issue 5): one sealed TOTP seed per account (set or removed only by a
 * co-signed request), recovery codes sealed one by one, the office's phones, and each account's
 * second-step method, recovery phone and recovery e-mail (SEC-1, SEC-3).
 */
export const twoStep: Migration = {
  version: 5,
  name: 'two-step',
  sql: `
    CREATE TABLE totp_seeds (
      account_id        TEXT PRIMARY KEY REFERENCES accounts(id),
      version           INTEGER NOT NULL,
      seed              BLOB NOT NULL,
      change_request_id TEXT NOT NULL REFERENCES change_requests(id),
      proposed_by       TEXT NOT NULL REFERENCES keyholders(id),
      authorized_by     TEXT NOT NULL REFERENCES keyholders(id),
      set_at            TEXT NOT NULL,
      CHECK (proposed_by <> authorized_by)
    );

    -- A co-signed export of a seed as a QR (to enroll an institutional phone): shown once, for 60 s,
    -- by the administrator who asked for it; showing it is an exposure of the seed to that keyholder.
    CREATE TABLE totp_exports (
      request_id   TEXT PRIMARY KEY REFERENCES change_requests(id),
      account_id   TEXT NOT NULL REFERENCES accounts(id),
      seed_version INTEGER NOT NULL,
      requested_by TEXT NOT NULL REFERENCES keyholders(id),
      authorized_by TEXT NOT NULL REFERENCES keyholders(id),
      authorized_at TEXT NOT NULL,
      shown_by     TEXT REFERENCES keyholders(id),
      shown_at     TEXT
    );

    CREATE TABLE recovery_codes (
      id          TEXT PRIMARY KEY,
      account_id  TEXT NOT NULL REFERENCES accounts(id),
      set_id      TEXT NOT NULL,
      position    INTEGER NOT NULL,
      code        BLOB NOT NULL,
      used_at     TEXT,
      used_by     TEXT REFERENCES keyholders(id),
      used_reason BLOB,
      added_by    TEXT NOT NULL REFERENCES keyholders(id),
      added_at    TEXT NOT NULL,
      UNIQUE (set_id, position),
      CHECK ((used_at IS NULL) = (used_by IS NULL))
    );
    CREATE INDEX recovery_codes_account ON recovery_codes(account_id);

    CREATE TABLE devices (
      id                TEXT PRIMARY KEY,
      version           INTEGER NOT NULL,
      label             BLOB NOT NULL,
      number            BLOB NOT NULL,
      holder_keyholder_id TEXT REFERENCES keyholders(id),
      holder_person_id  TEXT REFERENCES people(id),
      institution_owned INTEGER NOT NULL CHECK (institution_owned IN (0, 1)),
      notes             BLOB,
      created_by        TEXT NOT NULL REFERENCES keyholders(id),
      created_at        TEXT NOT NULL,
      CHECK (holder_keyholder_id IS NULL OR holder_person_id IS NULL)
    );

    CREATE TABLE account_two_step (
      account_id         TEXT PRIMARY KEY REFERENCES accounts(id),
      version            INTEGER NOT NULL,
      method             TEXT NOT NULL CHECK (method IN ('totp_vault', 'totp_device', 'sms', 'security_key', 'none')),
      recovery_device_id TEXT REFERENCES devices(id),
      recovery_email     BLOB,
      updated_by         TEXT NOT NULL REFERENCES keyholders(id),
      updated_at         TEXT NOT NULL
    );
  `,
};
