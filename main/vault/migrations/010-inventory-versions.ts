import type { Migration } from './migration';

/**
 * The «inventario inicial» (issue 18): one co-signed request brings a whole spreadsheet of
 * accounts in, each with its first password. A credential version still names the request that
 * authorized it, but a request may now authorize the first version of many accounts, so
 * `change_request_id` is indexed instead of unique (SQLite's 12-step rebuild: a constraint cannot
 * be dropped in place). Every other column, check and index is as migration 004 made them.
 */
export const inventoryVersions: Migration = {
  version: 10,
  name: 'inventory-versions',
  sql: `
    CREATE TABLE credential_versions_v10 (
      id                TEXT PRIMARY KEY,
      account_id        TEXT NOT NULL REFERENCES accounts(id),
      n                 INTEGER NOT NULL,
      secret            BLOB NOT NULL,
      fingerprint       BLOB NOT NULL,
      reason            TEXT NOT NULL CHECK (reason IN ('creation', 'scheduled', 'handover', 'incident', 'exposure', 'decommission')),
      change_request_id TEXT NOT NULL REFERENCES change_requests(id),
      proposed_by       TEXT NOT NULL REFERENCES keyholders(id),
      proposed_at       TEXT NOT NULL,
      authorized_by     TEXT NOT NULL REFERENCES keyholders(id),
      authorized_at     TEXT NOT NULL,
      apply_by          TEXT NOT NULL,
      applied_by        TEXT REFERENCES keyholders(id),
      applied_at        TEXT,
      due_at            TEXT,
      UNIQUE (account_id, n),
      UNIQUE (change_request_id, account_id),
      CHECK (proposed_by <> authorized_by),
      CHECK ((applied_by IS NULL) = (applied_at IS NULL))
    );
    INSERT INTO credential_versions_v10 SELECT * FROM credential_versions;
    DROP TABLE credential_versions;
    ALTER TABLE credential_versions_v10 RENAME TO credential_versions;
    CREATE INDEX credential_versions_fingerprint ON credential_versions(fingerprint);
    CREATE INDEX credential_versions_unapplied ON credential_versions(account_id, n, apply_by) WHERE applied_at IS NULL;
  `,
};
