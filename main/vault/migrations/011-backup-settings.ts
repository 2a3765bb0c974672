import type { Migration } from './migration';

/**
 * The backup reminder (issue 18): after how many days without a backup the home screen says so.
 * Its own one-row table, not a column of `institution`: a row's integrity digest covers every
 * column it has (main/vault/integrity/row-digest.ts), so a new column would change the digest of
 * every existing institution row and make existing vaults read as tampered. No row is the default
 * (7 days); the first co-signed «settings.update» that names the value writes it.
 */
export const backupSettings: Migration = {
  version: 11,
  name: 'backup-settings',
  sql: `
    CREATE TABLE backup_settings (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      reminder_days INTEGER NOT NULL CHECK (reminder_days BETWEEN 1 AND 90)
    );
  `,
};
