import fc from 'fast-check';
import { createGuardrails, generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { buildOtpauth, checkSeed, parseOtpauth, readBase32Secret, totpCode, totpCodeForKey, type TotpSeed } from '../../../main/domain/totp';

const ascii = (text: string) => new TextEncoder().encode(text);
// RFC 6238, appendix B: the seeds are these ASCII strings, 20/32/64 bytes for SHA-1/256/512.
const KEYS = {
  sha1: ascii('12345678901234567890'),
  sha256: ascii('12345678901234567890123456789012'),
  sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 test vectors', () => {
  it.each(VECTORS)('at T = %i: SHA-1 %s, SHA-256 %s, SHA-512 %s', (time, sha1, sha256, sha512) => {
    expect(totpCodeForKey(KEYS.sha1, 'sha1', 8, time)).toBe(sha1);
    expect(totpCodeForKey(KEYS.sha256, 'sha256', 8, time)).toBe(sha256);
    expect(totpCodeForKey(KEYS.sha512, 'sha512', 8, time)).toBe(sha512);
  });
});

describe('otpauth:// URIs', () => {
  it('parses what platforms put in their QR codes, with defaults, and builds it back', () => {
    const seed = parseOtpauth('otpauth://totp/Facebook:prensa%40zafiroquinta.gob.pe?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Facebook');
    expect(seed).toEqual({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      algorithm: 'sha1',
      digits: 6,
      period: 30,
      issuer: 'Facebook',
      label: 'prensa@zafiroquinta.gob.pe',
    });
    expect(parseOtpauth(buildOtpauth(seed as TotpSeed))).toEqual(seed);
    expect(parseOtpauth('otpauth://totp/X?secret=jbswy3dpehpk3pxp&algorithm=SHA512&digits=8&period=60')).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'sha512',
      digits: 8,
      period: 60,
      issuer: null,
      label: 'X',
    });
  });

  const MALFORMED: [string, string][] = [
    ['', 'not_otpauth'],
    ['JBSWY3DPEHPK3PXP', 'not_otpauth'],
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'not_otpauth'],
    ['otpauth:/totp/A?secret=JBSWY3DPEHPK3PXP', 'not_otpauth'],
    ['mailto:otpauth://totp/A?secret=JBSWY3DPEHPK3PXP', 'not_otpauth'],
    ['otpauth://hotp/A?secret=JBSWY3DPEHPK3PXP&counter=1', 'hotp_unsupported'],
    ['otpauth://totp/A', 'missing_secret'],
    ['otpauth://totp/A?issuer=ACME', 'missing_secret'],
    ['otpauth://totp/A?secret=&issuer=ACME', 'missing_secret'],
    ['otpauth://totp/A?secret=JBSW1Y3DPEHPK3PX', 'bad_base32'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PX!', 'bad_base32'],
    ['otpauth://totp/A?secret=JBSWY3DP%C3%91EHPK3PXP', 'bad_base32'],
    ['otpauth://totp/A?secret=8888888888888888', 'bad_base32'],
    ['otpauth://totp/A?secret=JBSWY3DP', 'secret_too_short'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3P', 'secret_too_short'],
    [`otpauth://totp/A?secret=${'A'.repeat(120)}`, 'secret_too_long'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'unsupported_algorithm'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&algorithm=SHA3', 'unsupported_algorithm'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&algorithm=', 'unsupported_algorithm'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=9', 'bad_digits'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=4', 'bad_digits'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=0', 'bad_digits'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=six', 'bad_digits'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=0', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=100000', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=-30', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=15', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=30s', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&period=1e3', 'bad_period'],
    ['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP&digits=8.5', 'bad_digits'],
  ];

  it(`refuses ${MALFORMED.length} malformed URIs, each with its own reason`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
    for (const [uri, reason] of MALFORMED) expect(parseOtpauth(uri), uri).toMatchObject({ code: 'TOTP_INVALID', details: { reason } });
  });

  it('never throws, whatever the input (fast-check)', () => {
    const otpauthish = fc
      .tuple(
        fc.constantFrom('otpauth://totp/', 'otpauth://hotp/', 'otpauth://', ''),
        fc.string(),
        fc.array(fc.tuple(fc.constantFrom('secret', 'algorithm', 'digits', 'period', 'issuer', 'counter', 'x'), fc.string()), { maxLength: 6 }),
      )
      .map(([prefix, label, params]) => `${prefix}${label}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), otpauthish), (text) => {
        const result = parseOtpauth(text);
        expect('code' in result ? result.code : 'ok').toMatch(/^(TOTP_INVALID|ok)$/);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('typed base32 secrets', () => {
  it('tolerates spaces, dashes, lower case and padding', () => {
    expect(readBase32Secret('jbsw y3dp-ehpk 3pxp====')).toEqual({ secret: 'JBSWY3DPEHPK3PXP' });
  });
  it.each([
    ['', 'missing_secret'],
    ['   ', 'missing_secret'],
    ['JBSWY3DPEHPK3PX0', 'bad_base32'],
    ['JBSWY3D', 'secret_too_short'],
    ['JBSWY3DPEHPK3PXPA', 'bad_base32'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(readBase32Secret(text)).toMatchObject({ code: 'TOTP_INVALID', details: { reason } });
  });
  it('refuses parameters out of range', () => {
    expect(checkSeed({ secret: 'JBSWY3DPEHPK3PXP', digits: 5 })).toMatchObject({ details: { reason: 'bad_digits' } });
    expect(checkSeed({ secret: 'JBSWY3DPEHPK3PXP', period: 45 })).toMatchObject({ details: { reason: 'bad_period' } });
  });
});

describe('codes', () => {
  it('equal otplib’s own generateSync for random seeds, parameters and times (fast-check)', () => {
    const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.constantFrom('sha1', 'sha256', 'sha512' as const),
        fc.constantFrom(6, 7, 8 as const),
        fc.constantFrom(30, 60 as const),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (key, algorithm, digits, period, epoch) => {
          expect(totpCodeForKey(key, algorithm, digits, epoch, period)).toBe(generateSync({ secret: key, algorithm, digits, period, epoch, guardrails }));
        },
      ),
      { numRuns: 500 },
    );
  });

  const seed = checkSeed({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }) as TotpSeed; // base32 of RFC 6238's SHA-1 key
  it('match the RFC key given in base32, with the seconds left in the period', () => {
    expect(totpCode({ ...seed, digits: 8 }, 59)).toEqual({ code: '94287082', remaining: 1, next: totpCodeForKey(KEYS.sha1, 'sha1', 8, 60) });
  });
  it('show the next code only during the last 5 seconds', () => {
    expect(totpCode(seed, 1111111100)).toMatchObject({ remaining: 10, next: null });
    expect(totpCode(seed, 1111111105).next).toBe(totpCode(seed, 1111111110).code);
    expect(totpCode({ ...seed, period: 60 }, 1111111105)).toMatchObject({ remaining: 35, next: null });
  });
});
