import type { Db } from '../db';

/** A KeePass export the head authorized (issue 18): performed once, by the keyholder who asked for it. */
export interface VaultExportGrant {
  requestId: string;
  requestedBy: string;
  authorizedBy: string;
  authorizedAt: string;
  performedBy: string | null;
  performedAt: string | null;
}

export function insertVaultExport(db: Db, g: Omit<VaultExportGrant, 'performedBy' | 'performedAt'>): void {
  db.prepare(
    `INSERT INTO vault_exports (request_id, requested_by, authorized_by, authorized_at)
     VALUES (@requestId, @requestedBy, @authorizedBy, @authorizedAt)`,
  ).run(g);
}

export function findVaultExport(db: Db, requestId: string): VaultExportGrant | undefined {
  return db
    .prepare(
      `SELECT request_id AS requestId, requested_by AS requestedBy, authorized_by AS authorizedBy, authorized_at AS authorizedAt,
              performed_by AS performedBy, performed_at AS performedAt
         FROM vault_exports WHERE request_id = ?`,
    )
    .get(requestId) as VaultExportGrant | undefined;
}

/** The exports authorized for this keyholder and not performed yet, newest first. */
export function openVaultExports(db: Db, keyholderId: string): VaultExportGrant[] {
  return db
    .prepare(
      `SELECT request_id AS requestId, requested_by AS requestedBy, authorized_by AS authorizedBy, authorized_at AS authorizedAt,
              performed_by AS performedBy, performed_at AS performedAt
         FROM vault_exports WHERE requested_by = ? AND performed_at IS NULL ORDER BY authorized_at DESC`,
    )
    .all(keyholderId) as VaultExportGrant[];
}

/** Marks the export performed; false when it already was (a second perform is refused). */
export function markVaultExportPerformed(db: Db, requestId: string, performedBy: string, performedAt: string): boolean {
  return (
    db
      .prepare('UPDATE vault_exports SET performed_by = ?, performed_at = ? WHERE request_id = ? AND requested_by = ? AND performed_at IS NULL')
      .run(performedBy, performedAt, requestId, performedBy).changes === 1
  );
}

export interface ExportExposure {
  id: string;
  requestId: string;
  keyholderId: string;
  accountId: string;
  item: 'password' | 'seed';
  credentialVersionId: string | null;
  seedVersion: number | null;
  at: string;
}

export function insertExportExposure(db: Db, e: ExportExposure): void {
  db.prepare(
    `INSERT INTO export_exposures (id, request_id, keyholder_id, account_id, item, credential_version_id, seed_version, at)
     VALUES (@id, @requestId, @keyholderId, @accountId, @item, @credentialVersionId, @seedVersion, @at)`,
  ).run(e);
}
