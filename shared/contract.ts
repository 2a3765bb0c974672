import type { IntegrityStatus, LastVisit, PaperHeadMatch } from './integrity';
import type { ComplianceMatrix, ComplianceSummary } from './compliance';
import {
  backupCreateRequest,
  backupInspectRequest,
  backupOpenRequest,
  backupRestoreRequest,
  type BackupInspection,
  type BackupInstalled,
  type BackupOpened,
  type BackupSaved,
} from './backup';
import { csvPreviewRequest, csvProposeRequest, type CsvPreview, type CsvProposal } from './import';
import { kdbxPreviewRequest, kdbxProposeRequest, type KdbxPreview, type KdbxProposal } from './kdbx-import';
import { formularioRequest, monthlyReportRequest, monthlySignRequest, type FormularioResult, type MonthlyReportView, type MonthlySignResult } from './reports';
import { z } from 'zod';
import { text } from './input';
import { LANGUAGES, type Channel, type LockedEvent } from './channels';
import type { AppError, ErrorCode } from './result';
import { KEYHOLDER_ROLES, isValidTimeZone, type KeyholderRole, type KeyholderStatus } from './domain';
import {
  accountListRequest,
  accountPageRequest,
  accountRef,
  approveRequest,
  generateRequest,
  historyRequest,
  policyCheckRequest,
  proposeRequest,
  rejectRequest,
  type AccountDetail,
  type AccountPage,
  type AccountSummary,
  type HistoryRow,
  type PendingChange,
  type RevealedSecret,
} from './accounts';
import {
  accountRefWithStage,
  deliveryRequest,
  personInput,
  proposeSettingsRequest,
  recipientRequest,
  type AccountDeadline,
  type DashboardView,
  type DistributionView,
  type InstitutionSettings,
  type PersonView,
} from './rotation';
import type { TotpParameters } from './totp';
import {
  batchApproveRequest,
  codeDeliveryRequest,
  deviceReturnRequest,
  grantRef,
  personRef,
  roleGrantRequest,
  roleRevokeRequest,
  staffDepartRequest,
  staffRegisterRequest,
  staffUpdateRequest,
  type AccountExposure,
  type BatchOutcome,
  type DeparturePlan,
  type DepartureSummary,
  type StaffDetail,
  type StaffList,
} from './staff';
import { auditCsvRequest, auditListRequest, type AuditExport, type AuditPage } from './audit-log';
import { handoverRef, sessionsConfirmRequest, type ActaResult, type HandoverPlanView, type HandoverSummary } from './handover';
import {
  incidentConfirmRequest,
  incidentRecordRequest,
  incidentRef,
  incidentReportRequest,
  outsideChangeRequest,
  type IncidentSummary,
  type IncidentView,
} from './incidents';
import { enrolRequest, passphraseChangeRequest, revokeRequest, type KeyholderDetail } from './keyholders';
import { requestsRequest, type RequestView } from './requests';
import { altaRequest, decommissionRequest, modifyRequest, verificationRequest, type AccountLifecycle, type SupportPastEnd } from './lifecycle';
import {
  deviceInput,
  recoveryCodeRef,
  recoveryStoreRequest,
  recoveryUseRequest,
  totpCodesRequest,
  totpInspectRequest,
  totpProposeRequest,
  totpRemoveRequest,
  twoStepUpdateRequest,
  type DeviceView,
  type RecoveryCodesView,
  type TotpCodeView,
  type TotpStatus,
  type TwoStepView,
} from './two-step';

/** The one IPC contract: request schema, access level and result type per channel. */
const empty = z.object({}).strict();

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

export const institutionInput = z
  .object({
    name: text(200, 'identifier'),
    acronym: text(30, 'identifier'),
    emailDomains: z.array(domainName).min(1).max(10),
    timeZone: z.string().refine(isValidTimeZone),
    idleLockMinutes: z.number().int().min(1).max(60),
  })
  .strict();

export const keyholderInput = z
  .object({
    role: z.enum(KEYHOLDER_ROLES),
    name: text(200, 'identifier'),
    passphrase: z.string().min(1).max(1024),
  })
  .strict();

export const createVaultRequest = z.object({ institution: institutionInput, keyholders: z.array(keyholderInput).min(2).max(3) }).strict();

export const unlockRequest = z.object({ keyholderId: z.string().uuid(), passphrase: z.string().min(1).max(1024) }).strict();

export type Access = 'public' | 'unlocked';

