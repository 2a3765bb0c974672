import { z } from 'zod';
import { calendarDate, email, optionalText, phoneShape, text } from './input';
import type { PersonRef } from './accounts';
import type { PlatformId } from './platforms';
import type { ErrorCode, RuleId } from './result';

/**
 * The staff registry (issue 15; MITIC 678/2022 §6.1.1.II, Formulario B): who works on the
 * office's accounts, how they are bound to the institution, and what each may hold.
 */

/** Kind of link with the institution: nombrado o permanente, contratado, comisionado, pasante, voluntario, tercerizado. */
export const LINK_KINDS = ['permanent', 'contracted', 'seconded', 'intern', 'volunteer', 'outsourced'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** ROLE-4: staff employed by the institution itself; anyone else needs an agreement and an internal contact. */
export const DIRECT_LINKS: readonly LinkKind[] = ['permanent', 'contracted', 'seconded'];
export const isDirectLink = (link: LinkKind) => DIRECT_LINKS.includes(link);
/** Links whose detail names where the person comes from: the institution of origin, the company. */
export const LINK_DETAIL_REQUIRED: readonly LinkKind[] = ['seconded', 'outsourced'];

export const STAFF_FUNCTIONS = ['office_head', 'account_administrator', 'backup_administrator', 'community_manager', 'designer', 'analyst', 'other'] as const;
export type StaffFunction = (typeof STAFF_FUNCTIONS)[number];

/** ROLE-1: the only functions that may hold an admin-level role on a page. ROLE-3: only for permanent staff. */
export const ADMIN_FUNCTIONS: readonly StaffFunction[] = ['office_head', 'account_administrator', 'backup_administrator'];
export const isAdminFunction = (f: StaffFunction) => ADMIN_FUNCTIONS.includes(f);

/** activo, saliente (departure authorized, checklist open), baja (nothing left). */
export const STAFF_STATUSES = ['active', 'leaving', 'departed'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

const id = z.string().uuid();

/** Formulario B as typed: every field is sealed at rest. */
export const staffProfile = z
  .object({
    names: text(120, 'identifier'),
    surnames: text(120, 'identifier'),
    documentId: text(20, 'identifier').superRefine((value, ctx) => {
      if (!/^[A-Za-z0-9-]{5,20}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'invalid', params: { reason: 'invalid' } });
    }),
    dependency: text(200, 'identifier'),
    link: z.enum(LINK_KINDS),
    /** The institution of origin (comisionado) or the company (tercerizado). */
    linkDetail: optionalText(200, 'identifier'),
    email: email(),
    mobile: phoneShape,
    function: z.enum(STAFF_FUNCTIONS),
    /** ROLE-4: the confidentiality agreement of someone not directly employed. */
    agreement: z
      .object({ date: calendarDate, reference: text(120, 'identifier') })
      .strict()
      .nullable(),
    /** ROLE-4: the person inside the institution who answers for them. */
    internalContactId: id.nullable(),
    startDate: calendarDate,
  })
  .strict();
export type StaffProfileInput = z.input<typeof staffProfile>;
export type StaffProfile = z.output<typeof staffProfile>;

export const staffRegisterRequest = z
  .object({
    profile: staffProfile,
    /** Completes the record of an existing person (a recipient of the distribution record, or a keyholder's). */
    personId: id.optional(),
    /** Links the record to the keyholder the person is (a vault made before the registry). */
    keyholderId: id.optional(),
    note: optionalText(500, 'multiline'),
  })
  .strict();
export const staffUpdateRequest = z.object({ personId: id, profile: staffProfile, note: optionalText(500, 'multiline') }).strict();
export const staffDepartRequest = z.object({ personId: id, date: calendarDate, note: optionalText(500, 'multiline') }).strict();
export const personRef = z.object({ personId: id }).strict();

export const roleGrantRequest = z.object({ accountId: id, personId: id, role: text(40, 'identifier'), note: optionalText(500, 'multiline') }).strict();
export const roleRevokeRequest = z.object({ grantId: id, note: optionalText(500, 'multiline') }).strict();
export const grantRef = z.object({ grantId: id }).strict();
export const deviceReturnRequest = z.object({ deviceId: id, personId: id }).strict();
/** The channel is any text so that a refused one gets POL-6's own error. */
export const codeDeliveryRequest = z.object({ codeId: id, personId: id, channel: text(40, 'identifier') }).strict();

export interface StaffList {
  people: StaffSummary[];
  /** Keyholders not linked to a person yet (a vault made before the registry): their record is to be completed. */
  unlinkedKeyholders: { keyholderId: string; name: string; role: string }[];
}
export const batchApproveRequest = z.object({ requestIds: z.array(id).min(1).max(100), approverId: id, passphrase: z.string().min(1).max(1024) }).strict();

/**
 * A role on a platform: `granting` once authorized and until the administrator confirms it
 * applied on the platform; `revoking` likewise for its removal.
 */
export const GRANT_STATES = ['granting', 'active', 'revoking', 'revoked'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export interface GrantView {
  id: string;
  accountId: string;
  accountName: string;
  platform: PlatformId;
  personId: string;
  personName: string;
  role: string;
  admin: boolean;
  state: GrantState;
  grantedAt: string | null;
  revokedAt: string | null;
}

export interface StaffSummary {
  id: string;
  name: string;
  function: StaffFunction | null;
  link: LinkKind | null;
  status: StaffStatus;
  /** The keyholder this person is, when they are one. */
  keyholderId: string | null;
  /** False for a person known only by name and e-mail (a recipient, a keyholder) until Formulario B is completed. */
  complete: boolean;
  /** Departure items still open (0 when not leaving). */
  openItems: number;
}

export interface StaffDetail extends StaffSummary {
  email: string;
  profile: StaffProfile | null;
  internalContact: { id: string; name: string } | null;
  leavingAt: string | null;
  grants: GrantView[];
  exposures: ExposureView[];
  /** ROLE-5: accounts whose password they received though the platform would give them their own user. */
  sharedAccountFlags: { accountId: string; accountName: string; platform: PlatformId }[];
  devices: { id: string; label: string }[];
  departure: DeparturePlan | null;
}

export const EXPOSURE_ITEMS = ['password', 'recovery_code', 'seed'] as const;
export type ExposureItem = (typeof EXPOSURE_ITEMS)[number];

/** One thing a person (or the keyholder they are) was shown or given. */
export interface ExposureView {
  item: ExposureItem;
  accountId: string;
  accountName: string;
  platform: PlatformId;
  /** The credential version, recovery-code set position or seed version. */
  version: number | null;
  how: 'revealed' | 'copied' | 'institutional_email' | 'in_person' | 'exported';
  at: string;
  /** Still the one in force on the account. */
  current: boolean;
}

/** One item of a departure checklist (HAND-2, HAND-3); it ticks from the change that settles it. */
export type DepartureItem =
  | {
      kind: 'revoke_role';
      accountId: string;
      accountName: string;
      platform: PlatformId;
      grantId: string;
      role: string;
      requestId: string | null;
      state: GrantState;
    }
  | { kind: 'rotate_password'; accountId: string; accountName: string; platform: PlatformId; version: number; requestId: string | null }
  | { kind: 'replace_recovery_codes'; accountId: string; accountName: string; platform: PlatformId; setId: string }
  | { kind: 'replace_seed'; accountId: string; accountName: string; platform: PlatformId; version: number }
  | { kind: 'remove_recipient'; accountId: string; accountName: string; platform: PlatformId }
  | { kind: 'return_device'; deviceId: string; label: string };
export type DepartureItemKind = DepartureItem['kind'];

export interface DeparturePlan {
  personId: string;
  leavingAt: string;
  /** Each item, done once the change that settles it is applied. */
  items: (DepartureItem & { done: boolean })[];
}

export interface DepartureSummary {
  personId: string;
  name: string;
  leavingAt: string;
  openItems: number;
}

/** What a head's batch decision did with each request: each gets its own signature and event, or its own refusal. */
export interface BatchOutcome {
  requestId: string;
  ok: boolean;
  error?: { code: ErrorCode; rule?: RuleId };
}

/** Who has been exposed to an account's current password: people of the registry, and the keyholders among them or not. */
export interface AccountExposure {
  people: { id: string; name: string }[];
  keyholders: PersonRef[];
  /** Who holds which role on the account now (granted, or being granted or revoked on the platform). */
  grants: GrantView[];
}
