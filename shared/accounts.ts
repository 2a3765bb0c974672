import { z } from 'zod';
import type { LinkKind, StaffFunction } from './staff';
import { calendarDate, httpsUrl, optionalText, text } from './input';
import { PLATFORM_IDS, type PlatformId } from './platforms';
import type { DetailValue } from './result';
import type { TotpParameters } from './totp';
import { ACCOUNT_KINDS, CHANGE_REASONS, type AccountKind, type AccountStatus, type ChangeKindId, type ChangeReason, type KeyholderRole } from './domain';

/** Requests and views of the account registry, credential versions and co-signed changes. */
const id = z.string().uuid();

export const accountInput = z
  .object({
    platform: z.enum(PLATFORM_IDS),
    kind: z.enum(ACCOUNT_KINDS),
    displayName: text(200, 'identifier'),
    handle: optionalText(100, 'identifier'),
    altHandle: optionalText(100, 'identifier'),
    profileUrl: z
      .union([z.literal(''), httpsUrl(500)])
      .optional()
      .transform((v) => (v ? v : undefined)),
    loginIdentifier: optionalText(254, 'identifier'),
    linkedEmailAccountId: id.optional(),
    supportStart: calendarDate.optional(),
    supportEnd: calendarDate.optional(),
    notes: optionalText(2000, 'multiline'),
  })
  .strict();
// An end before the start is the domain's refusal (ACCOUNT_INVALID, LIFE-2), which names the rule.

export type AccountInput = z.input<typeof accountInput>;
export type ParsedAccountInput = z.output<typeof accountInput>;

export const ACCOUNT_SORTS = ['name', 'platform', 'updated'] as const;
export const accountListRequest = z.object({ query: optionalText(200), sort: z.enum(ACCOUNT_SORTS).optional() }).strict();
/** The most summaries one page of the account list carries. */
export const ACCOUNT_PAGE_MAX = 500;
/** What the register's list asks for at a time: a screenful (~12 rows) and its overscan, twice over. */
export const ACCOUNT_PAGE_SIZE = 50;
/** What the deadline dashboard asks for at a time (`rotation.dashboard`, shared/rotation.ts dashboardPageRequest): the same screenful twice over. */
export const DASHBOARD_PAGE_SIZE = 50;
export const accountPageRequest = z
  .object({
    query: optionalText(200),
    sort: z.enum(ACCOUNT_SORTS).optional(),
    /** The first match to carry (none: from the first). */
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(ACCOUNT_PAGE_MAX),
  })
  .strict();
export type AccountPageRequest = z.input<typeof accountPageRequest>;
export const accountRef = z.object({ accountId: id }).strict();

/** A proposed secret: up to 256 characters, never trimmed (spaces may be part of it). */
export const secretText = z.string().min(1).max(256);

export const proposeRequest = z.object({ accountId: id, secret: secretText, reason: z.enum(CHANGE_REASONS), note: optionalText(500, 'multiline') }).strict();

export const policyCheckRequest = z.object({ accountId: id, secret: secretText }).strict();
export const generateRequest = z
  .object({ accountId: id, length: z.number().int().min(12).max(128).optional(), excludeLookalikes: z.boolean().optional() })
  .strict();

