import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openJson, sealJson, sealText, type FieldRef } from '../fields';
import type { LinkKind, StaffFunction, StaffProfile } from '../../../shared/staff';

/**
 * Formulario B beside each person's row (issue 15): the typed fields in one sealed box, and in
 * clear only what the rules read (function, kind of link, whether an agreement is on file, the
 * internal contact's id, the status). People's own rows keep name and e-mail, sealed.
 */
export interface StaffRow {
  personId: string;
  version: number;
  function: StaffFunction;
  link: LinkKind;
  hasAgreement: boolean;
  internalContactId: string | null;
  status: 'active' | 'leaving';
  leavingAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

const profileRef = (personId: string, version: number): FieldRef => ({ table: 'staff', rowId: personId, column: 'profile', version });
const personRef = (id: string, column: string, version: number): FieldRef => ({ table: 'people', rowId: id, column, version });

const COLUMNS = `person_id AS personId, version, function, link_kind AS link, has_agreement AS hasAgreement,
  internal_contact_id AS internalContactId, status, leaving_at AS leavingAt, updated_by AS updatedBy, updated_at AS updatedAt`;

type RawStaff = Omit<StaffRow, 'hasAgreement'> & { hasAgreement: number };
const fromRaw = (r: RawStaff): StaffRow => ({ ...r, hasAgreement: r.hasAgreement === 1 });

export function insertStaff(db: Db, s: Sodium, key: Uint8Array, row: Omit<StaffRow, 'version'>, profile: StaffProfile): void {
  db.prepare(
    `INSERT INTO staff (person_id, version, profile, function, link_kind, has_agreement, internal_contact_id, status, leaving_at, updated_by, updated_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.personId,
    sealJson(s, key, profileRef(row.personId, 1), profile),
    row.function,
    row.link,
    row.hasAgreement ? 1 : 0,
    row.internalContactId,
    row.status,
    row.leavingAt,
    row.updatedBy,
    row.updatedAt,
  );
}

/** A new Formulario B for an existing record (version + 1, resealed). */
export function updateStaff(db: Db, s: Sodium, key: Uint8Array, personId: string, profile: StaffProfile, by: string, at: string): void {
  const version = (db.prepare('SELECT version FROM staff WHERE person_id = ?').pluck().get(personId) as number) + 1;
  db.prepare(
    `UPDATE staff SET version = ?, profile = ?, function = ?, link_kind = ?, has_agreement = ?, internal_contact_id = ?, updated_by = ?, updated_at = ?
     WHERE person_id = ?`,
  ).run(
    version,
    sealJson(s, key, profileRef(personId, version), profile),
    profile.function,
    profile.link,
    profile.agreement ? 1 : 0,
    profile.internalContactId,
    by,
    at,
    personId,
  );
}

export function setLeaving(db: Db, personId: string, leavingAt: string, by: string, at: string): boolean {
  return (
    db
      .prepare("UPDATE staff SET status = 'leaving', leaving_at = ?, updated_by = ?, updated_at = ? WHERE person_id = ? AND status = 'active'")
      .run(leavingAt, by, at, personId).changes === 1
  );
}

export function staffRow(db: Db, personId: string): StaffRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE person_id = ?`).get(personId) as RawStaff | undefined;
  return row && fromRaw(row);
}

export function staffRows(db: Db): StaffRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM staff`).all() as RawStaff[]).map(fromRaw);
}

export function staffProfileOf(db: Db, s: Sodium, key: Uint8Array, personId: string): StaffProfile | null {
  const row = db.prepare('SELECT version, profile FROM staff WHERE person_id = ?').get(personId) as { version: number; profile: Buffer } | undefined;
  return row ? openJson<StaffProfile>(s, key, profileRef(personId, row.version), row.profile) : null;
}

/** A person's sealed name and e-mail, rewritten (version + 1) when Formulario B changes them. */
export function updatePersonIdentity(db: Db, s: Sodium, key: Uint8Array, personId: string, name: string, email: string): void {
  const version = (db.prepare('SELECT version FROM people WHERE id = ?').pluck().get(personId) as number) + 1;
  db.prepare('UPDATE people SET version = ?, name = ?, email = ? WHERE id = ?').run(
    version,
    sealText(s, key, personRef(personId, 'name', version), name),
    sealText(s, key, personRef(personId, 'email', version), email),
    personId,
  );
}

export function linkKeyholder(db: Db, keyholderId: string, personId: string): void {
  db.prepare('INSERT INTO keyholder_people (keyholder_id, person_id) VALUES (?, ?)').run(keyholderId, personId);
}

/** keyholder id → person id, and back. */
export function keyholderLinks(db: Db): { byKeyholder: Map<string, string>; byPerson: Map<string, string> } {
  const rows = db.prepare('SELECT keyholder_id AS k, person_id AS p FROM keyholder_people').all() as { k: string; p: string }[];
  return { byKeyholder: new Map(rows.map((r) => [r.k, r.p])), byPerson: new Map(rows.map((r) => [r.p, r.k])) };
}

export function keyholderOfPerson(db: Db, personId: string): string | null {
  return (db.prepare('SELECT keyholder_id FROM keyholder_people WHERE person_id = ?').pluck().get(personId) as string | undefined) ?? null;
}
