import type { Migration } from './migration';

/** POL-1's minimum length, per institution: default 16, never below 12. */
export const passwordPolicy: Migration = {
  version: 3,
  name: 'password-policy',
  sql: `ALTER TABLE institution ADD COLUMN policy_min_length INTEGER NOT NULL DEFAULT 16 CHECK (policy_min_length BETWEEN 12 AND 128);`,
};
