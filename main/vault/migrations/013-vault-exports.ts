import type { Migration } from './migration';

/**
 * KeePass export (issue 18, scope 5). `vault_exports`: an export the head authorized (POL-5),
 * performed once by the keyholder who asked for it, within the request's validity.
 * `export_exposures`: every secret that export wrote into the file, one row per current
 * credential version and per TOTP seed, as an exposure to the exporting keyholder (HAND-3 reads
 * them). `exposures.how` is CHECK-constrained to reveals, copies and deliveries, and an export is
 * none of them: its own table says what it was. Nothing here is typed by a person (the note is in
 * the request's sealed payload), so every column stays in clear.
 */
export const vaultExports: Migration = {
  version: 13,
  name: 'vault-exports',
  sql: `
    CREATE TABLE vault_exports (
      request_id    TEXT PRIMARY KEY REFERENCES change_requests(id),
      requested_by  TEXT NOT NULL REFERENCES keyholders(id),
      authorized_by TEXT NOT NULL REFERENCES keyholders(id),
      authorized_at TEXT NOT NULL,
      performed_by  TEXT REFERENCES keyholders(id),
      performed_at  TEXT,
      CHECK (requested_by <> authorized_by),
      CHECK ((performed_by IS NULL) = (performed_at IS NULL)),
      CHECK (performed_by IS NULL OR performed_by = requested_by)
    );

    CREATE TABLE export_exposures (
      id                    TEXT PRIMARY KEY,
      request_id            TEXT NOT NULL REFERENCES vault_exports(request_id),
      keyholder_id          TEXT NOT NULL REFERENCES keyholders(id),
      account_id            TEXT NOT NULL REFERENCES accounts(id),
      item                  TEXT NOT NULL CHECK (item IN ('password', 'seed')),
      credential_version_id TEXT REFERENCES credential_versions(id),
      seed_version          INTEGER,
      at                    TEXT NOT NULL,
      CHECK ((item = 'password') = (credential_version_id IS NOT NULL)),
      CHECK ((item = 'seed') = (seed_version IS NOT NULL))
    );
    CREATE INDEX export_exposures_keyholder ON export_exposures(keyholder_id, credential_version_id);
    CREATE INDEX export_exposures_version ON export_exposures(credential_version_id);
  `,
};
