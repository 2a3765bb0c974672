import type { Migration } from './migration';

/**
 * Keyholder changes and the administrator handover (issue 16; HAND-1, HAND-3). During a handover
 * the outgoing and the incoming keyholder of a role are both active, so the one-active-per-role
 * index goes; the services keep one head and one administrator at any other time (and never fewer).
 * A re-key leaves the fingerprint sub-key of each earlier vault key sealed under the current one,
 * so requests digested before it stay checkable, and wraps the new vault key for each remaining
 * keyholder in a box only they can open (claimed at their next unlock). Every row is bound to the
 * signed event that wrote it (main/vault/integrity/tables.ts), as every table before.
 */
export const handover: Migration = {
  version: 7,
  name: 'handover',
  sql: `
    DROP INDEX keyholders_one_active_per_role;
    -- The roster is replayed at every unlock from the enrolments and revocations in the log.
    CREATE INDEX audit_events_action ON audit_events(action);

    -- The fingerprint sub-key of each earlier vault key (epoch 0: the first), sealed under the current records key.
    CREATE TABLE key_epochs (
      epoch            INTEGER PRIMARY KEY CHECK (epoch >= 0),
      fingerprints_key BLOB NOT NULL,
      ended_at         TEXT NOT NULL
    );

    -- The vault key after a re-key, boxed by the keyholder who ran it (X25519 of both Ed25519 keys) for a
    -- keyholder whose passphrase was not typed then; replaced by an ordinary wrap at their next unlock.
    CREATE TABLE keyholder_pending_wraps (
      keyholder_id TEXT PRIMARY KEY REFERENCES keyholders(id),
      sender_id    TEXT NOT NULL REFERENCES keyholders(id),
      box          BLOB NOT NULL,
      created_at   TEXT NOT NULL
    );

    CREATE TABLE handovers (
      id                    TEXT PRIMARY KEY,
      role                  TEXT NOT NULL CHECK (role IN ('administrator', 'head', 'backup_administrator')),
      outgoing_keyholder_id TEXT NOT NULL REFERENCES keyholders(id),
      incoming_keyholder_id TEXT NOT NULL UNIQUE REFERENCES keyholders(id),
      start_request_id      TEXT NOT NULL UNIQUE REFERENCES change_requests(id),
      started_at            TEXT NOT NULL,
      -- 'cancelled': the incoming keyholder was revoked before the completion (HAND-1).
      status                TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
      complete_request_id   TEXT UNIQUE REFERENCES change_requests(id),
      completed_at          TEXT,
      CHECK ((status <> 'open') = (completed_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX handovers_one_open_per_role ON handovers(role) WHERE status = 'open';

    -- What only a person can confirm (sessions closed on the platform, MITIC 6.1.1.III); every other
    -- item of the checklist is read from the change that settles it.
    CREATE TABLE handover_confirmations (
      handover_id  TEXT NOT NULL REFERENCES handovers(id),
      account_id   TEXT NOT NULL REFERENCES accounts(id),
      item         TEXT NOT NULL CHECK (item IN ('sessions_closed')),
      confirmed_by TEXT NOT NULL REFERENCES keyholders(id),
      confirmed_at TEXT NOT NULL,
      PRIMARY KEY (handover_id, account_id, item)
    );
  `,
};
