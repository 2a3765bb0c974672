import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { DEFAULT_BACKUP_REMINDER_DAYS, type AccountKind } from '../../../shared/domain';
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
  rotationIntervalDays: number;
  kindIntervals: Partial<Record<AccountKind, number>>;
  rotationWarningDays: number;
  rotateAfterUse: boolean;
  rotateAfterUseHours: number;
  applyWindowHours: number;
  /** Issue 18: kept in `backup_settings` (migration 011), beside this row. */
  backupReminderDays: number;
}

/**
 * The part of the institution row that changes only through a co-signed request. A request made
 * before the backup reminder existed carries no `backupReminderDays`: approved now, it leaves it as is.
 */
export type InstitutionSettingsRow = Omit<Institution, 'name' | 'acronym' | 'emailDomains' | 'timeZone' | 'backupReminderDays'> & {
  backupReminderDays?: number | undefined;
};

const TABLE = 'institution';
const ROW_ID = '1';
const ref = (column: string, version: number): FieldRef => ({ table: TABLE, rowId: ROW_ID, column, version });

export function insertInstitution(
  db: Db,
  s: Sodium,
  key: Uint8Array,
  value: Pick<Institution, 'name' | 'acronym' | 'emailDomains' | 'timeZone' | 'idleLockMinutes' | 'clipboardSeconds'>,
  at: string,
): void {
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
  rotation_interval_days: number;
  rotation_warning_days: number;
  rotate_after_use: number;
  rotate_after_use_hours: number;
  apply_window_hours: number;
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
    rotationIntervalDays: r.rotation_interval_days,
    kindIntervals: kindIntervals(db),
    rotationWarningDays: r.rotation_warning_days,
    rotateAfterUse: r.rotate_after_use === 1,
    rotateAfterUseHours: r.rotate_after_use_hours,
    applyWindowHours: r.apply_window_hours,
    backupReminderDays: backupReminderDays(db),
  };
}

/** No row: no co-signed value yet, the default week (issue 18). */
function backupReminderDays(db: Db): number {
  const days = db.prepare('SELECT reminder_days FROM backup_settings WHERE id = 1').pluck().get() as number | undefined;
  return days ?? DEFAULT_BACKUP_REMINDER_DAYS;
}

function kindIntervals(db: Db): Partial<Record<AccountKind, number>> {
  const rows = db.prepare('SELECT kind, days FROM rotation_kind_intervals ORDER BY kind').all() as { kind: AccountKind; days: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.days]));
}

/** Writes the co-signed settings; the columns' CHECK constraints are the last line of defence. */
export function updateSettings(db: Db, v: InstitutionSettingsRow, at: string): void {
  db.prepare(
    `UPDATE institution SET policy_min_length = @policyMinLength, rotation_interval_days = @rotationIntervalDays,
       rotation_warning_days = @rotationWarningDays, rotate_after_use = @rotateAfterUse, rotate_after_use_hours = @rotateAfterUseHours,
       apply_window_hours = @applyWindowHours, clipboard_seconds = @clipboardSeconds, reveal_seconds = @revealSeconds,
       idle_lock_minutes = @idleLockMinutes, cosign_expiry_hours = @cosignExpiryHours, updated_at = @at
     WHERE id = 1`,
  ).run({ ...v, kindIntervals: undefined, backupReminderDays: undefined, rotateAfterUse: v.rotateAfterUse ? 1 : 0, at });
  db.prepare('DELETE FROM rotation_kind_intervals').run();
  const insert = db.prepare('INSERT INTO rotation_kind_intervals (kind, days) VALUES (?, ?)');
  for (const [kind, days] of Object.entries(v.kindIntervals)) insert.run(kind, days);
  if (v.backupReminderDays !== undefined && v.backupReminderDays !== backupReminderDays(db)) {
    db.prepare('INSERT INTO backup_settings (id, reminder_days) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET reminder_days = excluded.reminder_days').run(
      v.backupReminderDays,
    );
  }
}

/** Plaintext settings the shell needs while locked (idle lock applies to a locked vault too). */
export function readIdleLockMinutes(db: Db): number | undefined {
  const r = db.prepare('SELECT idle_lock_minutes FROM institution WHERE id = 1').get() as { idle_lock_minutes: number } | undefined;
  return r?.idle_lock_minutes;
}
