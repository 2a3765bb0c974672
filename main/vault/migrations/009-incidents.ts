import type { Migration } from './migration';

/**
 * Security incidents (issue 17; SUP-2, SUP-3). An incident and the actions it opens on each
 * affected account, written together when it is recorded; what a person typed (its description,
 * a report's reference, an outside change's description) is sealed. Only the two actions a person
 * confirms by hand (sessions closed, roles reviewed) keep who and when on their row; the rotation,
 * the seed and a role change are read from the records that settle them. Changes found to have been
 * made on a platform outside Custodia are kept apart, with when they happened, for the monthly
 * indicator (SUP-3). Every row is bound to the signed event that wrote it (integrity/tables.ts).
 */
export const incidents: Migration = {
  version: 9,
  name: 'incidents',
  sql: `
    CREATE TABLE incidents (
      id          TEXT PRIMARY KEY,
      version     INTEGER NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('credential_compromise', 'unauthorized_publication', 'device_lost',
                                                'departure_without_handover', 'phishing', 'locked_out', 'other')),
      -- When it happened (typed in the institution's zone, kept as an instant): actions count from here.
      occurred_at TEXT NOT NULL,
      description BLOB NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      recorded_by TEXT NOT NULL REFERENCES keyholders(id),
      recorded_at TEXT NOT NULL,
      closed_by   TEXT REFERENCES keyholders(id),
      closed_at   TEXT,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
      CHECK ((closed_by IS NULL) = (closed_at IS NULL))
    );
    CREATE INDEX incidents_status ON incidents(status, occurred_at);

    CREATE TABLE incident_actions (
      incident_id  TEXT NOT NULL REFERENCES incidents(id),
      account_id   TEXT NOT NULL REFERENCES accounts(id),
      action       TEXT NOT NULL CHECK (action IN ('rotate_password', 'close_sessions', 'review_roles', 'replace_seed')),
      confirmed_by TEXT REFERENCES keyholders(id),
      confirmed_at TEXT,
      CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL)),
      -- A rotation or a seed ticks from the change itself, never from a confirmation.
      CHECK (confirmed_at IS NULL OR action IN ('close_sessions', 'review_roles')),
      PRIMARY KEY (incident_id, account_id, action)
    );
    CREATE INDEX incident_actions_account ON incident_actions(account_id);

    CREATE TABLE incident_reports (
      incident_id TEXT NOT NULL REFERENCES incidents(id),
      recipient   TEXT NOT NULL CHECK (recipient IN ('security_officer', 'national_cert')),
      reference   BLOB NOT NULL,
      reported_on TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES keyholders(id),
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (incident_id, recipient)
    );

    CREATE TABLE outside_changes (
      id          TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents(id),
      account_id  TEXT NOT NULL REFERENCES accounts(id),
      kind        TEXT NOT NULL CHECK (kind IN ('password_changed', 'two_step_changed', 'role_added', 'role_removed',
                                                'recovery_contact_changed', 'profile_changed', 'other')),
      changed_at  TEXT NOT NULL,
      description BLOB NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES keyholders(id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX outside_changes_changed ON outside_changes(changed_at);
    CREATE INDEX outside_changes_incident ON outside_changes(incident_id);
  `,
};
