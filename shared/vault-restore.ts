import { z } from 'zod';
import { optionalText } from './input';
import type { BackupChainHead } from './backup';

/**
 * Replacing this vault with a backup of it (issue 18, scope 2): a co-signed «vault.restore». The
 * file is chosen in main's open dialog (no path crosses IPC); the head authorizes; then the
 * keyholder at the workstation performs it with their passphrase of the backup's time.
 */
export const replaceProposeRequest = z.object({ note: optionalText(500, 'multiline') }).strict();
export const replaceStatusRequest = z.object({}).strict();
export const replacePerformRequest = z.object({ requestId: z.string().uuid(), passphrase: z.string().min(1).max(1024) }).strict();

export type ReplaceProposed = { chosen: false } | { chosen: true; requestId: string; file: string };

/** An authorized replacement waiting to be performed: the backup it names. */
export interface ReplaceAuthorized {
  requestId: string;
  file: string;
  createdAt: string;
  head: BackupChainHead;
}

export interface ReplaceStatus {
  authorized: ReplaceAuthorized[];
}

/** Performed: the file the replaced vault is kept under (in the vault's folder), and the restored chain head. The session has ended. */
export interface VaultReplaced {
  replaced: true;
  aside: string;
  chainHead: BackupChainHead;
}
