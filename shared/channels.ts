import type { ErrorCode } from './error-codes';

/**
 * Every IPC channel, named once. Kept free of zod so that the sandboxed preload bundle
 * carries only these names; the schemas live in contract.ts.
 */
export const CHANNELS = [
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.home',
  'settings.language',
  'audit.verify',
  'audit.findHead',
  'audit.list',
  'audit.csv',
  'integrity.status',
  'integrity.verify',
  'accounts.list',
  'accounts.page',
  'accounts.get',
  'accounts.register',
  'credentials.propose',
  'credentials.reveal',
  'credentials.copy',
  'credentials.history',
  'credentials.checkPolicy',
  'credentials.generate',
  'cosign.pending',
  'cosign.approve',
  'cosign.reject',
  'cosign.requests',
  'rotation.dashboard',
  'rotation.confirmApplied',
  'settings.get',
  'settings.propose',
  'people.list',
  'people.add',
  'distribution.get',
  'distribution.addRecipient',
  'distribution.removeRecipient',
  'distribution.recordDelivery',
  'totp.inspect',
  'totp.propose',
  'totp.remove',
  'totp.codes',
  'totp.copy',
  'totp.requestExport',
  'totp.showExport',
  'recovery.get',
  'recovery.store',
  'recovery.replace',
  'recovery.reveal',
  'recovery.markUsed',
  'devices.list',
  'devices.add',
  'twoStep.get',
  'twoStep.update',
  'staff.list',
  'staff.get',
  'staff.register',
  'staff.update',
  'staff.depart',
  'roles.grant',
  'roles.revoke',
  'roles.confirmApplied',
  'departures.list',
  'departures.plan',
  'departures.proposeTasks',
  'handover.list',
  'handover.current',
  'handover.plan',
  'handover.confirmSessions',
  'handover.acta',
  'devices.return',
  'recovery.deliver',
  'cosign.approveMany',
  'accounts.exposure',
  'lifecycle.get',
  'lifecycle.requestModify',
  'lifecycle.requestDecommission',
  'lifecycle.setVerification',
  'lifecycle.pastEnd',
  'keyholders.list',
  'keyholders.changePassphrase',
  'keyholders.proposeEnrol',
  'keyholders.proposeRevoke',
  'incidents.list',
  'incidents.current',
  'incidents.get',
  'incidents.record',
  'incidents.report',
  'incidents.confirm',
  'incidents.close',
  'incidents.recordOutsideChange',
  'compliance.matrix',
  'compliance.summary',
  'reports.formulario',
  'reports.monthly',
  'reports.signMonthly',
  'backup.create',
  'backup.inspect',
  'backup.open',
  'backup.restore',
  'backup.reminder',
  'backup.proposeReplace',
  'backup.replaceStatus',
  'backup.replace',
  'import.csvPreview',
  'import.csvPropose',
  'import.kdbxPreview',
  'import.kdbxPropose',
  // Issue 18: the KeePass export (proposed, then performed once by its proposer) and the inventory without secrets.
  'export.propose',
  'export.status',
  'export.kdbx',
  'export.inventory',
  // Issue 18: the emergency kit; kit.recovery, kit.enrol, kit.finish and kit.cancel are recovery mode's only channels.
  'kit.status',
  'kit.propose',
  'kit.print',
  'kit.recover',
  'kit.recovery',
  'kit.enrol',
  'kit.finish',
  'kit.cancel',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** Main → renderer notifications. */
export const EVENTS = {
  locked: 'event.locked',
  /** A re-key running inside a revocation's approval (HAND-1). */
  rekey: 'event.rekey',
} as const;

export const LOCK_REASONS = ['manual', 'idle', 'suspend', 'screen-lock', 'quit'] as const;
export type LockReason = (typeof LOCK_REASONS)[number];
export interface LockedEvent {
  reason: LockReason;
  /** Set when the keys were dropped but the lock could not be written to the log (the error code, e.g. STORAGE_FULL). */
  unrecorded?: ErrorCode;
}

export const LANGUAGES = ['es', 'en'] as const;
/** The interface's languages, Spanish first. */
export type Language = (typeof LANGUAGES)[number];
