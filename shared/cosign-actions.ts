import { CHANGE_KIND_IDS, type ChangeKindId } from './domain';

/**
 * Each co-signed kind (POL-5) writes one audit event per step: `credential.rotate.proposed`,
 * `….approved`, `….rejected`. Kept free of zod: the log's replay (an integrity worker) reads it.
 */
export const COSIGN_STEPS = ['proposed', 'approved', 'rejected'] as const;
export type CosignStep = (typeof COSIGN_STEPS)[number];
export type CosignAction = `${ChangeKindId}.${CosignStep}`;

export const cosignAction = <K extends ChangeKindId, S extends CosignStep>(kind: K, step: S): `${K}.${S}` => `${kind}.${step}`;

/** The co-signed kind and step an action names, if it names one. */
export function cosignStepOf(action: string): { kind: ChangeKindId; step: CosignStep } | undefined {
  const dot = action.lastIndexOf('.');
  const kind = CHANGE_KIND_IDS.find((k) => k === action.slice(0, dot));
  const step = COSIGN_STEPS.find((s) => s === action.slice(dot + 1));
  return kind && step ? { kind, step } : undefined;
}
