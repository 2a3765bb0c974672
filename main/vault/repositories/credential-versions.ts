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
  appliedAt: string;
}

export interface NewCredentialVersion extends CredentialVersionMeta {
  secret: string;
  fingerprint: Uint8Array;
}

const secretRef = (id: string): FieldRef => ({ table: 'credential_versions', rowId: id, column: 'secret', version: 1 });

const META_COLUMNS = `id, account_id AS accountId, n, reason, change_request_id AS changeRequestId, proposed_by AS proposedBy,
  proposed_at AS proposedAt, authorized_by AS authorizedBy, authorized_at AS authorizedAt, applied_at AS appliedAt`;

export function insertCredentialVersion(db: Db, s: Sodium, key: Uint8Array, v: NewCredentialVersion): void {
  db.prepare(
    `INSERT INTO credential_versions (id, account_id, n, secret, fingerprint, reason, change_request_id, proposed_by, proposed_at,
       authorized_by, authorized_at, applied_at)
     VALUES (@id, @accountId, @n, @sealed, @fingerprint, @reason, @changeRequestId, @proposedBy, @proposedAt,
       @authorizedBy, @authorizedAt, @appliedAt)`,
  ).run({ ...v, secret: undefined, sealed: sealText(s, key, secretRef(v.id), v.secret) });
}

export function nextVersionNumber(db: Db, accountId: string): number {
  return ((db.prepare('SELECT max(n) AS n FROM credential_versions WHERE account_id = ?').get(accountId) as { n: number | null }).n ?? 0) + 1;
}

/** The current version is the last applied one. */
export function currentVersion(db: Db, accountId: string): CredentialVersionMeta | undefined {
  return db.prepare(`SELECT ${META_COLUMNS} FROM credential_versions WHERE account_id = ? ORDER BY applied_at DESC, n DESC LIMIT 1`).get(accountId) as
    | CredentialVersionMeta
    | undefined;
}

export function currentVersionNumbers(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT account_id AS accountId, max(n) AS n FROM credential_versions GROUP BY account_id').all() as { accountId: string; n: number }[];
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
    .all({ accountId: f.accountId ?? null, keyholderId: f.keyholderId ?? null, reason: f.reason ?? null, from: f.from ?? null, to: f.to ?? null }) as CredentialVersionMeta[];
}

export function openSecret(db: Db, s: Sodium, key: Uint8Array, versionId: string): string {
  const row = db.prepare('SELECT secret FROM credential_versions WHERE id = ?').get(versionId) as { secret: Buffer };
  return openText(s, key, secretRef(versionId), row.secret);
}

export function insertExposure(db: Db, e: { id: string; credentialVersionId: string; keyholderId: string; how: ExposureKind; at: string }): void {
  db.prepare('INSERT INTO exposures (id, credential_version_id, keyholder_id, how, at) VALUES (@id, @credentialVersionId, @keyholderId, @how, @at)').run(e);
}
