import { z } from 'zod';
import { insertVaultExport } from '../../../vault/repositories/vault-exports';
import type { InstitutionChangeKind, BasePayload } from '../change-kind';
import { exportCounts } from '../../export/entries';

/**
 * Exporting the vault as a KeePass file (issue 18, scope 5): the administrator asks (why, for whom:
 * «copia para el auditor»), the head authorizes (POL-5, never one's own request); the proposer then
 * performs it once, within the request's validity, choosing the file's passphrase (ExportService).
 * Approving writes only the grant: no secret leaves the vault until the proposer performs it.
 */
export const vaultExport: InstitutionChangeKind<'vault.export', BasePayload> = {
  id: 'vault.export',
  scope: 'institution',
  payload: z.object({ note: z.string().nullable() }),
  digestFields: ({ note }) => ({ note }),
  describe: (_p, { db }) => ({ kind: 'vault.export', ...exportCounts(db) }),
  apply({ db, request, approver, now }) {
    insertVaultExport(db, { requestId: request.id, requestedBy: request.proposedBy, authorizedBy: approver.keyholderId, authorizedAt: now });
    return { export: request.id };
  },
};
