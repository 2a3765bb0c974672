import type { Migration } from './migration';

/** Two-step verification: one sealed TOTP seed per account, set or removed only by a co-signed request. */
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
  `,
};
