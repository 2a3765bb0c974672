import { z } from 'zod';
import type { PersonRef } from './accounts';
import { TOTP_ALGORITHMS, type TotpParameters } from './totp';

/** Two-step verification requests and views (issue 5). Seeds go in; only codes come out. */
const id = z.string().uuid();

/** Where a seed comes from: the otpauth URI, a typed base32 secret with its parameters, or a QR screenshot (base64 PNG/JPEG). */
export const totpSource = z.union([
  z.object({ uri: z.string().max(2048) }).strict(),
  z
    .object({
      secret: z.string().max(256),
      algorithm: z.enum(TOTP_ALGORITHMS).optional(),
      digits: z.number().int().optional(),
      period: z.number().int().optional(),
      issuer: z.string().trim().max(200).optional(),
      label: z.string().trim().max(200).optional(),
    })
    .strict(),
  z.object({ image: z.string().max(11_200_000).regex(/^[A-Za-z0-9+/=]*$/) }).strict(),
]);
export type TotpSource = z.infer<typeof totpSource>;

export const totpInspectRequest = z.object({ source: totpSource }).strict();
export const totpProposeRequest = z.object({ accountId: id, source: totpSource, note: z.string().trim().max(500).optional() }).strict();
export const totpRemoveRequest = z.object({ accountId: id, note: z.string().trim().max(500).optional() }).strict();
export const totpCodesRequest = z.object({ accountIds: z.array(id).min(1).max(1000) }).strict();

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
