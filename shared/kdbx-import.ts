import { z } from 'zod';
import { PLATFORM_IDS } from './platforms';
import type { CsvProposal, ImportCounts, ImportRowView } from './import';
import { optionalText, text } from './input';

/**
 * Import from KeePass (issue 18, scope 4): the office's KDBX 4 file, opened with its own
 * passphrase, each entry made the draft a spreadsheet row becomes and judged by the same checks
 * (SEC-2, POL-1..3 «rotar ya», TOTP), proposed as the same co-signed «inventario inicial» (POL-5).
 * The passphrase and the file's bytes are never logged, echoed or kept.
 */

/** The largest KDBX file taken (bytes): thousands of entries with history are far below it. */
export const KDBX_MAX_BYTES = 16 * 1024 * 1024;
const BASE64_MAX = Math.ceil(KDBX_MAX_BYTES / 3) * 4;

/** One group of the file (its path under the root, «Redes/Prensa») and the platform its entries take. */
export const kdbxGroupPlatform = z.object({ group: text(500, 'line'), platform: z.enum(PLATFORM_IDS) }).strict();

const kdbxSource = {
  /** The file's bytes, base64 (the renderer reads the file the person chose). */
  file: z
    .string()
    .min(4)
    .max(BASE64_MAX)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  /** The KDBX file's own passphrase (not a keyholder's). */
  passphrase: z.string().min(1).max(1024),
  /** The platform of every entry of a group (and of its subgroups, the nearest group winning). */
  groupPlatforms: z.array(kdbxGroupPlatform).max(200).default([]),
  /** The platform of an entry whose group, URL and title say none; without it such an entry is refused («platform_unknown»). */
  defaultPlatform: z.enum(PLATFORM_IDS).optional(),
};

/** `import.kdbxPreview`: open, read and check every entry; write nothing. */
export const kdbxPreviewRequest = z.object(kdbxSource).strict();
export type KdbxPreviewRequest = z.input<typeof kdbxPreviewRequest>;

/** `import.kdbxPropose`: the same file, opened and checked again; the importable entries become one request. */
export const kdbxProposeRequest = z.object({ ...kdbxSource, note: optionalText(500, 'multiline') }).strict();
export type KdbxProposeRequest = z.input<typeof kdbxProposeRequest>;

/** A row is an entry: `row` is its running number in the file's order, `label` its group path and title. */
export interface KdbxRowView extends ImportRowView {
  label: string;
}

export interface KdbxPreview {
  /** The file's format, e.g. «4.0». */
  version: string;
  /** Every group holding entries (paths under the root), for the screen's group → platform choice. */
  groups: { path: string; entries: number }[];
  rows: KdbxRowView[];
  counts: ImportCounts;
}

export interface KdbxProposal extends Omit<CsvProposal, 'preview'> {
  preview: KdbxPreview;
}
