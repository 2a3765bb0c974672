import type { Migration } from './migration';

/**
 * The staff registry and platform roles (issue 15; ROLE-1..5, HAND-2, HAND-3). People keep their
 * rows and ids; Formulario B lives beside them (sealed), written only by co-signed requests.
 * Keyholders are linked to the person they are. Every row is bound to the signed event that
 * wrote it (main/vault/integrity/tables.ts), as every table before.
 */
export const staff: Migration = {
  version: 6,
  name: 'staff',
  sql: `
    CREATE TABLE staff (
      person_id           TEXT PRIMARY KEY REFERENCES people(id),
      version             INTEGER NOT NULL,
      -- Formulario B as typed (names, cédula, dependency, mobile, agreement, …): one sealed box.
      profile             BLOB NOT NULL,
      function            TEXT NOT NULL CHECK (function IN ('office_head', 'account_administrator', 'backup_administrator', 'community_manager', 'designer', 'analyst', 'other')),
      link_kind           TEXT NOT NULL CHECK (link_kind IN ('permanent', 'contracted', 'seconded', 'intern', 'volunteer', 'outsourced')),
      has_agreement       INTEGER NOT NULL CHECK (has_agreement IN (0, 1)),
      internal_contact_id TEXT REFERENCES people(id),
      -- 'leaving' once the departure is authorized; "baja" is read from the checklist, never stored.
      status              TEXT NOT NULL CHECK (status IN ('active', 'leaving')),
      leaving_at          TEXT,
      updated_by          TEXT NOT NULL REFERENCES keyholders(id),
      updated_at          TEXT NOT NULL,
      CHECK ((status = 'leaving') = (leaving_at IS NOT NULL))
    );

    CREATE TABLE keyholder_people (
      keyholder_id TEXT PRIMARY KEY REFERENCES keyholders(id),
      person_id    TEXT NOT NULL UNIQUE REFERENCES people(id)
    );

    CREATE TABLE platform_roles (
      id                TEXT PRIMARY KEY,
      account_id        TEXT NOT NULL REFERENCES accounts(id),
      person_id         TEXT NOT NULL REFERENCES people(id),
      role              TEXT NOT NULL,
      admin             INTEGER NOT NULL CHECK (admin IN (0, 1)),
      state             TEXT NOT NULL CHECK (state IN ('granting', 'active', 'revoking', 'revoked')),
      grant_request_id  TEXT NOT NULL UNIQUE REFERENCES change_requests(id),
      authorized_at     TEXT NOT NULL,
      granted_at        TEXT,
      revoke_request_id TEXT UNIQUE REFERENCES change_requests(id),
      revoked_at        TEXT
    );
    CREATE UNIQUE INDEX platform_roles_live ON platform_roles(account_id, person_id) WHERE state <> 'revoked';
    CREATE INDEX platform_roles_person ON platform_roles(person_id, state);

    -- Who saw or received a recovery code. No reference to the code row: a replaced set is
    -- deleted, the record that someone saw one of its codes stays.
    CREATE TABLE code_exposures (
      id           TEXT PRIMARY KEY,
      account_id   TEXT NOT NULL REFERENCES accounts(id),
      set_id       TEXT NOT NULL,
      code_id      TEXT NOT NULL,
      keyholder_id TEXT REFERENCES keyholders(id),
      person_id    TEXT REFERENCES people(id),
      how          TEXT NOT NULL CHECK (how IN ('revealed', 'institutional_email', 'in_person')),
      at           TEXT NOT NULL,
      recorded_by  TEXT NOT NULL REFERENCES keyholders(id),
      CHECK ((keyholder_id IS NULL) <> (person_id IS NULL))
    );
    CREATE INDEX code_exposures_person ON code_exposures(person_id);
    CREATE INDEX code_exposures_keyholder ON code_exposures(keyholder_id);

    -- A departure's checklist as it stood when the head authorized it (HAND-2, HAND-3): each item
    -- ticks from the change that settles it, read live; what arose later joins the list live too.
    CREATE TABLE departure_items (
      person_id  TEXT NOT NULL REFERENCES people(id),
      item       TEXT NOT NULL,
      kind       TEXT NOT NULL CHECK (kind IN ('revoke_role', 'rotate_password', 'replace_recovery_codes', 'replace_seed', 'remove_recipient', 'return_device')),
      account_id TEXT REFERENCES accounts(id),
      ref        TEXT NOT NULL,
      PRIMARY KEY (person_id, item)
    );

    -- A departure reads everything one keyholder was shown.
    CREATE INDEX exposures_keyholder ON exposures(keyholder_id, credential_version_id);
    CREATE INDEX exposures_person_version ON exposures(person_id, credential_version_id);
    CREATE INDEX devices_holder_person ON devices(holder_person_id);
    CREATE INDEX account_recipients_person ON account_recipients(person_id);
  `,
};
