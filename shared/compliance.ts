import type { AccountKind } from './domain';
import type { PlatformId } from './platforms';
import type { RuleId } from './rules';
import type { StaffFunction, StaffStatus } from './staff';

/**
 * The compliance view (issue 17; SUP-1, Congreso 6.2.8): every rule the vault can judge, account by
 * account and person by person, green / amber / red, each non-green cell with its reason (a code and
 * its parameters, worded by the renderer) and the screen that fixes it. Never a secret, never a
 * typed value: names of accounts and people are what the register shows anyway.
 */

/** `not_evaluated`: the facts the rule needs are not recorded by this version of the vault yet (never shown as green). */
export const COMPLIANCE_STATES = ['green', 'amber', 'red', 'not_applicable', 'not_evaluated'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

/** The columns of the accounts matrix, in the order of rules.md. */
export const ACCOUNT_RULES = [
  'POL-1',
  'POL-2',
  'POL-3',
  'POL-4',
  'POL-5',
  'POL-6',
  'SEC-1',
  'SEC-2',
  'SEC-3',
  'SEC-4',
  'ROLE-1',
  'ROLE-2',
  'ROLE-3',
  'ROLE-4',
  'ROLE-5',
  'LIFE-1',
  'LIFE-2',
  'LIFE-3',
  'LIFE-4',
  'HAND-1',
  'HAND-2',
  'HAND-3',
  'SUP-2',
] as const satisfies readonly RuleId[];
export type AccountRuleId = (typeof ACCOUNT_RULES)[number];

/** The columns of the people matrix. */
export const PERSON_RULES = ['ROLE-1', 'ROLE-2', 'ROLE-3', 'ROLE-4', 'ROLE-5', 'LIFE-4', 'HAND-1', 'HAND-2', 'HAND-3'] as const satisfies readonly RuleId[];
export type PersonRuleId = (typeof PERSON_RULES)[number];

/** Rules met by a procedure or by the application itself, not by a fact of one account or person. */
export const PROCEDURAL_RULES = ['SUP-1', 'SUP-3', 'SUP-4'] as const satisfies readonly RuleId[];

/** Why a cell is not green (or why it is not applicable), one code each; the renderer words it, citing the rule. */
export const COMPLIANCE_REASONS = [
  // Passwords
  'no_password',
  'not_cosigned',
  'min_length_raised',
  'reused',
  'changed_outside',
  'overdue',
  'due_soon',
  'apply_late',
  'recipients_not_notified',
  'channel_refused',
  'no_recipients',
  // Account security
  'two_step_unknown',
  'two_step_off',
  'linked_email_two_step',
  'login_free_provider',
  'login_not_institutional',
  'no_institutional_email',
  'recovery_phone_missing',
  'recovery_phone_personal',
  'recovery_phone_holder',
  'recovery_email',
  'verification_not_requested',
  // People and roles
  'no_roles',
  'not_admin_platform',
  'admin_not_reserved',
  'admin_function_repeated',
  'team_admin',
  'admin_not_permanent',
  'agreement_missing',
  'contact_missing',
  'shared_password',
  'single_user_platform',
  'direct_staff',
  // Lifecycle
  'no_formulario_a',
  'alta_pending',
  'support_dates_missing',
  'support_past_end',
  'support_ends_soon',
  'not_support',
  'baja_in_progress',
  'archived_without_rotation',
  'not_archived',
  'formulario_b_missing',
  // Handover and departures
  'no_handover',
  'handover_open',
  'not_leaving',
  'departure_open',
  'departure_overdue',
  'leaving_holds_role',
  'exposed_to_leaving',
  'exposed_to_retired',
  // Supervision
  'incident_open',
  'incident_overdue',
  // A rule whose facts this vault does not record yet.
  'not_recorded_yet',
] as const;
export type ComplianceReasonCode = (typeof COMPLIANCE_REASONS)[number];

export interface ComplianceReason {
  code: ComplianceReasonCode;
  /** Numbers, dates (ISO 8601) and ids only: never a typed value. */
  params?: Record<string, string | number>;
}

/** The screen that fixes a cell; the renderer maps it to its address (renderer/src/app/paths.ts). */
export type ComplianceFix =
  | { screen: 'account'; accountId: string; section: 'summary' | 'password' | 'two-step' | 'distribution' | 'history' }
  | { screen: 'person'; personId: string }
  | { screen: 'personRecord'; personId: string }
  | { screen: 'handover'; handoverId: string }
  | { screen: 'incident'; incidentId: string }
  | { screen: 'settings' }
  | { screen: 'home' };

export interface ComplianceCell<R extends RuleId = RuleId> {
  rule: R;
  state: ComplianceState;
  /** Empty when green. */
  reasons: ComplianceReason[];
  /** Null when green, not applicable or not evaluated. */
  fix: ComplianceFix | null;
}

export interface AccountComplianceRow {
  accountId: string;
  displayName: string;
  platform: PlatformId;
  kind: AccountKind;
  /** «En trámite»: its alta still waits for the head (LIFE-1). */
  pending: boolean;
  cells: ComplianceCell<AccountRuleId>[];
}

export interface PersonComplianceRow {
  personId: string;
  name: string;
  function: StaffFunction | null;
  status: StaffStatus;
  cells: ComplianceCell<PersonRuleId>[];
}

/** An archived account (out of the matrix, LIFE-3): only whether its password was changed before the archive. */
export interface ArchivedComplianceRow {
  accountId: string;
  displayName: string;
  platform: PlatformId;
  cell: ComplianceCell<'LIFE-3'>;
}

export interface ComplianceCounts {
  red: number;
  amber: number;
  /** Rows with at least one red cell. */
  accountsRed: number;
  peopleRed: number;
}

export interface ComplianceMatrix {
  /** When it was judged (the service's clock) and in which zone dates were read. */
  at: string;
  timeZone: string;
  accounts: AccountComplianceRow[];
  people: PersonComplianceRow[];
  archived: ArchivedComplianceRow[];
  counts: ComplianceCounts;
  /** Rules whose facts this vault does not record yet: their cells say so. */
  notEvaluated: RuleId[];
  procedural: RuleId[];
}

/** What the home screen shows: the counts only. */
export interface ComplianceSummary {
  at: string;
  counts: ComplianceCounts;
}