export const contract = {
  'vault.status': { request: empty, access: 'public' },
  'vault.create': { request: createVaultRequest, access: 'public' },
  'vault.unlock': { request: unlockRequest, access: 'public' },
  // Public: locking never fails, with or without a session (design.md §4).
  'vault.lock': { request: empty, access: 'public' },
  /** The interface language chosen, kept for the next start (Chromium's own widgets follow it then). */
  'settings.language': { request: z.object({ language: z.enum(LANGUAGES) }).strict(), access: 'public' },
  'vault.home': { request: empty, access: 'unlocked' },
  'audit.verify': { request: empty, access: 'unlocked' },
  'audit.findHead': { request: z.object({ head: z.string().min(1).max(200) }).strict(), access: 'unlocked' },
  'audit.list': { request: auditListRequest, access: 'unlocked' },
  'audit.csv': { request: auditCsvRequest, access: 'unlocked' },
  'integrity.status': { request: empty, access: 'unlocked' },
  'integrity.verify': { request: empty, access: 'unlocked' },
  'accounts.list': { request: accountListRequest, access: 'unlocked' },
  'accounts.page': { request: accountPageRequest, access: 'unlocked' },
  'accounts.get': { request: accountRef, access: 'unlocked' },
  /** The alta (issue 17, LIFE-1): the account «en trámite» with its Formulario A, until the head authorizes it. */
  'accounts.register': { request: altaRequest, access: 'unlocked' },
  'credentials.propose': { request: proposeRequest, access: 'unlocked' },
  'credentials.reveal': { request: accountRefWithStage, access: 'unlocked' },
  'credentials.copy': { request: accountRefWithStage, access: 'unlocked' },
  'credentials.history': { request: historyRequest, access: 'unlocked' },
  'credentials.checkPolicy': { request: policyCheckRequest, access: 'unlocked' },
  'credentials.generate': { request: generateRequest, access: 'unlocked' },
  'cosign.pending': { request: empty, access: 'unlocked' },
  'cosign.approve': { request: approveRequest, access: 'unlocked' },
  'cosign.reject': { request: rejectRequest, access: 'unlocked' },
  'cosign.requests': { request: requestsRequest, access: 'unlocked' },
  'rotation.dashboard': { request: empty, access: 'unlocked' },
  'rotation.confirmApplied': { request: accountRef, access: 'unlocked' },
  'settings.get': { request: empty, access: 'unlocked' },
  'settings.propose': { request: proposeSettingsRequest, access: 'unlocked' },
  'people.list': { request: empty, access: 'unlocked' },
  'people.add': { request: personInput, access: 'unlocked' },
  'distribution.get': { request: accountRef, access: 'unlocked' },
  'distribution.addRecipient': { request: recipientRequest, access: 'unlocked' },
  'distribution.removeRecipient': { request: recipientRequest, access: 'unlocked' },
  'distribution.recordDelivery': { request: deliveryRequest, access: 'unlocked' },
  'totp.inspect': { request: totpInspectRequest, access: 'unlocked' },
  'totp.propose': { request: totpProposeRequest, access: 'unlocked' },
  'totp.remove': { request: totpRemoveRequest, access: 'unlocked' },
  'totp.codes': { request: totpCodesRequest, access: 'unlocked' },
  'totp.copy': { request: accountRef, access: 'unlocked' },
  'totp.requestExport': { request: totpRemoveRequest, access: 'unlocked' },
  'totp.showExport': { request: accountRef, access: 'unlocked' },
  'recovery.get': { request: accountRef, access: 'unlocked' },
  'recovery.store': { request: recoveryStoreRequest, access: 'unlocked' },
  'recovery.replace': { request: recoveryStoreRequest, access: 'unlocked' },
  'recovery.reveal': { request: recoveryCodeRef, access: 'unlocked' },
  'recovery.markUsed': { request: recoveryUseRequest, access: 'unlocked' },
  'devices.list': { request: empty, access: 'unlocked' },
  'devices.add': { request: deviceInput, access: 'unlocked' },
  'twoStep.get': { request: accountRef, access: 'unlocked' },
  'twoStep.update': { request: twoStepUpdateRequest, access: 'unlocked' },
  'staff.list': { request: empty, access: 'unlocked' },
  'staff.get': { request: personRef, access: 'unlocked' },
  'staff.register': { request: staffRegisterRequest, access: 'unlocked' },
  'staff.update': { request: staffUpdateRequest, access: 'unlocked' },
  'staff.depart': { request: staffDepartRequest, access: 'unlocked' },
  'roles.grant': { request: roleGrantRequest, access: 'unlocked' },
  'roles.revoke': { request: roleRevokeRequest, access: 'unlocked' },
  'roles.confirmApplied': { request: grantRef, access: 'unlocked' },
  'departures.list': { request: empty, access: 'unlocked' },
  'departures.plan': { request: personRef, access: 'unlocked' },
  'departures.proposeTasks': { request: personRef, access: 'unlocked' },
  'handover.list': { request: empty, access: 'unlocked' },
  'handover.current': { request: empty, access: 'unlocked' },
  'handover.plan': { request: handoverRef, access: 'unlocked' },
  'handover.confirmSessions': { request: sessionsConfirmRequest, access: 'unlocked' },
  // No path from the renderer: main asks where to save (the save dialog).
  'handover.acta': { request: handoverRef, access: 'unlocked' },
  'devices.return': { request: deviceReturnRequest, access: 'unlocked' },
  'recovery.deliver': { request: codeDeliveryRequest, access: 'unlocked' },
  'cosign.approveMany': { request: batchApproveRequest, access: 'unlocked' },
  'accounts.exposure': { request: accountRef, access: 'unlocked' },
  'lifecycle.get': { request: accountRef, access: 'unlocked' },
  'lifecycle.requestModify': { request: modifyRequest, access: 'unlocked' },
  'lifecycle.requestDecommission': { request: decommissionRequest, access: 'unlocked' },
  'lifecycle.setVerification': { request: verificationRequest, access: 'unlocked' },
  'lifecycle.pastEnd': { request: empty, access: 'unlocked' },
  'keyholders.list': { request: empty, access: 'unlocked' },
  'keyholders.changePassphrase': { request: passphraseChangeRequest, access: 'unlocked' },
  'keyholders.proposeEnrol': { request: enrolRequest, access: 'unlocked' },
  'keyholders.proposeRevoke': { request: revokeRequest, access: 'unlocked' },
  'incidents.list': { request: empty, access: 'unlocked' },
  'incidents.current': { request: empty, access: 'unlocked' },
  'incidents.get': { request: incidentRef, access: 'unlocked' },
  'incidents.record': { request: incidentRecordRequest, access: 'unlocked' },
  'incidents.report': { request: incidentReportRequest, access: 'unlocked' },
  'incidents.confirm': { request: incidentConfirmRequest, access: 'unlocked' },
  'incidents.close': { request: incidentRef, access: 'unlocked' },
  'incidents.recordOutsideChange': { request: outsideChangeRequest, access: 'unlocked' },
  // SUP-1: the compliance view (issue 17), read by the head and the administrators.
  'compliance.matrix': { request: empty, access: 'unlocked' },
  'compliance.summary': { request: empty, access: 'unlocked' },
  // LIFE-4, SUP-3 (issue 17): printed and signed documents; no path from the renderer, main asks where to save.
  'reports.formulario': { request: formularioRequest, access: 'unlocked' },
  'reports.monthly': { request: monthlyReportRequest, access: 'unlocked' },
  'reports.signMonthly': { request: monthlySignRequest, access: 'unlocked' },
  // Issue 18: a backup is made from an unlocked vault; a restore runs where no vault is open yet (a new workstation).
  'backup.create': { request: backupCreateRequest, access: 'unlocked' },
  'backup.inspect': { request: backupInspectRequest, access: 'public' },
  'backup.open': { request: backupOpenRequest, access: 'public' },
  'backup.restore': { request: backupRestoreRequest, access: 'public' },
  // Issue 18: a spreadsheet read and checked (nothing written), then proposed whole as the «inventario inicial».
  'import.csvPreview': { request: csvPreviewRequest, access: 'unlocked' },
  'import.csvPropose': { request: csvProposeRequest, access: 'unlocked' },
  // Issue 18: a KeePass file opened with its own passphrase, judged as the spreadsheet's rows are, proposed the same way.
  'import.kdbxPreview': { request: kdbxPreviewRequest, access: 'unlocked' },
  'import.kdbxPropose': { request: kdbxProposeRequest, access: 'unlocked' },
} as const satisfies Record<Channel, { request: z.ZodType; access: Access }>;

