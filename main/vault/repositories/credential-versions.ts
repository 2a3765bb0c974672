import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openText, sealText, type FieldRef } from '../fields';
import type { ChangeReason, ExposureKind } from '../../../shared/domain';

/** Credential versions: the secret sealed, its keyed fingerprint in clear for indexed uniqueness checks. */
export interface CredentialVersionMeta {
  id: string;
  accountId: string;
  n: number;
  reason: ChangeReason;
  changeRequestId: string;
  proposedBy: string;
  proposedAt: string;
  authorizedBy: string;
  authorizedAt: string;
  /** Until then the authorized version waits to be changed on the platform (flagged after it). */
  applyBy: string;
  appliedBy: string | null;
  appliedAt: string | null;
  /** POL-4's scheduled due date, set when applied and recomputed when the settings change. */
  dueAt: string | null;
}

export interface NewCredentialVersion extends Omit<CredentialVersionMeta, 'appliedBy' | 'appliedAt' | 'dueAt'> {
  secret: string;
  fingerprint: Uint8Array;
}

const secretRef = (id: string): FieldRef => ({ table: 'credential_versions', rowId: id, column: 'secret', version: 1 });

const META_COLUMNS = `id, account_id AS accountId, n, reason, change_request_id AS changeRequestId, proposed_by AS proposedBy,
  proposed_at AS proposedAt, authorized_by AS authorizedBy, authorized_at AS authorizedAt, apply_by AS applyBy,
  applied_by AS appliedBy, applied_at AS appliedAt, due_at AS dueAt`;

export function insertCredentialVersion(db: Db, s: Sodium, key: Uint8Array, v: NewCredentialVersion): void {
  db.prepare(
    `INSERT INTO credential_versions (id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at,
       authorized_by, authorized_at, apply_by)
     VALUES (@id, @accountId, @n, @sealed, @fingerprint, @reason, @changeRequestId, @proposedBy, @proposedAt,
       @authorizedBy, @authorizedAt, @applyBy)`,
  ).run({ ...v, secret: undefined, sealed: sealText(s, key, secretRef(v.id), v.secret) });
}

export function nextVersionNumber(db: Db, accountId: string): number {
  return ((db.prepare('SELECT max(n) AS n FROM credential_versions WHERE account_id = ?').get(accountId) as { n: number | null }).n ?? 0) + 1;
}

/** The current version is the one last confirmed as applied on the platform. */
export function currentVersion(db: Db, accountId: string): CredentialVersionMeta | undefined {
  return db.prepare(`SELECT ${META_COLUMNS} FROM credential_versions WHERE id = (SELECT current_version_id FROM accounts WHERE id = ?)`).get(accountId) as
    CredentialVersionMeta | undefined;
}

/** The version authorized by the head and not yet confirmed as applied; at most one per account. */
export function unappliedVersion(db: Db, accountId: string): CredentialVersionMeta | undefined {
  return db.prepare(`SELECT ${META_COLUMNS} FROM credential_versions WHERE account_id = ? AND applied_at IS NULL`).get(accountId) as
    CredentialVersionMeta | undefined;
}

/** Confirms a version as applied on the platform and makes it the account's current one. */
export function markApplied(db: Db, v: { id: string; accountId: string; appliedBy: string; appliedAt: string; dueAt: string }): void {
  db.prepare('UPDATE credential_versions SET applied_by = @appliedBy, applied_at = @appliedAt, due_at = @dueAt WHERE id = @id AND applied_at IS NULL').run(v);
  db.prepare('UPDATE accounts SET current_version_id = @id, due_at = @dueAt, updated_at = @appliedAt WHERE id = @accountId').run(v);
}

/** Moves the due date of an account's current version (the version keeps it as history, the account for the dashboard). */
export function setDueAt(db: Db, versionId: string, dueAt: string): void {
  db.prepare('UPDATE credential_versions SET due_at = ? WHERE id = ?').run(dueAt, versionId);
  db.prepare('UPDATE accounts SET due_at = ? WHERE current_version_id = ?').run(dueAt, versionId);
}

export function currentVersionNumbers(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT a.id AS accountId, v.n AS n FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id').all() as {
    accountId: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.accountId, r.n]));
}

export function versionsOf(db: Db, accountId: string): CredentialVersionMeta[] {
  return db.prepare(`SELECT ${META_COLUMNS} FROM credential_versions WHERE account_id = ? ORDER BY n DESC`).all(accountId) as CredentialVersionMeta[];
}

export interface HistoryFilter {
  accountId?: string | undefined;
  keyholderId?: string | undefined;
  reason?: ChangeReason | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Dates filter on the authorization instant; `to` is inclusive of that whole day (UTC date strings). */
export function versionHistory(db: Db, f: HistoryFilter): CredentialVersionMeta[] {
  return db
    .prepare(
      `SELECT ${META_COLUMNS} FROM credential_versions
       WHERE (@accountId IS NULL OR account_id = @accountId)
         AND (@keyholderId IS NULL OR proposed_by = @keyholderId OR authorized_by = @keyholderId)
         AND (@reason IS NULL OR reason = @reason)
         AND (@from IS NULL OR authorized_at >= @from)
         AND (@to IS NULL OR authorized_at < date(@to, '+1 day'))
       ORDER BY authorized_at DESC, n DESC`,
    )
    .all({
      accountId: f.accountId ?? null,
      keyholderId: f.keyholderId ?? null,
      reason: f.reason ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
    }) as CredentialVersionMeta[];
}

export function openSecret(db: Db, s: Sodium, key: Uint8Array, versionId: string): string {
  const row = db.prepare('SELECT secret FROM credential_versions WHERE id = ?').get(versionId) as { secret: Buffer };
  return openText(s, key, secretRef(versionId), row.secret);
}

/** An exposure is to a keyholder (a reveal or copy) or to a person (a delivery, POL-6), never both. */
export type NewExposure = { id: string; credentialVersionId: string; how: ExposureKind; at: string } & (
  { keyholderId: string; personId?: undefined; recordedBy?: undefined } | { keyholderId?: undefined; personId: string; recordedBy: string }
);

export function insertExposure(db: Db, e: NewExposure): void {
  db.prepare(
    `INSERT INTO exposures (id, credential_version_id, keyholder_id, person_id, recorded_by, how, at)
     VALUES (@id, @credentialVersionId, @keyholderId, @personId, @recordedBy, @how, @at)`,
  ).run({ ...e, keyholderId: e.keyholderId ?? null, personId: e.personId ?? null, recordedBy: e.recordedBy ?? null });
}
