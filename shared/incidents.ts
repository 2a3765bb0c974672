import { z } from 'zod';
import { calendarDate, text } from './input';
import type { PlatformId } from './platforms';

/**
 * Security incidents (issue 17; SUP-2, MITIC 678/2022 §6.1.1.III and §6.1.6, with the reporting
 * duty of MITIC Res. 346/2020): recorded at once by the administrator, never gated on the head;
 * each affected account gets required actions that tick from the real change recorded in the vault
 * (main/services/incidents/checklist.ts says exactly what counts); the incident closes only when
 * nothing is left. Changes found to have been made outside Custodia are recorded as such and count
 * against the monthly indicator (SUP-3).
 */
export const INCIDENT_KINDS = [
  'credential_compromise',
  'unauthorized_publication',
  'device_lost',
  'departure_without_handover',
  'phishing',
  'locked_out',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_ACTIONS = ['rotate_password', 'close_sessions', 'review_roles', 'replace_seed'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** What only a person can confirm (sessions closed on the platform; roles reviewed without a change); the rest ticks from records. */
export const HAND_CONFIRMED_ACTIONS = ['close_sessions', 'review_roles'] as const;
export type HandConfirmedAction = (typeof HAND_CONFIRMED_ACTIONS)[number];

/** The actions an incident opens on each affected account: a lost or stolen device also asks for the seed (SUP-2). */
export function actionsFor(kind: IncidentKind): readonly IncidentAction[] {
  return kind === 'device_lost' ? INCIDENT_ACTIONS : INCIDENT_ACTIONS.filter((a) => a !== 'replace_seed');
}

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** To whom an incident was reported: the institution's information-security officer, the national CERT. */
export const REPORT_RECIPIENTS = ['security_officer', 'national_cert'] as const;
export type ReportRecipient = (typeof REPORT_RECIPIENTS)[number];

/** A change found to have been made on the platform outside Custodia (SUP-3 counts it as unauthorized). */
export const OUTSIDE_CHANGE_KINDS = [
  'password_changed',
  'two_step_changed',
  'role_added',
  'role_removed',
  'recovery_contact_changed',
  'profile_changed',
  'other',
] as const;
export type OutsideChangeKind = (typeof OUTSIDE_CHANGE_KINDS)[number];

/** Why an action is still open: the first reason the records show. */
export const INCIDENT_MISSING = [
  /** No password with reason «incidente» authorized and applied after the incident. */
  'rotation_missing',
  /** Such a rotation is authorized but not yet confirmed as applied on the platform. */
  'awaiting_apply',
  /** Not confirmed by hand (sessions), and no role change after the incident nor a confirmation (roles). */
  'confirmation_missing',
  /** No two-step seed set after the incident. */
  'seed_not_replaced',
] as const;
export type IncidentMissing = (typeof INCIDENT_MISSING)[number];

const id = z.string().uuid();
/** A time of day in the institution's zone, HH:MM. */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const incidentRef = z.object({ incidentId: id }).strict();

export const incidentRecordRequest = z
  .object({
    kind: z.enum(INCIDENT_KINDS),
    /** When it happened (or was found), in the institution's time zone. */
    occurredOn: calendarDate,
    occurredTime: localTime,
    accountIds: z
      .array(id)
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, { params: { reason: 'invalid' } }),
    description: text(4000, 'multiline'),
  })
  .strict();

export const incidentReportRequest = z
  .object({
    incidentId: id,
    recipient: z.enum(REPORT_RECIPIENTS),
    reference: text(200),
    reportedOn: calendarDate,
  })
  .strict();

export const incidentConfirmRequest = z.object({ incidentId: id, accountId: id, action: z.enum(HAND_CONFIRMED_ACTIONS) }).strict();

export const outsideChangeRequest = z
  .object({
    incidentId: id,
    accountId: id,
    kind: z.enum(OUTSIDE_CHANGE_KINDS),
    changedOn: calendarDate,
    changedTime: localTime,
    description: text(2000, 'multiline'),
  })
  .strict();

export type IncidentRecordInput = z.input<typeof incidentRecordRequest>;
export type IncidentReportInput = z.input<typeof incidentReportRequest>;
export type OutsideChangeInput = z.input<typeof outsideChangeRequest>;

/** A keyholder named as the screens show them. */
export interface IncidentParty {
  keyholderId: string;
  name: string;
}

export interface IncidentActionView {
  action: IncidentAction;
  state: 'done' | 'open';
  /** What is left; null when done. */
  missing: IncidentMissing | null;
  /** Who made the change or confirmed it; null unless done. */
  by: IncidentParty | null;
  at: string | null;
  /** A hand-confirmable action that the administrator may confirm now. */
  confirmable: boolean;
  /** Settled by the account's baja after the incident (LIFE-3): archived, nothing more is done on it. */
  byBaja: boolean;
}

export interface IncidentAccountView {
  accountId: string;
  accountName: string;
  platform: PlatformId;
  actions: IncidentActionView[];
}

export interface IncidentReportView {
  recipient: ReportRecipient;
  reference: string;
  reportedOn: string;
  recordedBy: IncidentParty;
  recordedAt: string;
}

export interface OutsideChangeView {
  changeId: string;
  accountId: string;
  accountName: string;
  platform: PlatformId;
  kind: OutsideChangeKind;
  changedAt: string;
  description: string;
  recordedBy: IncidentParty;
  recordedAt: string;
}

/** One incident as the list and the home screen show it. */
export interface IncidentSummary {
  incidentId: string;
  kind: IncidentKind;
  status: IncidentStatus;
  occurredAt: string;
  recordedAt: string;
  closedAt: string | null;
  accountCount: number;
  /** Actions still open, plus one while it has not been reported. */
  left: number;
  reported: boolean;
}

export interface IncidentView extends IncidentSummary {
  description: string;
  recordedBy: IncidentParty;
  closedBy: IncidentParty | null;
  accounts: IncidentAccountView[];
  reports: IncidentReportView[];
  outsideChanges: OutsideChangeView[];
  /** Nothing left: the administrator may close it. */
  complete: boolean;
}