export type CreateVaultRequest = z.input<typeof createVaultRequest>;
export type InstitutionInput = z.input<typeof institutionInput>;
export type KeyholderInput = z.input<typeof keyholderInput>;

/** What a locked vault shows: roles and public fingerprints, never names (they are sealed). */
export interface KeyholderBadge {
  id: string;
  role: KeyholderRole;
  fingerprint: string;
  /** Revoked (HAND-1): listed after the active ones, so the person who left is told why their passphrase opens nothing. */
  revoked: boolean;
}

export interface VaultStatus {
  /** `unavailable`: the folder or disk fails (full, read-only, unreadable, in use, newer format) — see `error`; never offered a ceremony. */
  state: 'empty' | 'corrupt' | 'unavailable' | 'locked' | 'unlocked';
  error?: AppError;
  keyholders: KeyholderBadge[];
  /** When unlock attempts are throttled, the epoch ms after which the next one is accepted. */
  retryAt: number | null;
}

export interface SessionInfo {
  keyholderId: string;
  role: KeyholderRole;
  /** At unlock: what happened since this keyholder's last visit, checked against the record they keep. */
  lastVisit?: LastVisit;
}

export interface KeyholderView extends Omit<KeyholderBadge, 'revoked'> {
  name: string;
  status: KeyholderStatus;
  createdAt: string;
}

