import type { KeyholderRole } from '../../shared/domain';
import { CREDENTIAL_CHANGE_POLICY, CREDENTIAL_PROPOSER_ROLES, type CosignPolicy } from './cosign';

/**
 * Who may sign which audit event (POL-5), judged from the signed roster when the log is replayed,
 * never from the keyholders table. Every co-signed kind is listed with its policy; work on the
 * platforms themselves is the administrator's or the backup's.
 */
export const COSIGN_KIND_POLICIES: Readonly<Record<string, CosignPolicy>> = {
  'credential.rotate': CREDENTIAL_CHANGE_POLICY,
  'settings.update': CREDENTIAL_CHANGE_POLICY,
  'totp.set': CREDENTIAL_CHANGE_POLICY,
  'totp.remove': CREDENTIAL_CHANGE_POLICY,
  'totp.export': CREDENTIAL_CHANGE_POLICY,
  'recovery.replace': CREDENTIAL_CHANGE_POLICY,
};

const ADMINISTRATIVE_ACTIONS = new Set([
  'credential.applied',
  'recovery_codes.stored',
  'recovery_code.used',
  'device.registered',
  'two_step.updated',
  'totp.exported',
]);

export type CosignStep = 'proposed' | 'approved' | 'rejected';

/** Splits `credential.rotate.approved` into its kind and step, for the co-signed kinds. */
export function cosignStep(action: string): { kind: string; step: CosignStep } | undefined {
  const dot = action.lastIndexOf('.');
  const kind = action.slice(0, dot);
  const step = action.slice(dot + 1);
  if (!(kind in COSIGN_KIND_POLICIES) || (step !== 'proposed' && step !== 'approved' && step !== 'rejected')) return undefined;
  return { kind, step };
}

/** The roles that may sign `action`, or null when any keyholder may (unlock, lock, reads). */
export function signerRoles(action: string): readonly KeyholderRole[] | null {
  const cosign = cosignStep(action);
  if (cosign) {
    const policy = COSIGN_KIND_POLICIES[cosign.kind]!;
    return cosign.step === 'proposed' ? policy.proposerRoles : policy.approverRoles;
  }
  return ADMINISTRATIVE_ACTIONS.has(action) ? CREDENTIAL_PROPOSER_ROLES : null;
}

/** How far back a write's time may be from the last event's before it is refused (NTP steps, not days). */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export const isClockBehind = (at: string, lastAt: string) => Date.parse(at) < Date.parse(lastAt) - CLOCK_TOLERANCE_MS;
