import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { lastEvent } from '../../../vault/audit/log';
import type { Db } from '../../../vault/db';
import { tableCounts } from '../../backup/snapshot';
import { paperForm } from '../../integrity/integrity';
import type { BasePayload, InstitutionChangeKind } from '../change-kind';

/**
 * Replacing this vault with a backup of it (issue 18, scope 2): the administrator chooses the file
 * (main's open dialog) and asks; the head authorizes it (POL-5, never one's own request) seeing the
 * backup's facts next to the current vault's; then a keyholder performs it with their passphrase of
 * the backup's time (VaultReplaceService), the current file kept aside, never deleted.
 *
 * The request records the backup as inspected (its whole-file digest, creation, chain head, counts)
 * and the path main's dialog chose, sealed with the payload: the renderer never names a file, and a
 * file changed after the head's authorization is refused by its digest.
 */
const count = z.number().int().nonnegative();
const backupFacts = z.object({
  /** BLAKE2b-512 of every byte of the file, hex. */
  digest: z.string().regex(/^[0-9a-f]{128}$/),
  createdAt: z.string(),
  seq: count,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  records: count,
  accounts: count,
  file: z.string(),
});
const payload = z.object({
  note: z.string().nullable(),
  backup: backupFacts,
  /** Chosen in main's open dialog; sealed, shown only by its base name. */
  path: z.string().min(1),
  /** The chain head in force when proposed: the head compares it with the backup's. */
  current: z.object({ seq: count, hash: z.string() }),
});
export type VaultRestorePayload = z.infer<typeof payload> & BasePayload;

const records = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The vault in use, as the request shows it next to the backup. */
export function currentState(db: Db): { seq: number; hash: string; records: number; accounts: number } {
  const head = lastEvent(db);
  const counts = tableCounts(db);
  return { seq: head.seq, hash: Buffer.from(head.hash).toString('hex'), records: records(counts), accounts: counts.accounts ?? 0 };
}

export const vaultRestore: InstitutionChangeKind<'vault.restore', VaultRestorePayload> = {
  id: 'vault.restore',
  scope: 'institution',
  payload,
  digestFields: (p) => ({ note: p.note, backup: p.backup, path: p.path, current: p.current }),
  checks: {
    // A backup is of this vault's past: a chain head beyond the current one is not a backup of it.
    request({ db }, p) {
      if (p.backup.seq > lastEvent(db).seq) throw new CustodiaError('BACKUP_FOREIGN', { reason: 'ahead' });
    },
  },
  describe: (p, { db }) => {
    const now = currentState(db);
    return {
      kind: 'vault.restore',
      backup: {
        createdAt: p.backup.createdAt,
        seq: p.backup.seq,
        head: paperForm(p.backup.hash),
        records: p.backup.records,
        accounts: p.backup.accounts,
        file: p.backup.file,
      },
      current: { createdAt: null, seq: now.seq, head: paperForm(now.hash), records: now.records, accounts: now.accounts },
    };
  },
  // Nothing changes at the approval: the replacement is performed afterwards, with a passphrase of the backup. The
  // approval names the file's digest, so the head's signed event says which backup was authorized.
  apply: (_ctx, p) => ({ backup: p.backup.digest }),
};