export interface HomeView {
  institution: { name: string; acronym: string; emailDomains: string[]; timeZone: string; idleLockMinutes: number; rotationIntervalDays: number };
  keyholders: KeyholderView[];
  session: SessionInfo;
  audit: { events: number; headHash: string };
}

export type AuditVerification = { ok: true; events: number; headHash: string } | { ok: false; events: number; firstBad: { seq: number; reason: AuditFault } };

export type AuditFault = 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'signature_invalid' | 'unknown_actor' | 'truncated';

export interface ContractResults {
  'vault.status': VaultStatus;
  'vault.create': SessionInfo;
  'vault.unlock': SessionInfo;
  'vault.lock': LockedEvent;
  'settings.language': null;
  'vault.home': HomeView;
  'audit.verify': AuditVerification;
  'audit.findHead': PaperHeadMatch;
  /** A page of the log, newest first, each event's signature checked. */
  'audit.list': AuditPage;
  /** Every matching event (at most AUDIT_EXPORT_MAX, newest first), for the renderer to word and save as CSV. */
  'audit.csv': AuditExport;
  'integrity.status': IntegrityStatus;
  'integrity.verify': IntegrityStatus;
  'accounts.list': AccountSummary[];
  /** One window of the register's search (the list shows `total` rows and asks for the ones in view). */
  'accounts.page': AccountPage;
  'accounts.get': AccountDetail & { deadline: AccountDeadline; totp: TotpStatus | null };
  'accounts.register': { accountId: string; requestId: string };
  'credentials.propose': { requestId: string };
  'credentials.reveal': RevealedSecret;
  'credentials.copy': { clearAfterSeconds: number };
  'credentials.history': HistoryRow[];
  /** The first rule (POL-1..3) a typed password breaks for that account, or null. */
  'credentials.checkPolicy': { violation: AppError | null };
  /** A password drawn at random, with what the interface states about it: its length, the symbols it is drawn from and its entropy (bits, to 0.1). */
  'credentials.generate': { secret: string; length: number; alphabetSize: number; entropyBits: number };
  'cosign.pending': PendingChange[];
  /** Ids the applied change touched, by kind of subject (account, version, …). */
  'cosign.approve': { subjects: Record<string, string> };
  'cosign.reject': null;
  /** Requests by state, newest first (one account's, or all); expiry judged by the service's clock. */
  'cosign.requests': RequestView[];
  'rotation.dashboard': DashboardView;
  /** The authorized version is now current; its due date counts from this confirmation. */
  'rotation.confirmApplied': { versionN: number; dueAt: string };
  'settings.get': InstitutionSettings;
  'settings.propose': { requestId: string };
  'people.list': PersonView[];
  /** The person's id, fixed now; they are on record once the head authorizes the request (LIFE-4). */
  'people.add': { personId: string; requestId: string };
  'distribution.get': DistributionView;
  'distribution.addRecipient': null;
  'distribution.removeRecipient': null;
  'distribution.recordDelivery': null;
  /** The seed's parameters, never its secret. */
  'totp.inspect': TotpParameters;
  'totp.propose': { requestId: string };
  'totp.remove': { requestId: string };
  'totp.codes': TotpCodeView[];
  'totp.copy': { clearAfterSeconds: number };
  'totp.requestExport': { requestId: string };
  /** A PNG data URL of the seed's QR, shown once for the given seconds. */
  'totp.showExport': { image: string; hideAfterSeconds: number };
  'recovery.get': RecoveryCodesView;
  'recovery.store': { count: number };
  'recovery.replace': { requestId: string };
  'recovery.reveal': { code: string };
  'recovery.markUsed': null;
  'devices.list': DeviceView[];
  'devices.add': { deviceId: string };
  'twoStep.get': TwoStepView;
  'twoStep.update': null;
  'staff.list': StaffList;
  'staff.get': StaffDetail;
  'staff.register': { requestId: string };
  'staff.update': { requestId: string };
  'staff.depart': { requestId: string };
  'roles.grant': { requestId: string };
  'roles.revoke': { requestId: string };
  /** `active`: the grant is made on the platform; `revoked`: the role is removed there. */
  'roles.confirmApplied': { state: 'active' | 'revoked' };
  'departures.list': DepartureSummary[];
  'departures.plan': DeparturePlan;
  /** The requests proposed for the head (revocations, rotations), and the items refused, each with its code. */
  'departures.proposeTasks': { requestIds: string[]; refused: { item: string; code: ErrorCode }[] };
  /** Every handover, newest first, with its progress (issue 16). */
  'handover.list': HandoverSummary[];
  /** The handovers in progress and what is left of each (the home screen). */
  'handover.current': HandoverSummary[];
  'handover.plan': HandoverPlanView;
  'handover.confirmSessions': null;
  /** The acta saved where the person chose in the save dialog, or not (cancelled). */
  'handover.acta': ActaResult;
  'devices.return': null;
  'recovery.deliver': null;
  /** Each request's own outcome: approved, or refused alone with its code. */
  'cosign.approveMany': BatchOutcome[];
  /** Who has been shown or given the account's current password (issue 15). */
  'accounts.exposure': AccountExposure;
  /** Formulario A, the platform verification (SEC-4), archived or being decommissioned, past its end (LIFE-2). */
  'lifecycle.get': AccountLifecycle;
  'lifecycle.requestModify': { requestId: string };
  'lifecycle.requestDecommission': { requestId: string };
  'lifecycle.setVerification': null;
  /** LIFE-2: support accounts in force past their end date (the home screen). */
  'lifecycle.pastEnd': SupportPastEnd[];
  'keyholders.list': KeyholderDetail[];
  'keyholders.changePassphrase': null;
  'keyholders.proposeEnrol': { requestId: string };
  'keyholders.proposeRevoke': { requestId: string };
  /** Every incident, the latest first, with what is left of each (SUP-2). */
  'incidents.list': IncidentSummary[];
  /** The incidents still open (the home screen). */
  'incidents.current': IncidentSummary[];
  'incidents.get': IncidentView;
  'incidents.record': { incidentId: string };
  'incidents.report': null;
  'incidents.confirm': null;
  'incidents.close': null;
  'incidents.recordOutsideChange': { changeId: string };
  /** Every rule the vault can judge, account by account and person by person (SUP-1). */
  'compliance.matrix': ComplianceMatrix;
  /** The matrix's red and amber counts (the home screen). */
  'compliance.summary': ComplianceSummary;
  /** A request's Formulario A or B saved where the person chose (a draft until authorized), or not. */
  'reports.formulario': FormularioResult;
  /** The month's figures before signing (an open month: partial, up to now). */
  'reports.monthly': MonthlyReportView;
  /** The head's signature: the PDF and the signed JSON beside it, or nothing (cancelled). */
  'reports.signMonthly': MonthlySignResult;
  /** Saved where the person chose in the save dialog, or not (cancelled). */
  'backup.create': BackupSaved;
  /** The file chosen in the open dialog, checked without a passphrase, named from then on by its handle. */
  'backup.inspect': BackupInspection;
  /** Decrypted with a keyholder's passphrase and verified whole: what the screen shows before installing. */
  'backup.open': BackupOpened;
  'backup.restore': BackupInstalled;
  /** Every row with its number and verdict, and the columns with a suggested field; never a password or seed. */
  'import.csvPreview': CsvPreview;
  /** The request the head authorizes, the accounts «en trámite» it opened, and the preview it was made from. */
  'import.csvPropose': CsvProposal;
  /** Every entry with its running number, group path and title, and verdict; never a password, seed or the file's passphrase. */
  'import.kdbxPreview': KdbxPreview;
  'import.kdbxPropose': KdbxProposal;
}

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResultOf<C extends Channel> = ContractResults[C];