export const historyRequest = z
  .object({
    accountId: id.optional(),
    keyholderId: id.optional(),
    reason: z.enum(CHANGE_REASONS).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .strict();

export const decisionPassphrase = z.string().min(1).max(1024);
export const approveRequest = z.object({ requestId: id, approverId: id, passphrase: decisionPassphrase }).strict();
export const rejectRequest = z.object({ requestId: id, approverId: id, passphrase: decisionPassphrase, reason: text(500, 'multiline') }).strict();

export interface PersonRef {
  keyholderId: string;
  name: string;
  role: KeyholderRole;
}

export interface AccountSummary {
  id: string;
  platform: PlatformId;
  kind: AccountKind;
  status: AccountStatus;
  displayName: string;
  handle: string | null;
  currentVersion: number | null;
  updatedAt: string;
}

/** A window of a search: `total` matches, `items` from `offset` on. */
export interface AccountPage {
  total: number;
  offset: number;
  items: AccountSummary[];
}

export interface CredentialVersionView {
  id: string;
  n: number;
  reason: ChangeReason;
  proposedBy: PersonRef;
  proposedAt: string;
  authorizedBy: PersonRef;
  authorizedAt: string;
  applyBy: string;
  appliedBy: PersonRef | null;
  appliedAt: string | null;
  dueAt: string | null;
}

export interface AccountDetail extends AccountSummary {
  altHandle: string | null;
  profileUrl: string | null;
  loginIdentifier: string | null;
  linkedEmail: { id: string; displayName: string; loginIdentifier: string | null } | null;
  supportStart: string | null;
  supportEnd: string | null;
  notes: string | null;
  createdAt: string;
  versions: CredentialVersionView[];
  pendingRequests: number;
}

/** One setting a pending settings change would alter (values are plain numbers, flags or per-kind maps). */
export interface SettingChange {
  setting: string;
  from: DetailValue;
  to: DetailValue;
}

/**
 * What a pending co-signed change would do, kind by kind: what changes, from what to what, never a
 * secret (a new password or seed is named by its version, not shown). The renderer words it.
 */
export interface ChangeDetails {
  /** The version in use now (null before the first) and the one the new password would become. */
  'credential.rotate': { reason: ChangeReason; from: { version: number } | null; to: { version: number } };
  'settings.update': { changes: SettingChange[] };
  /** The seed stored now (by version), and the new seed's parameters (never its secret). */
  'totp.set': { from: { version: number } | null; to: TotpParameters };
  'totp.remove': { from: { version: number } | null; to: null };
  /** Showing the stored seed once as a QR, to enroll a device. */
  'totp.export': { seed: { version: number } | null };
  'recovery.replace': { from: { total: number; unused: number }; to: { total: number } };
  /** Formulario B: a new person, or the record of one known so far only by name and e-mail. */
  'person.register': { person: StaffLine; completes: boolean };
  /** The fields that change, from → to (personal data, never a secret). */
  'person.update': { person: StaffLine; changes: SettingChange[] };
  /** Formulario B, baja: the person starts leaving; the checklist follows. */
  'person.depart': { person: StaffLine; date: string };
  'role.grant': { person: StaffLine; role: string; admin: boolean };
  'role.revoke': { person: StaffLine; role: string; admin: boolean; grantId: string };
  /** A new keyholder (HAND-1): a person of the registry, their role, their key's fingerprint; in a handover, who they replace. */
  'keyholder.enrol': { person: StaffLine; role: KeyholderRole; fingerprint: string; replaces: KeyholderLine | null };
  /** A keyholder revoked: their passphrase opens nothing after it, and the vault is re-keyed; in a handover, its completion. */
  'keyholder.revoke': { keyholder: KeyholderLine; handoverId: string | null };
  /** Alta (LIFE-1, Formulario A): the account as requested, how many authorized users its form names, whether a first password comes with it. */
  'account.create': { account: AccountLine; authorizedUsers: number; withPassword: boolean };
  /** Modificación (LIFE-4): the fields that change, from → to (Formulario A's among them), never a secret. */
  'account.modify': { account: AccountLine; changes: SettingChange[] };
  /** Baja (LIFE-3): the password changes first (by version), then the account is archived. */
  'account.decommission': { account: AccountLine; from: { version: number } | null; to: { version: number } };
  /** «Inventario inicial» (issue 18): the accounts of a spreadsheet, counted; how many with a password, a TOTP seed, due at once («rotar ya»). */
  'inventory.import': { accounts: number; withPassword: number; withTotp: number; rotateNow: number };
  /** KeePass export (issue 18): what the file would hold now, counted; every password and seed in it becomes an exposure of the proposer. */
  'vault.export': { accounts: number; passwords: number; seeds: number };
  /** The emergency kit (issue 18): one recovery key, or k-of-n shares with their holders' names; the kit in force it would supersede. */
  'kit.issue': { shares: { k: number; n: number; holders: string[] } | null; supersedes: string | null };
  /** Replacing this vault with a backup of it (issue 18): the backup's facts next to the current vault's; the current file is kept aside. */
  'vault.restore': { backup: VaultStateLine & { file: string }; current: VaultStateLine };
}

/** A vault's state as a replacement request shows it: when (a backup's creation; null for the vault in use), its chain head, its records. */
export interface VaultStateLine {
  createdAt: string | null;
  seq: number;
  /** The chain head's short form, as written on paper. */
  head: string;
  records: number;
  accounts: number;
}

/** An account as a lifecycle request names it (typed names, never a secret). */
export interface AccountLine {
  id: string;
  platform: PlatformId;
  kind: AccountKind;
  displayName: string;
  handle: string | null;
  supportStart: string | null;
  supportEnd: string | null;
}

/** A keyholder as a request names them. */
export interface KeyholderLine {
  id: string;
  name: string;
  role: KeyholderRole;
  fingerprint: string;
}

/** A person as a request names them. */
export interface StaffLine {
  id: string;
  name: string;
  function: StaffFunction | null;
  link: LinkKind | null;
}
export type ChangeDescriptionOf = { [K in ChangeKindId]: { kind: K } & ChangeDetails[K] };
export type ChangeDescription = ChangeDescriptionOf[ChangeKindId];

export interface PendingRequest {
  id: string;
  kind: ChangeKindId;
  /** Null for a change to the institution's settings. */
  account: { id: string; displayName: string; platform: PlatformId } | null;
  /** The password change's reason (from `description`, for screens that do not read it yet). */
  reason: ChangeReason | null;
  /** The proposer's note. */
  note: string | null;
  /** The settings change's list (from `description`, for screens that do not read it yet). */
  changes: SettingChange[] | null;
  proposedBy: PersonRef;
  proposedAt: string;
  expiresAt: string;
  /** Past its expiry: it can no longer be authorized (COSIGN_EXPIRED). */
  expired: boolean;
}

/** A pending request as `cosign.pending` returns it: with the structured description of its change. */
export interface PendingChange extends PendingRequest {
  description: ChangeDescription;
}

export interface HistoryRow extends CredentialVersionView {
  account: { id: string; displayName: string; platform: PlatformId };
}

export interface RevealedSecret {
  secret: string;
  versionN: number;
  hideAfterSeconds: number;
}
