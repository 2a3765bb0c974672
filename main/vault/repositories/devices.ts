import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openText, sealText, type FieldRef } from '../fields';
import type { TwoStepMethod } from '../../../shared/totp';

/** The office's phones: label, number and notes sealed; ownership and holder in clear (structure). */
export interface DeviceRecord {
  id: string;
  label: string;
  number: string;
  holderKeyholderId: string | null;
  holderPersonId: string | null;
  institutionOwned: boolean;
  notes: string | null;
  createdBy: string;
  createdAt: string;
}

const VERSION = 1;
const ref = (id: string, column: string): FieldRef => ({ table: 'devices', rowId: id, column, version: VERSION });

export function insertDevice(db: Db, s: Sodium, key: Uint8Array, d: DeviceRecord): void {
  db.prepare(
    `INSERT INTO devices (id, version, label, number, holder_keyholder_id, holder_person_id, institution_owned, notes, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    VERSION,
    sealText(s, key, ref(d.id, 'label'), d.label),
    sealText(s, key, ref(d.id, 'number'), d.number),
    d.holderKeyholderId,
    d.holderPersonId,
    d.institutionOwned ? 1 : 0,
    d.notes === null ? null : sealText(s, key, ref(d.id, 'notes'), d.notes),
    d.createdBy,
    d.createdAt,
  );
}

interface Raw {
  id: string;
  label: Buffer;
  number: Buffer;
  holder_keyholder_id: string | null;
  holder_person_id: string | null;
  institution_owned: number;
  notes: Buffer | null;
  created_by: string;
  created_at: string;
}

export function listDevices(db: Db, s: Sodium, key: Uint8Array): DeviceRecord[] {
  return (db.prepare('SELECT * FROM devices ORDER BY created_at').all() as Raw[]).map((r) => ({
    id: r.id,
    label: openText(s, key, ref(r.id, 'label'), r.label),
    number: openText(s, key, ref(r.id, 'number'), r.number),
    holderKeyholderId: r.holder_keyholder_id,
    holderPersonId: r.holder_person_id,
    institutionOwned: r.institution_owned === 1,
    notes: r.notes === null ? null : openText(s, key, ref(r.id, 'notes'), r.notes),
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export const deviceExists = (db: Db, id: string): boolean => db.prepare('SELECT 1 FROM devices WHERE id = ?').get(id) !== undefined;

/** An account's second step: method, recovery phone (a device) and recovery e-mail (sealed). */
export interface TwoStepRecord {
  method: TwoStepMethod;
  recoveryDeviceId: string | null;
  recoveryEmail: string | null;
  updatedBy: string;
  updatedAt: string;
}

const emailRef = (accountId: string, version: number): FieldRef => ({ table: 'account_two_step', rowId: accountId, column: 'recovery_email', version });

export function putTwoStep(db: Db, s: Sodium, key: Uint8Array, accountId: string, t: TwoStepRecord): void {
  const version = ((db.prepare('SELECT version FROM account_two_step WHERE account_id = ?').pluck().get(accountId) as number | undefined) ?? 0) + 1;
  db.prepare(
    `INSERT INTO account_two_step (account_id, version, method, recovery_device_id, recovery_email, updated_by, updated_at)
     VALUES (@accountId, @version, @method, @recoveryDeviceId, @email, @updatedBy, @updatedAt)
     ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, method = excluded.method, recovery_device_id = excluded.recovery_device_id,
       recovery_email = excluded.recovery_email, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run({ ...t, accountId, version, email: t.recoveryEmail === null ? null : sealText(s, key, emailRef(accountId, version), t.recoveryEmail) });
}

export function readTwoStep(db: Db, s: Sodium, key: Uint8Array, accountId: string): TwoStepRecord | undefined {
  const r = db.prepare('SELECT * FROM account_two_step WHERE account_id = ?').get(accountId) as
    | { version: number; method: TwoStepMethod; recovery_device_id: string | null; recovery_email: Buffer | null; updated_by: string; updated_at: string }
    | undefined;
  if (!r) return undefined;
  return {
    method: r.method,
    recoveryDeviceId: r.recovery_device_id,
    recoveryEmail: r.recovery_email === null ? null : openText(s, key, emailRef(accountId, r.version), r.recovery_email),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}
