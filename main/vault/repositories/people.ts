import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openText, sealText, type FieldRef } from '../fields';
import type { DeliveryChannel } from '../../../shared/domain';

/**
 * People who may receive a password (POL-6): name and institutional e-mail, both sealed. The staff
 * registry that comes later adopts these rows (same ids) and adds Formulario B's fields.
 */
export interface PersonRecord {
  id: string;
  name: string;
  email: string;
  createdBy: string;
  createdAt: string;
}

const VERSION = 1;
/** Sealed under the row's version: a record that Formulario B rewrote is at a later one (repositories/staff.ts). */
const ref = (id: string, column: string, version = VERSION): FieldRef => ({ table: 'people', rowId: id, column, version });

export function insertPerson(db: Db, s: Sodium, key: Uint8Array, p: PersonRecord): void {
  db.prepare('INSERT INTO people (id, version, name, email, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    p.id,
    VERSION,
    sealText(s, key, ref(p.id, 'name'), p.name),
    sealText(s, key, ref(p.id, 'email'), p.email),
    p.createdBy,
    p.createdAt,
  );
}

export function listPeople(db: Db, s: Sodium, key: Uint8Array): PersonRecord[] {
  const rows = db.prepare('SELECT id, version, name, email, created_by AS createdBy, created_at AS createdAt FROM people').all() as RawPerson[];
  return rows.map((r) => openPerson(s, key, r));
}

type RawPerson = Omit<PersonRecord, 'name' | 'email'> & { version: number; name: Buffer; email: Buffer };

const openPerson = (s: Sodium, key: Uint8Array, { version, ...r }: RawPerson): PersonRecord => ({
  ...r,
  name: openText(s, key, ref(r.id, 'name', version), r.name),
  email: openText(s, key, ref(r.id, 'email', version), r.email),
});

export function findPerson(db: Db, s: Sodium, key: Uint8Array, id: string): PersonRecord | undefined {
  const row = db.prepare('SELECT id, version, name, email, created_by AS createdBy, created_at AS createdAt FROM people WHERE id = ?').get(id) as
    RawPerson | undefined;
  return row && openPerson(s, key, row);
}

export function personExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM people WHERE id = ?').get(id) !== undefined;
}

export function addRecipient(db: Db, r: { accountId: string; personId: string; addedBy: string; addedAt: string }): boolean {
  return (
    db.prepare('INSERT OR IGNORE INTO account_recipients (account_id, person_id, added_by, added_at) VALUES (@accountId, @personId, @addedBy, @addedAt)').run(r)
      .changes === 1
  );
}

export function removeRecipient(db: Db, accountId: string, personId: string): boolean {
  return db.prepare('DELETE FROM account_recipients WHERE account_id = ? AND person_id = ?').run(accountId, personId).changes === 1;
}

export function recipientIds(db: Db, accountId: string): string[] {
  return db.prepare('SELECT person_id FROM account_recipients WHERE account_id = ? ORDER BY added_at').pluck().all(accountId) as string[];
}

export function isRecipient(db: Db, accountId: string, personId: string): boolean {
  return db.prepare('SELECT 1 FROM account_recipients WHERE account_id = ? AND person_id = ?').get(accountId, personId) !== undefined;
}

export interface DeliveryRecord {
  personId: string;
  channel: DeliveryChannel;
  at: string;
  recordedBy: string;
}

/** Deliveries of one credential version: exposures to people, by institutional e-mail or in person. */
export function deliveriesOf(db: Db, versionId: string): DeliveryRecord[] {
  return db
    .prepare(
      `SELECT person_id AS personId, how AS channel, at, recorded_by AS recordedBy FROM exposures
       WHERE credential_version_id = ? AND person_id IS NOT NULL ORDER BY at`,
    )
    .all(versionId) as DeliveryRecord[];
}
