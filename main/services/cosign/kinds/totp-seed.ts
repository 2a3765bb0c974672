import { z } from 'zod';
import { TOTP_ALGORITHMS, TOTP_DIGITS, TOTP_PERIODS } from '../../../../shared/totp';
import type { TotpSeed } from '../../../domain/totp';
import type { Db } from '../../../vault/db';
import { seedMeta } from '../../../vault/repositories/totp-seeds';

/** A TOTP seed's shape, as the seed kinds carry it (its rules are main/domain/totp.ts's). */
export const totpSeed = z.object({
  secret: z.string(),
  algorithm: z.enum(TOTP_ALGORITHMS),
  digits: z.literal(TOTP_DIGITS),
  period: z.literal(TOTP_PERIODS),
  issuer: z.string().nullable(),
  label: z.string().nullable(),
}) satisfies z.ZodType<TotpSeed>;

/** The seed an account holds now, by version (never its secret). */
export function storedSeed(db: Db, accountId: string): { version: number } | null {
  const meta = seedMeta(db, accountId);
  return meta ? { version: meta.version } : null;
}
