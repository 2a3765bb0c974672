import { textFault } from '../../shared/input';
import { counterToBytes, dynamicTruncate, truncateDigits } from '@otplib/core';
import { ScureBase32Plugin } from '@otplib/plugin-base32-scure';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate as generateUri, parse as parseUri } from '@otplib/uri';
import type { AppError } from '../../shared/result';
import { TOTP_ALGORITHMS, TOTP_DIGITS, TOTP_PERIODS, type TotpAlgorithm, type TotpParameters } from '../../shared/totp';

/**
 * TOTP (RFC 6238) for the two-step verification seeds of the office's accounts (SEC-1). Pure:
 * parsing and building otpauth:// URIs, reading a typed base32 secret, and computing codes.
 */
export interface TotpSeed extends TotpParameters {
  /** Base32, upper case, no padding or spaces. */
  secret: string;
}

/** Platforms still issue 80-bit seeds (16 base32 characters); RFC 4226's 128 bits would refuse them. */
export const MIN_SECRET_BYTES = 10;
const MAX_SECRET_BYTES = 64;
// otplib's building blocks with Node's native HMAC: ~7 µs a code, against ~25 µs through its
// general-purpose generateSync (options, guardrails and base32 on every call). A screen refreshes
// hundreds of codes at once; the test checks these against generateSync and RFC 6238.
const hmac = new NodeCryptoPlugin();
const base32 = new ScureBase32Plugin();
const BASE32 = /^[A-Z2-7]+$/;

const invalid = (reason: string, extra: Record<string, string | number> = {}): AppError => ({ code: 'TOTP_INVALID', details: { reason, ...extra } });

/** A secret as people paste it: spaces, dashes, lower case and '=' padding are tolerated. */
export function readBase32Secret(text: string): { secret: string } | AppError {
  const secret = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (secret.length === 0) return invalid('missing_secret');
  if (!BASE32.test(secret)) return invalid('bad_base32');
  // Every 8 characters carry 5 bytes; trailing bits that do not make a whole byte are dropped.
  const bytes = Math.floor((secret.length * 5) / 8);
  if (bytes < MIN_SECRET_BYTES) return invalid('secret_too_short', { bytes, min: MIN_SECRET_BYTES });
  if (bytes > MAX_SECRET_BYTES) return invalid('secret_too_long', { bytes, max: MAX_SECRET_BYTES });
  if (![0, 2, 4, 5, 7].includes(secret.length % 8)) return invalid('bad_base32');
  return { secret };
}

/** Checks the parameters a seed may have; returns the seed or the first problem, named. */
export function checkSeed(input: {
  secret: string;
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  issuer?: string | undefined;
  label?: string | undefined;
}): TotpSeed | AppError {
  const read = readBase32Secret(input.secret);
  if ('code' in read) return read;
  const algorithm = (input.algorithm ?? 'sha1').toLowerCase();
  if (!(TOTP_ALGORITHMS as readonly string[]).includes(algorithm)) return invalid('unsupported_algorithm', { algorithm: input.algorithm ?? '' });
  const digits = input.digits ?? 6;
  if (!(TOTP_DIGITS as readonly number[]).includes(digits)) return invalid('bad_digits', { digits });
  const period = input.period ?? 30;
  if (!(TOTP_PERIODS as readonly number[]).includes(period)) return invalid('bad_period', { period });
  // The issuer and label come from a URI or a QR as often as from a form: the same text rules as every name (shared/input.ts).
  for (const field of ['issuer', 'label'] as const) {
    const fault = input[field] === undefined ? undefined : textFault(input[field], 'identifier');
    if (fault) return { code: 'INVALID_REQUEST', details: { field, reason: fault } };
  }
  const clean = (value: string | undefined) => value?.normalize('NFKC').trim() || null;
  return {
    secret: read.secret,
    algorithm: algorithm as TotpAlgorithm,
    digits: digits as TotpSeed['digits'],
    period: period as TotpSeed['period'],
    issuer: clean(input.issuer),
    label: clean(input.label),
  };
}

