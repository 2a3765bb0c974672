import { z } from 'zod';
import type { KeyholderRole } from './domain';

/**
 * Encrypted backups of the whole vault (issue 18, scope 1 and 2; MITIC 678/2022 §6.1.4 keeps the
 * office's information). The file format is described in docs/decisions/0008-backup-file-format.md.
 * Paths never cross IPC: the main process asks the system's save or open dialog, and a chosen file
 * is then named by a handle it issued.
 */
export const BACKUP_FORMAT = 'custodia-backup/1';
/** The suggested file name ends so; the open dialog filters on it. */
export const BACKUP_EXTENSION = 'custodia';

const handle = z.string().uuid();

export const backupCreateRequest = z.object({}).strict();
/** Opens the system's open dialog; the chosen file is inspected without any passphrase. */
export const backupInspectRequest = z.object({}).strict();
/** Any keyholder of that backup, with the passphrase they had when it was made. */
export const backupOpenRequest = z.object({ handle, keyholderId: z.string().uuid(), passphrase: z.string().min(1).max(1024) }).strict();
/** Installs the backup opened and checked under this handle, on a workstation without a vault. */
export const backupRestoreRequest = z.object({ handle }).strict();

/** A chain head: its sequence number, its hash (hex) and the short form people write on paper. */
export interface BackupChainHead {
  seq: number;
  hash: string;
  short: string;
}

/** What the header says, checkable without any passphrase (its signature and the body's digest). */
export interface BackupFacts {
  format: string;
  createdAt: string;
  /** The vault's identity (vault_meta.vault_id): a backup of another institution's vault has another. */
  vaultId: string;
  chainHead: BackupChainHead;
  /** Rows per table in the snapshot, every table the vault has (new tables need no code here). */
  counts: Record<string, number>;
  /** The keyholders who can open it: each with the passphrase they had then. */
  keyholders: { id: string; role: KeyholderRole; fingerprint: string }[];
  signer: { keyholderId: string; fingerprint: string };
  bytes: number;
}

export type BackupSaved = { saved: false } | ({ saved: true; file: string } & BackupCreated);

export interface BackupCreated {
  createdAt: string;
  /** The head the snapshot holds: the last event before the backup's own «backup.created». */
  chainHead: BackupChainHead;
  counts: Record<string, number>;
  bytes: number;
}

/** `sameVault`: a vault is open here and the backup is of it (null: no vault on this workstation). */
export type BackupInspection = { chosen: false } | { chosen: true; handle: string; file: string; facts: BackupFacts; sameVault: boolean | null };

/** What the restore screen shows before installing: the restored vault's own figures next to the header's. */
export interface BackupOpened {
  handle: string;
  institution: { name: string; acronym: string };
  createdAt: string;
  header: BackupChainHead;
  /** The chain head the restored file holds, after its whole audit chain and every row were verified. */
  restored: BackupChainHead;
  counts: Record<string, number>;
  events: number;
  /** Whether this workstation has no vault (install is possible) or has one (replacing it is a co-signed request, not done yet). */
  installable: boolean;
}

export interface BackupInstalled {
  installed: true;
  chainHead: BackupChainHead;
}
