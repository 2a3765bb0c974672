import type { AuditAction } from '../../shared/audit-actions';
import { cosignStepOf, type CosignStep } from '../../shared/cosign-actions';
import { CHANGE_KIND_IDS, type ChangeKindId, type KeyholderRole } from '../../shared/domain';
import { kindPolicy, PERMISSIONS, type Action } from '../../shared/permissions';
import type { CosignPolicy } from './cosign';

/**
 * Who may sign which audit event (POL-5), judged from the signed roster when the log is replayed,
 * never from the keyholders table. Both this and the services read the permission table
 * (shared/permissions.ts), which the screens read too: who may propose, decide or work on the
 * platforms is declared once.
 */
export const COSIGN_KIND_POLICIES: Readonly<Record<ChangeKindId, CosignPolicy>> = Object.fromEntries(
  CHANGE_KIND_IDS.map((kind) => [kind, kindPolicy(kind)]),
) as Record<ChangeKindId, CosignPolicy>;

/** The permission each plain audit event is written under; events not listed any keyholder may sign (unlock, lock, founding). */
const PERMISSION_OF: Partial<Record<AuditAction, Action>> = {
  // Before the alta (issue 17) any keyholder registered an account alone: events of then are read as then.
  'account.registered': 'distribution.edit',
  'credential.revealed': 'credential.reveal',
  'credential.copied': 'credential.reveal',
  'credential.delivered': 'distribution.record',
  'credential.applied': 'credential.apply',
  // Before the staff registry any keyholder registered a recipient: events of then are read as then.
  'person.registered': 'distribution.edit',
  'distribution.recipient_added': 'distribution.edit',
  'distribution.recipient_removed': 'distribution.edit',
  'recovery_codes.stored': 'recovery.store',
  'recovery_code.revealed': 'recovery.reveal',
  'recovery_code.used': 'recovery.use',
  'recovery_code.delivered': 'recovery.deliver',
  'role.applied': 'role.apply',
  'device.returned': 'device.return',
  // Showing a seed the head authorized exporting: the export's proposer (TotpService.showExport).
  'totp.exported': 'totp.export',
  'totp.codes_read': 'totp.codes',
  // Performing a KeePass export the head authorized: its proposer (issue 18, ExportService).
  'vault.exported': 'export.propose',
  'inventory.exported': 'export.inventory',
  // Performing a replacement the head authorized (issue 18, VaultReplaceService).
  'vault.replaced': 'restore.perform',
  'device.registered': 'device.add',
  'two_step.updated': 'two_step.edit',
  'account.verification_set': 'account.verification',
};
/**
 * Events no person asks for, written by Custodia itself in one role's session: the head's checkpoint
 * (issue 18; design.md §4 anchors detection on the head's passphrase), appended after the head's own
 * verification found the log whole (main/services/integrity/checkpoint.ts).
 */
const SIGNED_IN_ROLE: Partial<Record<AuditAction, readonly KeyholderRole[]>> = {
  'integrity.checkpoint': ['head'],
};
const SIGNERS: ReadonlyMap<string, readonly KeyholderRole[]> = new Map([
  ...Object.entries(PERMISSION_OF).map(([action, permission]) => [action, PERMISSIONS[permission].roles] as const),
  ...Object.entries(SIGNED_IN_ROLE),
]);

/** Splits `credential.rotate.approved` into its kind and step, for the co-signed kinds. */
export const cosignStep = (action: string): { kind: ChangeKindId; step: CosignStep } | undefined => cosignStepOf(action);

/** The roles that may sign `action`, or null when any keyholder may (unlock, lock, reads). */
export function signerRoles(action: string): readonly KeyholderRole[] | null {
  const cosign = cosignStep(action);
  if (cosign) {
    const policy = COSIGN_KIND_POLICIES[cosign.kind];
    return cosign.step === 'proposed' ? policy.proposerRoles : policy.approverRoles;
  }
  return SIGNERS.get(action) ?? null;
}

/** How far back a write's time may be from the last event's before it is refused (NTP steps, not days). */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export const isClockBehind = (at: string, lastAt: string) => Date.parse(at) < Date.parse(lastAt) - CLOCK_TOLERANCE_MS;
