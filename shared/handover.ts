import { z } from 'zod';
import type { KeyholderRole } from './domain';
import type { PlatformId } from './platforms';
import type { DeparturePlan } from './staff';

/**
 * The administrator handover's checklist (issue 16; HAND-1, HAND-3; MITIC 678/2022 §6.1.1.III):
 * per account of the office, what the incoming administrator must have done. Every item but the
 * closing of sessions ticks from the change that settles it (main/services/handover/plan.ts says
 * exactly what counts); nothing is stored but the hand-confirmed sessions.
 */
export const HANDOVER_ITEMS = [
  'password_changed',
  'roles_reassigned',
  'sessions_closed',
  'recovery_contacts_updated',
  'seed_replaced',
  'recovery_codes_replaced',
] as const;
export type HandoverItemId = (typeof HANDOVER_ITEMS)[number];

export const HANDOVER_ITEM_STATES = ['done', 'open', 'not_applicable'] as const;
export type HandoverItemState = (typeof HANDOVER_ITEM_STATES)[number];

/** Why an item is still open: one reason, the first the records show. */
export const HANDOVER_MISSING = [
  /** No password applied since the start with reason «entrega de cargo» proposed by the incoming administrator. */
  'rotation_missing',
  /** Such a rotation is authorized but not yet confirmed as applied on the platform. */
  'awaiting_apply',
  /** The outgoing keyholder proposed a password applied after the incoming one's. */
  'rotated_by_outgoing',
  /** The outgoing person still holds an admin-level role on the account (granted, or its removal not yet applied). */
  'outgoing_admin_role',
  /** The incoming person holds no active admin-level role on the account. */
  'incoming_admin_missing',
  'confirmation_missing',
  /** The account's second step, recovery phone and e-mail were not recorded again since the start. */
  'contacts_not_updated',
  /** SEC-3 again: the recovery phone is not an institution phone held by the incoming administrator. */
  'phone_not_incoming',
  'seed_not_replaced',
  'codes_not_replaced',
] as const;
export type HandoverMissing = (typeof HANDOVER_MISSING)[number];

/** `cancelled`: the incoming keyholder was revoked before the completion. */
export const HANDOVER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** A keyholder of the handover as the screens name them; `personId` when linked to the staff registry. */
export interface HandoverParty {
  keyholderId: string;
  personId: string | null;
  name: string;
}

export interface HandoverItemView {
  item: HandoverItemId;
  state: HandoverItemState;
  /** Who made the change (or confirmed it, for sessions); null unless done. */
  by: HandoverParty | null;
  /** When the change was applied (ISO 8601); null unless done. */
  at: string | null;
  /** What is left; null unless open. */
  missing: HandoverMissing | null;
}

export interface HandoverAccountView {
  accountId: string;
  accountName: string;
  platform: PlatformId;
  items: HandoverItemView[];
  /** Items done, and items that apply. */
  done: number;
  total: number;
}

/** HAND-3: something the outgoing person (or keyholder) was shown that is still in force. */
export interface HandoverExposureView {
  kind: 'password' | 'recovery_codes' | 'seed';
  accountId: string;
  accountName: string;
  platform: PlatformId;
  /** The password's or seed's version number; null for a recovery-code set. */
  version: number | null;
}

export interface HandoverPlanView {
  handoverId: string;
  role: KeyholderRole;
  status: HandoverStatus;
  startedAt: string;
  completedAt: string | null;
  outgoing: HandoverParty;
  incoming: HandoverParty;
  accounts: HandoverAccountView[];
  exposures: HandoverExposureView[];
  /** The outgoing person's departure checklist (issue 15) when their departure is authorized; else null. */
  departure: DeparturePlan | null;
  progress: HandoverProgress;
  /** Nothing left: the completion may be co-signed. */
  complete: boolean;
}

export interface HandoverProgress {
  /** Account items done and applicable (the bar). */
  itemsDone: number;
  itemsTotal: number;
  /** Accounts with an item still open. */
  accountsLeft: number;
  /** HAND-3: current passwords, code sets and seeds the outgoing person saw. */
  exposuresLeft: number;
  /** Departure items still open besides those (roles, lists, phones). */
  departureLeft: number;
  /** Everything that blocks the completion. */
  left: number;
}

/** One handover as the list and the home screen show it. */
export interface HandoverSummary {
  handoverId: string;
  role: KeyholderRole;
  status: HandoverStatus;
  startedAt: string;
  completedAt: string | null;
  outgoing: HandoverParty;
  incoming: HandoverParty;
  progress: HandoverProgress;
}

const id = z.string().uuid();
export const handoverRef = z.object({ handoverId: id }).strict();
export const sessionsConfirmRequest = z.object({ handoverId: id, accountId: id }).strict();

/** The acta was saved where the person chose, or the save dialog was cancelled. */
export interface ActaResult {
  saved: boolean;
}
