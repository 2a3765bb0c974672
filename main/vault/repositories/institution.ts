import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openJson, openText, sealJson, sealText, type FieldRef } from '../fields';

export interface Institution {
  name: string;
  acronym: string;
  emailDomains: string[];
  timeZone: string;
  idleLockMinutes: number;
  clipboardSeconds: number;
  cosignExpiryHours: number;
  revealSeconds: number;
  policyMinLength: number;
}

const TABLE = 'institution';
const ROW_ID = '1';
const ref = (column: string, version: number): FieldRef => ({ table: TABLE, rowId: ROW_ID, column, version });

export function insertInstitution(db: Db, s: Sodium, key: Uint8Array, value: Omit<Institution, 'cosignExpiryHours' | 'revealSeconds' | 'policyMinLength'>, at: string): void {
  const version = 1;
  db.prepare(
    `INSERT INTO institution (id, version, name, acronym, email_domains, time_zone, idle_lock_minutes, clipboard_seconds, created_at, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    version,
    sealText(s, key, ref('name', version), value.name),
    sealText(s, key, ref('acronym', version), value.acronym),
    sealJson(s, key, ref('email_domains', version), value.emailDomains),
    sealText(s, key, ref('time_zone', version), value.timeZone),
    value.idleLockMinutes,
    value.clipboardSeconds,
    at,
    at,
  );
}

interface RawInstitution {
  version: number;
  name: Buffer;
  acronym: Buffer;
  email_domains: Buffer;
  time_zone: Buffer;
  idle_lock_minutes: number;
  clipboard_seconds: number;
  cosign_expiry_hours: number;
  reveal_seconds: number;
  policy_min_length: number;
}

export function readInstitution(db: Db, s: Sodium, key: Uint8Array): Institution | undefined {
  const r = db.prepare('SELECT * FROM institution WHERE id = 1').get() as RawInstitution | undefined;
  if (!r) return undefined;
  return {
    name: openText(s, key, ref('name', r.version), r.name),
    acronym: openText(s, key, ref('acronym', r.version), r.acronym),
    emailDomains: openJson<string[]>(s, key, ref('email_domains', r.version), r.email_domains),
    timeZone: openText(s, key, ref('time_zone', r.version), r.time_zone),
    idleLockMinutes: r.idle_lock_minutes,
    clipboardSeconds: r.clipboard_seconds,
    cosignExpiryHours: r.cosign_expiry_hours,
    revealSeconds: r.reveal_seconds,
    policyMinLength: r.policy_min_length,
  };
}

/** Plaintext settings the shell needs while locked (idle lock applies to a locked vault too). */
export function readIdleLockMinutes(db: Db): number | undefined {
  const r = db.prepare('SELECT idle_lock_minutes FROM institution WHERE id = 1').get() as { idle_lock_minutes: number } | undefined;
  return r?.idle_lock_minutes;
}
