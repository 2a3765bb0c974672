import type { AccountDeadline, DashboardView, DistributionView, InstitutionSettings, PersonView } from './rotation';
import type { AccountDetail, AccountPage, AccountSummary, HistoryRow, PendingChange, RevealedSecret } from './accounts';
import type { AccountExposure, BatchOutcome, DeparturePlan, DepartureSummary, StaffDetail, StaffList } from './staff';
import type { AccountLifecycle, SupportPastEnd } from './lifecycle';
import type { ActaResult, HandoverPlanView, HandoverSummary } from './handover';
import type { AppError, ErrorCode } from './result';
import type { AuditExport, AuditPage } from './audit-log';
import type { BackupInspection, BackupInstalled, BackupOpened, BackupSaved } from './backup';
import type { BackupReminder } from './backup-reminder';
import type { ComplianceMatrix, ComplianceSummary } from './compliance';
import type { CsvPreview, CsvProposal } from './import';
import type { DeviceView, RecoveryCodesView, TotpCodeView, TotpStatus, TwoStepView } from './two-step';
import type { ExportInventoryResult, ExportKdbxResult, ExportStatus } from './export';
import type { FormularioResult, MonthlyReportView, MonthlySignResult } from './reports';
import type { IncidentSummary, IncidentView } from './incidents';
import type { IntegrityStatus, PaperHeadMatch } from './integrity';
import type { KdbxPreview, KdbxProposal } from './kdbx-import';
import type { KeyholderDetail } from './keyholders';
import type { KitPrinted, KitStatus, RecoveryFinished, RecoveryState } from './kit';
import type { LockedEvent } from './channels';
import type { ReplaceProposed, ReplaceStatus, VaultReplaced } from './vault-restore';
import type { RequestView } from './requests';
import type { TotpParameters } from './totp';
import type { VaultStatus, SessionInfo, HomeView, AuditVerification } from './vault-views';

/** What each channel of the IPC contract (shared/contract.ts) answers. */
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
  /** The last verified backup's date against the co-signed reminder days. */
  'backup.reminder': BackupReminder;
  /** The request the head authorizes, or nothing (dialog cancelled). */
  'backup.proposeReplace': ReplaceProposed;
  'backup.replaceStatus': ReplaceStatus;
  /** Performed: the vault set aside under this name, the session ended. */
  'backup.replace': VaultReplaced;
  /** Every row with its number and verdict, and the columns with a suggested field; never a password or seed. */
  'import.csvPreview': CsvPreview;
  /** The request the head authorizes, the accounts «en trámite» it opened, and the preview it was made from. */
  'import.csvPropose': CsvProposal;
  /** Every entry with its running number, group path and title, and verdict; never a password, seed or the file's passphrase. */
  'import.kdbxPreview': KdbxPreview;
  'import.kdbxPropose': KdbxProposal;
  'export.propose': { requestId: string };
  /** Authorized exports waiting for this keyholder, their own pending request, POL-1's minimum length. */
  'export.status': ExportStatus;
  /** Saved (the counts written, each secret an exposure) or cancelled in the dialog (nothing written, the grant still open). */
  'export.kdbx': ExportKdbxResult;
  'export.inventory': ExportInventoryResult;
  /** The kit in force, whether a new one is needed (home screen), authorized kits waiting to be printed. */
  'kit.status': KitStatus;
  'kit.propose': { requestId: string };
  /** The kit PDF saved where the person chose (the kit issued), or not (cancelled: nothing issued). */
  'kit.print': KitPrinted;
  /** The recovery session opened by the kit (the vault stays locked for every other channel). */
  'kit.recover': RecoveryState;
  'kit.recovery': RecoveryState | null;
  'kit.enrol': RecoveryState;
  /** New keyholders written, old ones revoked, kit used, vault re-keyed; the session ends. */
  'kit.finish': RecoveryFinished;
  'kit.cancel': null;
}
