import type { OpenOptions } from '../vault/db';
import { KdfWorker } from '../vault/kdf';
import { loadSodium } from '../vault/sodium';
import { AccountService } from './accounts/accounts';
import { AuditService } from './audit/audit';
import { AuditLogService } from './audit/audit-log';
import { LanguageService } from './settings/language';
import { checkedClock } from './vault/clock';
import { ClipboardGuard, MemoryClipboard, type ClipboardPort } from './accounts/clipboard';
import { CosignService } from './cosign';
import { CredentialService } from './accounts/credentials';
import { DistributionService } from './distribution/distribution';
import { DepartureService } from './people/departures';
import { assertHandoverComplete, HandoverService, type SavePathPort } from './handover/handovers';
import { IncidentService } from './incidents/incidents';
import { ComplianceService } from './compliance/compliance';
import { StaffService } from './people/staff';
import { RotationService } from './rotation';
import { RecoveryCodesService } from './two-step/recovery-codes';
import { TotpService } from './two-step/totp';
import { TwoStepService } from './two-step/two-step';
import { HomeService } from './vault/home';
import { IntegrityService } from './integrity/integrity';
import { PasswordPolicyService } from './rotation/password-policy';
import { SessionService, type Clock } from './vault/session';
import { VaultFile } from './vault/vault-file';
import { VaultSetupService } from './vault/vault-setup';
import { KeyholderService } from './keyholders/keyholders';
import { RekeyService } from './keyholders/rekey';
import { LifecycleService } from './lifecycle/lifecycle';
import { ReportService } from './reports/reports';
import { BackupService, type BackupFilesPort } from './backup/backups';
import { BackupReminderService } from './backup/reminder';
import { VaultReplaceService } from './backup/replace';
import { CsvImportService } from './import/csv-import';
import { KdbxImportService } from './import/kdbx-import';
import { StrengthPool } from './import/strength-pool';
import { ExportService, type ExportFilesPort } from './export/exports';
import type { KdbxCost } from './export/kdbx-writer';
import type { Db } from '../vault/db';
import { KitService } from './kit/kit';
import { RecoveryService } from './kit/recovery';

export interface ServiceOptions extends OpenOptions {
  dataDir: string;
  clock?: Clock;
  /** Electron's clipboard in the app; an in-memory one where there is no desktop (tests). */
  clipboard?: ClipboardPort;
  /** Where to save a document (the acta): Electron's save dialog in the app; tests write to a path of their own. */
  savePath?: SavePathPort;
  /** Where a backup is saved and which one is restored (issue 18): Electron's save and open dialogs in the app. */
  backupFiles?: BackupFilesPort;
  /** Where an export (KeePass file, inventory CSV) is saved (issue 18): Electron's save dialog in the app. */
  exportFiles?: ExportFilesPort;
  /** The KeePass export's Argon2id cost; production's default (64 MiB, 3 passes) unless a test asks for less. */
  exportKdf?: KdbxCost;
  /** Events between two of the head's integrity checkpoints (main/services/integrity/checkpoint.ts); tests ask for fewer. */
  checkpointEvery?: number;
}

