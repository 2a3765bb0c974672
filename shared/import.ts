import { z } from 'zod';
import type { PlatformId } from './platforms';
import type { RuleId } from './rules';
import { optionalText, text } from './input';

/**
 * Import from a spreadsheet (issue 18, scope 3): the office's CSV of accounts and passwords, mapped
 * column by column, checked row by row (SEC-2, POL-1..3), and proposed as one co-signed request,
 * the «inventario inicial», that the Jefe de la Oficina authorizes as a whole (POL-5, LIFE-1).
 * Nothing a preview returns is a password or a TOTP seed: rows are named by their number.
 */

/** What a column may hold; `ignore` leaves it out. `totp`: a base32 secret or an otpauth:// URI. */
export const IMPORT_FIELDS = [
  'platform',
  'displayName',
  'handle',
  'profileUrl',
  'loginIdentifier',
  'linkedEmail',
  'password',
  'totp',
  'notes',
  'ignore',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The largest file taken (characters): a spreadsheet of thousands of accounts is far below it. */
export const CSV_MAX_CHARS = 2_000_000;
/** The most rows one import carries (one co-signed request). */
export const IMPORT_MAX_ROWS = 5000;
/** The most columns a mapping names. */
export const IMPORT_MAX_COLUMNS = 100;

export const CSV_DELIMITERS = ['auto', ',', ';'] as const;

/** One column: by its position (0 = the first) or by its header's text, and the field it holds. */
export const columnMapping = z
  .object({
    column: z.union([
      z
        .number()
        .int()
        .min(0)
        .max(IMPORT_MAX_COLUMNS - 1),
      text(200, 'line'),
    ]),
    field: z.enum(IMPORT_FIELDS),
  })
  .strict();
export type ColumnMapping = z.input<typeof columnMapping>;

const csvSource = {
  /** The file's text as read (UTF-8, a BOM tolerated). */
  text: z.string().min(1).max(CSV_MAX_CHARS),
  /** `auto`: comma or semicolon, whichever the first line has more of (spreadsheets in Spanish save with `;`). */
  delimiter: z.enum(CSV_DELIMITERS).default('auto'),
  /** The first row names the columns (it is row 1; the first account is row 2). */
  hasHeader: z.boolean(),
  mapping: z.array(columnMapping).max(IMPORT_MAX_COLUMNS),
};

/** `import.csvPreview`: parse and check, write nothing. An empty mapping only reads the columns (the screen's first step). */
export const csvPreviewRequest = z.object(csvSource).strict();
export type CsvPreviewRequest = z.input<typeof csvPreviewRequest>;

/** `import.csvPropose`: the same file and mapping, checked again; the importable rows become one request. */
export const csvProposeRequest = z.object({ ...csvSource, note: optionalText(500, 'multiline') }).strict();
export type CsvProposeRequest = z.input<typeof csvProposeRequest>;

/**
 * Why a row is refused or must be rotated at once. `malformed`: broken quoting (the row cannot be
 * read); `formula`: a cell starting with =, +, -, @, tab or CR (it would run as a formula when an
 * export is opened in a spreadsheet); `duplicate_in_file` / `duplicate_in_vault`: POL-3;
 * `password_policy`: POL-1 or POL-2, imported but «rotar ya»; `shared_password`: the first of rows
 * sharing one password, imported but «rotar ya» (POL-3).
 */
export const IMPORT_REASONS = [
  'malformed',
  'formula',
  'platform_missing',
  'platform_unknown',
  'name_missing',
  'invalid_text',
  'invalid_url',
  'email_required',
  'free_email',
  'not_institutional_email',
  'linked_email_unknown',
  'duplicate_in_file',
  'duplicate_in_vault',
  'totp_invalid',
  'password_policy',
  'shared_password',
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

/** One problem of a row: which field, why, the rule that judges it, and what the message needs (never a secret). */
export interface ImportProblem {
  field: ImportField | null;
  reason: ImportReason;
  rule: RuleId | null;
  /** E.g. the row of the first use of a duplicated password, the domain refused, the policy's own reason. */
  details: Record<string, string | number>;
}

/** `ok`: imported as is; `rotate_now`: imported, its password due at once («rotar ya»); `refused`: left out. */
export type ImportVerdict = 'ok' | 'rotate_now' | 'refused';

export interface ImportRowView {
  /** As the spreadsheet shows it: the header is row 1. */
  row: number;
  verdict: ImportVerdict;
  problems: ImportProblem[];
  /** What the row would become (typed names, never a secret); null when it could not be read. */
  account: { platform: PlatformId | null; displayName: string | null; withPassword: boolean; withTotp: boolean } | null;
}

export interface ImportColumnView {
  index: number;
  /** The header's text (null without a header row). */
  header: string | null;
  /** What the header's words suggest, for the mapping screen's first guess. */
  suggested: ImportField;
}

export interface ImportCounts {
  rows: number;
  ok: number;
  rotateNow: number;
  refused: number;
  withPassword: number;
  withTotp: number;
}

export interface CsvPreview {
  delimiter: ',' | ';';
  columns: ImportColumnView[];
  rows: ImportRowView[];
  counts: ImportCounts;
}

export interface CsvProposal {
  requestId: string;
  /** The accounts «en trámite», one per importable row, in row order. */
  accountIds: string[];
  preview: CsvPreview;
}