/** An otpauth://totp URI as platforms show it in their QR codes, or the problem with it. */
export function parseOtpauth(uri: string): TotpSeed | AppError {
  const text = uri.trim();
  if (!/^otpauth:\/\//i.test(text)) return invalid('not_otpauth');
  if (/^otpauth:\/\/hotp\//i.test(text)) return invalid('hotp_unsupported');
  const params = /[?&]([^=&]+)=([^&]*)/g;
  const raw = new Map<string, string>();
  for (const [, key, value] of text.matchAll(params)) raw.set(key!.toLowerCase(), value!);
  // @otplib/uri validates the rest; the checks before it give each common mistake its own reason.
  if (!raw.get('secret')) return invalid('missing_secret');
  const digits = raw.get('digits');
  if (digits !== undefined && !/^\d{1,2}$/.test(digits)) return invalid('bad_digits', { digits: digits.slice(0, 12) });
  const period = raw.get('period');
  if (period !== undefined && !/^\d{1,6}$/.test(period)) return invalid('bad_period', { period: period.slice(0, 12) });
  const algorithm = raw.get('algorithm');
  if (algorithm !== undefined && !TOTP_ALGORITHMS.includes(algorithm.toLowerCase().replace('-', '') as TotpAlgorithm)) {
    return invalid('unsupported_algorithm', { algorithm: algorithm.slice(0, 20) });
  }
  let parsed: ReturnType<typeof parseUri>;
  try {
    // A URI's scheme is case-insensitive (RFC 3986), and so is the type here; @otplib/uri reads lower case only.
    parsed = parseUri(text.replace(/^otpauth:\/\/([a-z]*)/i, (_, type: string) => `otpauth://${type.toLowerCase()}`));
  } catch {
    const read = readBase32Secret(decodeURIComponentSafe(raw.get('secret')!));
    if ('code' in read) return read;
    if (digits !== undefined && !['6', '7', '8'].includes(digits)) return invalid('bad_digits', { digits: Number(digits) });
    if (period !== undefined && !['30', '60'].includes(period)) return invalid('bad_period', { period: Number(period) });
    return invalid('malformed');
  }
  if (parsed.type !== 'totp') return invalid('hotp_unsupported');
  // The label is "Issuer:account"; an issuer parameter, when not empty, is the one that counts.
  const colon = parsed.label.indexOf(':');
  return checkSeed({
    secret: parsed.params.secret,
    algorithm: parsed.params.algorithm,
    digits: parsed.params.digits,
    period: parsed.params.period,
    issuer: parsed.params.issuer?.trim() || (colon >= 0 ? parsed.label.slice(0, colon) : undefined),
    label: colon >= 0 ? parsed.label.slice(colon + 1) : parsed.label,
  });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The otpauth URI of a seed, for re-enrolling a device by QR (a co-signed export). It carries the
 * seed's own issuer and label, and nothing else: no issuer when the seed had none.
 */
export function buildOtpauth(seed: TotpSeed): string {
  const params = { secret: seed.secret, algorithm: seed.algorithm, digits: seed.digits, period: seed.period };
  const label = seed.label ?? '';
  if (!seed.issuer) return generateUri({ type: 'totp', label, params });
  return generateUri({ type: 'totp', label: `${seed.issuer}:${label}`, params: { ...params, issuer: seed.issuer } });
}

/** The code at `epochSeconds`, the seconds it has left, and the next code during its last 5 s (clock drift). */
export function totpCode(seed: TotpSeed, epochSeconds: number): { code: string; remaining: number; next: string | null } {
  const key = base32.decode(seed.secret);
  const step = Math.floor(epochSeconds / seed.period);
  const remaining = seed.period - (Math.floor(epochSeconds) % seed.period);
  const code = hotp(key, seed.algorithm, seed.digits, step);
  return { code, remaining, next: remaining <= 5 ? hotp(key, seed.algorithm, seed.digits, step + 1) : null };
}

/** RFC 6238 for a raw key (the RFC's own vectors use ASCII keys, not base32). */
export function totpCodeForKey(key: Uint8Array, algorithm: TotpAlgorithm, digits: TotpSeed['digits'], epochSeconds: number, period = 30): string {
  return hotp(key, algorithm, digits, Math.floor(epochSeconds / period));
}

/** RFC 4226: HMAC of the big-endian counter, dynamic truncation, the last `digits` decimal digits. */
function hotp(key: Uint8Array, algorithm: TotpAlgorithm, digits: number, counter: number): string {
  return truncateDigits(dynamicTruncate(hmac.hmac(algorithm, key, counterToBytes(counter)) as Uint8Array), digits);
}
