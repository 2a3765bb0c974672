import type { Migration } from './migration';

/**
 * The account lifecycle (issue 17; LIFE-1..4, SEC-4). An account is «en trámite» (`pending`) from its
 * alta request until the head authorizes it, `rejected` if the head refuses it (kept as evidence,
 * never official: SUP-4), and `archived` once its baja's password is applied on the platform.
 *
 * The accounts table is rebuilt only to widen its status CHECK (SQLite cannot change one in place):
 * same columns, same values, so every row keeps the digest its last event recorded. What is new
 * lives beside it, in `account_lifecycle`, written only by the lifecycle's own events: Formulario A
 * as typed (sealed) and the platform verification (SEC-4). An account with no row there, or a row
 * with no Formulario A, was registered before this migration: «registrada sin Formulario A».
 */
export const lifecycle: Migration = {
  version: 8,
  name: 'lifecycle',
  sql: `
    CREATE TABLE accounts_v8 (
      id                      TEXT PRIMARY KEY,
      version                 INTEGER NOT NULL,
      platform                TEXT NOT NULL,
      kind                    TEXT NOT NULL CHECK (kind IN ('principal', 'support', 'authority', 'linked_email')),
      status                  TEXT NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'archived')),
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
      updated_at              TEXT NOT NULL,
      current_version_id      TEXT REFERENCES credential_versions(id),
      due_at                  TEXT
    );
    INSERT INTO accounts_v8 (id, version, platform, kind, status, linked_email_account_id, support_start, support_end, display_name, handle,
        alt_handle, profile_url, login_identifier, notes, created_by, created_at, updated_at, current_version_id, due_at)
      SELECT id, version, platform, kind, status, linked_email_account_id, support_start, support_end, display_name, handle,
        alt_handle, profile_url, login_identifier, notes, created_by, created_at, updated_at, current_version_id, due_at
      FROM accounts;
    DROP TABLE accounts;
    ALTER TABLE accounts_v8 RENAME TO accounts;
    CREATE INDEX accounts_deadline ON accounts(status, id, kind, due_at, current_version_id);
    CREATE INDEX accounts_due_missing ON accounts(id) WHERE current_version_id IS NOT NULL AND due_at IS NULL;

    CREATE TABLE account_lifecycle (
      account_id   TEXT PRIMARY KEY REFERENCES accounts(id),
      version      INTEGER NOT NULL,
      -- Formulario A as typed (description, objective, posting plan, indicators, authorized users, other data): one sealed box.
      form_a       BLOB,
      verification TEXT NOT NULL CHECK (verification IN ('not_requested', 'requested', 'verified', 'not_offered')),
      updated_by   TEXT NOT NULL REFERENCES keyholders(id),
      updated_at   TEXT NOT NULL
    );
  `,
};
