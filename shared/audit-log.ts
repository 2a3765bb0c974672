import { z } from 'zod';
import type { PersonRef } from './accounts';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions';
import { calendarDate } from './input';

/**
 * The audit log as a screen reads it (issue 13, «Registro de auditoría»): events newest first,
 * filtered and paged, each with its signature checked; and the same filter for the CSV export.
 */
export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 100;
/** The most rows one export returns; past it, `truncated` says so. */
export const AUDIT_EXPORT_MAX = 100_000;

/** An action of the catalogue, or a group of them by its leading words: `credential`, `credential.rotate`. */
export const isAuditActionOrGroup = (value: string): boolean => AUDIT_ACTIONS.some((a) => a === value || a.startsWith(`${value}.`));

const id = z.string().uuid();

export const auditFilter = z
  .object({
    /** Omitted: every action. An empty list selects none. */
    actions: z
      .array(
        z
          .string()
          .max(80)
          .refine(isAuditActionOrGroup, { params: { reason: 'invalid' } }),
      )
      .max(AUDIT_ACTIONS.length)
      .optional(),
    /** Who signed the event. */
    keyholderId: id.optional(),
    /** A person the event is about (a keyholder or a person of the staff registry). */
    personId: id.optional(),
    /** Events whose subjects name this account. */
    accountId: id.optional(),
    /** Calendar days in the institution's time zone, both inclusive. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], params: { reason: 'date' } });

export const auditListRequest = z
  .object({
    filter: auditFilter.optional(),
    /** Events strictly before this sequence number (the previous page's `nextBeforeSeq`). */
    beforeSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .strict();

export const auditCsvRequest = z.object({ filter: auditFilter.optional() }).strict();

export type AuditFilter = z.input<typeof auditFilter>;
export type AuditListRequest = z.input<typeof auditListRequest>;
export type AuditCsvRequest = z.input<typeof auditCsvRequest>;

/** Scalar facts of an event that a screen words (a version number, a channel, a count, a reason code); never a secret, never typed text. */
export type AuditEventFacts = Record<string, string | number | boolean | null>;

export interface AuditEventView {
  seq: number;
  at: string;
  /** Who signed it; null when the signer is no keyholder of this vault (an edited event, whose signature is then `invalid`). */
  actor: PersonRef | null;
  action: AuditAction;
  accountId: string | null;
  accountName: string | null;
  /** The keyholder or registry person the event is about, if any. */
  personId: string | null;
  personName: string | null;
  /** The co-signed request it belongs to, if any (a link to it). */
  requestId: string | null;
  facts: AuditEventFacts;
  /** The first 12 hex digits of the event's hash. */
  hashShort: string;
  /**
   * This event's Ed25519 signature by its actor, over its stored hash. Whether the chain holds as a
   * whole (hashes, order, the sealed head) is `audit.verify`'s answer, shown at the top of the screen.
   */
  signature: 'valid' | 'invalid';
}

export interface AuditPage {
  events: AuditEventView[];
  /** How many events match the filter (all pages). */
  matched: number;
  /** How many events the log holds. */
  total: number;
  /** The last event's hash, hex. */
  headHash: string;
  /** `beforeSeq` for the next (older) page, or null on the last one. */
  nextBeforeSeq: number | null;
}

/** Every matching event, newest first, for the renderer to word in its language and save as CSV. */
export interface AuditExport {
  /** A suggested name: `audit-<institution acronym>-<date in the institution's zone>.csv`, ASCII only. */
  fileName: string;
  rows: AuditEventView[];
  matched: number;
  /** More than AUDIT_EXPORT_MAX matched: only the newest are in `rows`. */
  truncated: boolean;
}