/** The composition root shared by the Electron shell, the end-to-end harness and the benches. */
export async function createServices(options: ServiceOptions) {
  const s = await loadSodium();
  const clock = checkedClock(options.clock ?? (() => new Date()));
  const vault = new VaultFile(options.dataDir, { nativeBinding: options.nativeBinding });
  const kdf = new KdfWorker();
  kdf.warm();
  const sessions = new SessionService(s, vault, kdf, clock);
  const integrity = new IntegrityService(s, vault, sessions, clock, options.checkpointEvery);
  const accounts = new AccountService(s, vault, sessions, clock);
  const clipboard = new ClipboardGuard(s, options.clipboard ?? new MemoryClipboard());
  const policy = new PasswordPolicyService(s, vault, sessions);
  accounts.onRegistryChange(() => policy.invalidate());
  const rotation = new RotationService(s, vault, sessions, accounts, clock);
  const rekey = new RekeyService(s, sessions);
  // The handover checklist's judgment (issue 16, HAND-1 / HAND-3), asked by keyholder.revoke's approval; its rows checked against the log.
  const handoverGate = { assertComplete: (db: Db, id: string): void => assertHandoverComplete(db, id, integrity) };
  const cosign = new CosignService(s, vault, sessions, accounts, clock, integrity, { policy, rotation, integrity, keyring: rekey, handover: handoverGate });
  const staff = new StaffService(s, vault, sessions, cosign, clock);
  const backup = new BackupService(s, vault, sessions, kdf, clock, options.backupFiles);
  const compliance = new ComplianceService(s, vault, sessions, accounts, rotation, cosign, integrity, clock);
  const kitRecovery = new RecoveryService(s, vault, sessions, kdf, clock);
  // The imports' POL-1/2 worker threads: shared by both, stopped at lock.
  const importStrength = new StrengthPool();
  sessions.onLock(() => importStrength.close());
  return {
    sodium: s,
    vault,
    kdf,
    sessions,
    integrity,
    setup: new VaultSetupService(s, vault, kdf, sessions, clock),
    home: new HomeService(s, vault, sessions),
    audit: new AuditService(s, vault, sessions),
    auditLog: new AuditLogService(s, vault, sessions, clock),
    accounts,
    cosign,
    policy,
    rotation,
    distribution: new DistributionService(s, vault, sessions, clock, () => policy.invalidate()),
    credentials: new CredentialService(s, vault, sessions, clipboard, cosign, clock, integrity),
    totp: new TotpService(s, vault, sessions, cosign, clipboard, clock, integrity),
    recovery: new RecoveryCodesService(s, vault, sessions, cosign, clock),
    twoStep: new TwoStepService(s, vault, sessions, clock),
    staff,
    rekey,
    keyholders: new KeyholderService(s, vault, kdf, sessions, cosign, clock),
    departures: new DepartureService(s, vault, sessions, cosign, staff, policy, clock),
    handover: new HandoverService(s, vault, sessions, cosign, integrity, clock, options.savePath),
    lifecycle: new LifecycleService(s, vault, sessions, cosign, accounts, clock),
    incidents: new IncidentService(s, vault, sessions, integrity, clock),
    compliance,
    // Formularios A and B (LIFE-4) and the signed monthly report (SUP-3), saved where the person chooses.
    reports: new ReportService(s, vault, sessions, cosign, compliance, integrity, clock, options.savePath),
    clipboard,
    // Encrypted backups and their restore (issue 18).
    backup,
    // The home screen's backup reminder, from the signed log (issue 18).
    backupReminder: new BackupReminderService(s, vault, sessions, clock),
    // Replacing this vault with a backup of it, co-signed; the replaced file kept aside (issue 18).
    vaultReplace: new VaultReplaceService(s, vault, sessions, cosign, integrity, backup, clock, options.backupFiles),
    // Import from a spreadsheet, proposed as one co-signed «inventario inicial» (issue 18).
    csvImport: new CsvImportService(s, vault, sessions, cosign, policy, accounts, importStrength),
    // Import from KeePass (KDBX 4), judged and proposed as the spreadsheet's rows are (issue 18).
    kdbxImport: new KdbxImportService(s, vault, sessions, cosign, policy, accounts, importStrength),
    // Export as a KeePass file (co-signed, performed once, each secret an exposure) and the inventory CSV without secrets (issue 18).
    export: new ExportService(s, vault, sessions, cosign, integrity, clock, options.exportFiles, options.exportKdf),
    language: new LanguageService(options.dataDir),
    // The emergency kit (issue 18): its co-signed issue and printing, and the recovery mode it opens from the locked state.
    kit: new KitService(s, vault, sessions, cosign, integrity, clock, options.savePath),
    kitRecovery,
    async close() {
      kitRecovery.cancel();
      sessions.lock('quit');
      backup.discard();
      await clipboard.clearIfOurs();
      vault.close();
      await kdf.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
