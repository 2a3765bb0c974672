import { z } from 'zod';
import { email, optionalText, phoneShape, text } from './input';
import type { PersonRef } from './accounts';
import type { KeyholderRole } from './domain';
import type { RuleSubset } from './rules';
import { TOTP_ALGORITHMS, TWO_STEP_METHODS, type TotpParameters, type TwoStepMethod } from './totp';

/** Two-step verification requests and views (issue 5). Seeds go in; only codes come out. */
const id = z.string().uuid();

/** The largest QR screenshot accepted (20 MB): any real enrollment screenshot fits many times over. */
export const MAX_QR_IMAGE_BYTES = 20 * 1024 * 1024;

/** Where a seed comes from: the otpauth URI, a typed base32 secret with its parameters, or a QR screenshot (base64 PNG/JPEG). */
export const totpSource = z.union([
  z.object({ uri: z.string().max(2048) }).strict(),
  z
    .object({
      secret: z.string().max(256),
      algorithm: z.enum(TOTP_ALGORITHMS).optional(),
      digits: z.number().int().optional(),
      period: z.number().int().optional(),
      issuer: optionalText(200, 'identifier'),
      label: optionalText(200, 'identifier'),
    })
    .strict(),
  // The base64 of an image at the largest size main accepts (main/services/two-step/qr-image.ts reads the rest).
  z
    .object({
      image: z
        .string()
        .max(Math.ceil(MAX_QR_IMAGE_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/=]*$/),
    })
    .strict(),
]);
export type TotpSource = z.infer<typeof totpSource>;

export const totpInspectRequest = z.object({ source: totpSource }).strict();
export const totpProposeRequest = z.object({ accountId: id, source: totpSource, note: optionalText(500, 'multiline') }).strict();
export const totpRemoveRequest = z.object({ accountId: id, note: optionalText(500, 'multiline') }).strict();
export const totpCodesRequest = z.object({ accountIds: z.array(id).min(1).max(1000) }).strict();

export const recoveryStoreRequest = z.object({ accountId: id, block: text(20_000, 'multiline', 0), note: optionalText(500, 'multiline') }).strict();
export const recoveryCodeRef = z.object({ codeId: id }).strict();
export const recoveryUseRequest = z.object({ codeId: id, reason: text(500, 'multiline') }).strict();

export interface RecoveryCodesView {
  codes: { id: string; position: number; used: { at: string; by: PersonRef; reason: string } | null }[];
  available: number;
  /** Fewer than three unused codes remain. */
  low: boolean;
}

export const deviceInput = z
  .object({
    label: text(100, 'identifier'),
    number: phoneShape,
    holderKeyholderId: id.optional(),
    holderPersonId: id.optional(),
    institutionOwned: z.boolean(),
    notes: optionalText(500, 'multiline'),
  })
  .strict()
  .refine((d) => !(d.holderKeyholderId && d.holderPersonId), { path: ['holderPersonId'] });
export type DeviceInput = z.infer<typeof deviceInput>;

export const twoStepInput = z
  .object({
    method: z.enum(TWO_STEP_METHODS),
    recoveryDeviceId: id.optional(),
    recoveryEmail: z
      .union([z.literal(''), email()])
      .transform((v) => (v ? v : undefined))
      .optional(),
  })
  .strict();
export type TwoStepInput = z.infer<typeof twoStepInput>;
export const twoStepUpdateRequest = z.object({ accountId: id, twoStep: twoStepInput }).strict();

export interface DeviceView {
  id: string;
  label: string;
  number: string;
  institutionOwned: boolean;
  notes: string | null;
  holder: { name: string; role: KeyholderRole | null } | null;
}

export interface TwoStepView {
  method: TwoStepMethod | null;
  recoveryDevice: DeviceView | null;
  recoveryEmail: string | null;
  /** Empty when SEC-1 and SEC-3 hold for the account. */
  findings: { rule: RuleSubset<'SEC-1' | 'SEC-3'>; reason: string }[];
}

export interface TotpStatus extends TotpParameters {
  setAt: string;
  proposedBy: PersonRef;
  authorizedBy: PersonRef;
}

export interface TotpCodeView {
  accountId: string;
  code: string;
  /** Seconds the code has left. */
  remaining: number;
  /** During the last 5 seconds, the code that follows (clock drift). */
  next: string | null;
  digits: number;
  period: number;
}
