import { z } from 'zod';
import { email, optionalText, text } from './input';
import { ACCOUNT_KINDS, type AccountKind, type DeliveryChannel, type RotationStatus } from './domain';
import type { PlatformId } from './platforms';
import type { PersonRef } from './accounts';

/** POL-4 rotation, the settings that govern it, and POL-6 distribution: requests and views. */
const id = z.string().uuid();
const count = z.number().int();

/**
 * Every setting a co-signed "settings.update" request carries. The schema only checks shapes;
 * bounds are the domain's (main/domain/settings.ts) so that a value out of range gets an error
 * naming the setting, its bounds and its rule.
 */
export const institutionSettings = z
  .object({
    policyMinLength: count,
    rotationIntervalDays: count,
    kindIntervals: z.partialRecord(z.enum(ACCOUNT_KINDS), count),
    rotationWarningDays: count,
    rotateAfterUse: z.boolean(),
    rotateAfterUseHours: count,
    applyWindowHours: count,
    clipboardSeconds: count,
    revealSeconds: count,
    idleLockMinutes: count,
    cosignExpiryHours: count,
    backupReminderDays: count,
  })
  .strict();
export type InstitutionSettings = z.infer<typeof institutionSettings>;
export type SettingKey = keyof InstitutionSettings;

export const proposeSettingsRequest = z.object({ settings: institutionSettings, note: optionalText(500, 'multiline') }).strict();

export const accountRefWithStage = z.object({ accountId: id, stage: z.enum(['current', 'authorized']).optional() }).strict();

/** An address's shape here; whether its domain is the institution's, in main (EMAIL_DOMAIN_INVALID names the domain). */
export const personInput = z.object({ name: text(200, 'identifier'), email: email() }).strict();
export const recipientRequest = z.object({ accountId: id, personId: id }).strict();
/** The channel is any text here so that a refused one (a messaging app) gets POL-6's own error. */
export const deliveryRequest = z.object({ accountId: id, personId: id, channel: text(40, 'identifier') }).strict();

/** Where one account stands against POL-4. */
export interface AccountDeadline {
  status: RotationStatus;
  /** Effective due date (schedule, or sooner after use when rotate-after-use is on). */
  dueAt: string | null;
  /** The first reveal or copy after the version was applied moved the due date. */
  dueAfterUse: boolean;
  /** An authorized version waits to be applied on the platform; `late` once its window has passed. */
  awaitingApply: { versionN: number; applyBy: string; late: boolean } | null;
}

export interface DashboardRow extends AccountDeadline {
  accountId: string;
  displayName: string;
  platform: PlatformId;
  kind: AccountKind;
  pendingRequest: boolean;
}

/** One platform's line of the board: a missing password is its own column, not an overdue one. */
export interface PlatformDeadlines {
  platform: PlatformId;
  total: number;
  missing: number;
  overdue: number;
  dueSoon: number;
}

/** The board's figures over every active account (main counts them; a page carries only its rows). */
export interface DashboardSummary {
  timeZone: string;
  now: string;
  warningDays: number;
  counts: Record<RotationStatus, number> & { awaitingApply: number; lateApply: number };
  /** Most missing + overdue first, then most due soon, then by platform id. */
  byPlatform: PlatformDeadlines[];
}

/** The whole board, for main's own readers (the compliance matrix): every active account, most urgent first. */
export interface DashboardBoard extends DashboardSummary {
  /** Most urgent first: missing, overdue, due soon, then by due date, then by name. */
  rows: DashboardRow[];
}

/** The first account up to date, in the board's order («Próximo vencimiento»). */
export type NextDue = Pick<DashboardRow, 'accountId' | 'displayName' | 'platform' | 'dueAt'>;

/** What `rotation.dashboard` answers: the board's figures and one page of its rows, in the board's order. */
export interface DashboardView extends DashboardSummary {
  next: NextDue | null;
  /** How many rows the whole board has. */
  total: number;
  /** The first row carried (the offset asked for, at most the total). */
  offset: number;
  rows: DashboardRow[];
}

/** The most rows one page carries. */
export const DASHBOARD_PAGE_MAX = 500;
/** A page of the board: the renderer's virtualized list asks for the rows it scrolls to. */
export const dashboardPageRequest = z
  .object({
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    limit: z.number().int().min(1).max(DASHBOARD_PAGE_MAX),
  })
  .strict();
export type DashboardPageRequest = z.infer<typeof dashboardPageRequest>;

export interface PersonView {
  id: string;
  name: string;
  email: string;
}

export interface DeliveryView {
  channel: DeliveryChannel;
  at: string;
  recordedBy: PersonRef;
}

/** POL-6: who may receive an account's password, and who has received its current version. */
export interface DistributionView {
  current: { versionN: number; appliedAt: string } | null;
  recipients: { person: PersonView; deliveries: DeliveryView[] }[];
}
