import { z } from 'zod';
import { optionalText } from './input';

/**
 * Export (issue 18, scope 5). A KeePass file (KDBX 4, Argon2id, the passphrase chosen when it is
 * written) holds every current password and TOTP seed: it is a co-signed request (POL-5), performed
 * once by the keyholder who asked for it; each secret it holds is recorded as an exposure of that
 * keyholder (HAND-3). The inventory is a spreadsheet (CSV) of the accounts without any secret. Paths
 * never cross IPC: main asks the system's save dialog.
 */
export const KDBX_EXTENSION = 'kdbx';
export const CSV_EXTENSION = 'csv';
/** A KeePass passphrase is typed, never pasted in bulk: a generous bound, refused beyond it as any hostile payload. */
export const EXPORT_PASSPHRASE_MAX = 1024;

const id = z.string().uuid();

/** Why, for whom («copia para el auditor»): shown with the request, sealed in the vault. */
export const exportProposeRequest = z.object({ note: optionalText(500, 'multiline') }).strict();
export const exportStatusRequest = z.object({}).strict();
/** The passphrase twice, as typed in the screen; main checks both and POL-1, then asks where to save. */
export const exportKdbxRequest = z
  .object({
    requestId: id,
    passphrase: z.string().min(1).max(EXPORT_PASSPHRASE_MAX),
    confirm: z.string().min(1).max(EXPORT_PASSPHRASE_MAX),
  })
  .strict();
export const exportInventoryRequest = z.object({}).strict();

/** An export the head authorized for this keyholder, not performed yet. */
export interface ExportGrantView {
  requestId: string;
  authorizedAt: string;
  /** The request's validity: past it the export is refused. */
  expiresAt: string;
}

export interface ExportStatus {
  /** Authorized exports waiting for this keyholder to perform them, newest first. */
  ready: ExportGrantView[];
  /** This keyholder's own export request awaiting the head, if any. */
  pending: { requestId: string; expiresAt: string } | null;
  /** POL-1's minimum length: the KeePass passphrase is at least as long as a password. */
  minLength: number;
}

export interface ExportCounts {
  accounts: number;
  passwords: number;
  seeds: number;
}

export type ExportKdbxResult = { saved: false } | ({ saved: true; file: string } & ExportCounts);
export type ExportInventoryResult = { saved: false } | { saved: true; file: string; accounts: number };
