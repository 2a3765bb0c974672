import { backupCreateRequest, backupInspectRequest, backupOpenRequest, backupRestoreRequest } from './backup';
import { kitEmptyRequest, kitEnrolRequest, kitPrintRequest, kitProposeRequest, kitRecoverRequest } from './kit';
import { backupReminderRequest } from './backup-reminder';
import { replacePerformRequest, replaceProposeRequest, replaceStatusRequest } from './vault-restore';
import { csvPreviewRequest, csvProposeRequest } from './import';
import { kdbxPreviewRequest, kdbxProposeRequest } from './kdbx-import';
import { exportInventoryRequest, exportKdbxRequest, exportProposeRequest, exportStatusRequest } from './export';
import { formularioRequest, monthlyReportRequest, monthlySignRequest } from './reports';
import { z } from 'zod';
import { text } from './input';
import { LANGUAGES, type Channel } from './channels';
import { KEYHOLDER_ROLES, isValidTimeZone } from './domain';
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
} from './accounts';
import { accountRefWithStage, dashboardPageRequest, deliveryRequest, personInput, proposeSettingsRequest, recipientRequest } from './rotation';
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
} from './staff';
import { auditCsvRequest, auditListRequest } from './audit-log';
import { handoverRef, sessionsConfirmRequest } from './handover';
import { incidentConfirmRequest, incidentRecordRequest, incidentRef, incidentReportRequest, outsideChangeRequest } from './incidents';
import { enrolRequest, passphraseChangeRequest, revokeRequest } from './keyholders';
import { requestsRequest } from './requests';
import { altaRequest, decommissionRequest, modifyRequest, verificationRequest } from './lifecycle';
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
  'rotation.dashboard': { request: dashboardPageRequest, access: 'unlocked' },
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
  // Issue 18: the home screen's reminder, from the signed log.
  'backup.reminder': { request: backupReminderRequest, access: 'unlocked' },
  // Issue 18: replacing this vault with a backup of it, co-signed; the file chosen in main's dialog.
  'backup.proposeReplace': { request: replaceProposeRequest, access: 'unlocked' },
  'backup.replaceStatus': { request: replaceStatusRequest, access: 'unlocked' },
  'backup.replace': { request: replacePerformRequest, access: 'unlocked' },
  // Issue 18: a spreadsheet read and checked (nothing written), then proposed whole as the «inventario inicial».
  'import.csvPreview': { request: csvPreviewRequest, access: 'unlocked' },
  'import.csvPropose': { request: csvProposeRequest, access: 'unlocked' },
  // Issue 18: a KeePass file opened with its own passphrase, judged as the spreadsheet's rows are, proposed the same way.
  'import.kdbxPreview': { request: kdbxPreviewRequest, access: 'unlocked' },
  'import.kdbxPropose': { request: kdbxProposeRequest, access: 'unlocked' },
  // Issue 18: the KeePass export and the inventory; paths never cross IPC (main's save dialog chooses them).
  'export.propose': { request: exportProposeRequest, access: 'unlocked' },
  'export.status': { request: exportStatusRequest, access: 'unlocked' },
  'export.kdbx': { request: exportKdbxRequest, access: 'unlocked' },
  'export.inventory': { request: exportInventoryRequest, access: 'unlocked' },
  // Issue 18: the emergency kit. Proposed and printed unlocked; used from the locked state (public), whose recovery
  // session is gated in main/ipc/handlers.ts: while it is open, only the recovery channels answer (RECOVERY_CHANNELS).
  'kit.status': { request: kitEmptyRequest, access: 'unlocked' },
  'kit.propose': { request: kitProposeRequest, access: 'unlocked' },
  'kit.print': { request: kitPrintRequest, access: 'unlocked' },
  'kit.recover': { request: kitRecoverRequest, access: 'public' },
  'kit.recovery': { request: kitEmptyRequest, access: 'public' },
  'kit.enrol': { request: kitEnrolRequest, access: 'public' },
  'kit.finish': { request: kitEmptyRequest, access: 'public' },
  'kit.cancel': { request: kitEmptyRequest, access: 'public' },
} as const satisfies Record<Channel, { request: z.ZodType; access: Access }>;

export type CreateVaultRequest = z.input<typeof createVaultRequest>;
export type InstitutionInput = z.input<typeof institutionInput>;
export type KeyholderInput = z.input<typeof keyholderInput>;

export type { KeyholderBadge, VaultStatus, SessionInfo, KeyholderView, HomeView, AuditVerification, AuditFault } from './vault-views';
export type { ContractResults } from './contract-results';
import type { ContractResults } from './contract-results';

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResultOf<C extends Channel> = ContractResults[C];
