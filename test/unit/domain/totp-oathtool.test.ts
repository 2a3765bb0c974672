import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { textFault } from '../../../shared/input';
import { describe, expect, it } from 'vitest';
import { buildOtpauth, parseOtpauth, totpCode, type TotpSeed } from '../../../main/domain/totp';

/**
 * Odd but valid otpauth URIs (issue 11), each checked against Debian's oathtool (RFC 6238's
 * reference tool; installed by .ci/run). Without oathtool this test fails: it never skips.
 * Each row states, written by hand, what the URI means; oathtool computes from that statement, so
 * a parser that read a parameter wrong disagrees with it.
 */
const AT = '2026-01-01 00:00:00 UTC';
const EPOCH = Date.parse('2026-01-01T00:00:00Z') / 1000;

interface Meaning {
  secret: string;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  digits?: 6 | 7 | 8;
  period?: 30 | 60;
  issuer: string | null;
  label: string | null;
}

const A = 'JBSWY3DPEHPK3PXP';
const B = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'; // 34 characters: padded with six '=' when padded
const ODD_BUT_VALID: [string, string, Meaning][] = [
  ['scheme and type in upper case', `OTPAUTH://TOTP/ACME:alicia?secret=${A}&issuer=ACME`, { secret: A, issuer: 'ACME', label: 'alicia' }],
  ['type in upper case', `otpauth://TOTP/ACME:alicia?secret=${A}`, { secret: A, issuer: 'ACME', label: 'alicia' }],
  ['mixed-case scheme and type', `OtpAuth://ToTp/prensa?secret=${B}`, { secret: B, issuer: null, label: 'prensa' }],
  [
    'percent-encoded label and issuer',
    `otpauth://totp/Caja%20Municipal%3Aprensa%40zafiroquinta.gob.pe?secret=${A}&issuer=Caja%20Municipal`,
    { secret: A, issuer: 'Caja Municipal', label: 'prensa@zafiroquinta.gob.pe' },
  ],
  [
    'non-ASCII issuer, percent-encoded',
    `otpauth://totp/Munic%C3%ADpio%20%C3%91uble:prensa?secret=${B}&issuer=Munic%C3%ADpio%20%C3%91uble`,
    { secret: B, issuer: 'Município Ñuble', label: 'prensa' },
  ],
  ['issuer only in the label', `otpauth://totp/GitHub:prensa-zq?secret=${A}`, { secret: A, issuer: 'GitHub', label: 'prensa-zq' }],
  ['issuer only as a parameter', `otpauth://totp/prensa-zq?secret=${A}&issuer=GitLab`, { secret: A, issuer: 'GitLab', label: 'prensa-zq' }],
  ['empty issuer parameter: the label’s issuer', `otpauth://totp/TikTok:prensa?secret=${B}&issuer=`, { secret: B, issuer: 'TikTok', label: 'prensa' }],
  ['issuer parameter first, before the secret', `otpauth://totp/X:prensa?issuer=X&secret=${A}&period=30`, { secret: A, issuer: 'X', label: 'prensa' }],
  ['lower-case base32 secret', `otpauth://totp/prensa?secret=${B.toLowerCase()}`, { secret: B, issuer: null, label: 'prensa' }],
  ['padding =', `otpauth://totp/prensa?secret=${B}======`, { secret: B, issuer: null, label: 'prensa' }],
  ['percent-encoded padding', `otpauth://totp/prensa?secret=${B}%3D%3D%3D%3D%3D%3D`, { secret: B, issuer: null, label: 'prensa' }],
  ['spaces in the secret', `otpauth://totp/prensa?secret=JBSW%20Y3DP%20EHPK%203PXP`, { secret: A, issuer: null, label: 'prensa' }],
  [
    'SHA256, 8 digits, 60 s',
    `otpauth://totp/AWS:prensa?secret=${B}&algorithm=SHA256&digits=8&period=60`,
    { secret: B, algorithm: 'sha256', digits: 8, period: 60, issuer: 'AWS', label: 'prensa' },
  ],
  [
    'SHA512, 7 digits',
    `otpauth://totp/prensa?secret=${A}&algorithm=SHA512&digits=7`,
    { secret: A, algorithm: 'sha512', digits: 7, issuer: null, label: 'prensa' },
  ],
  [
    'lower-case algorithm, 60 s',
    `otpauth://totp/prensa?secret=${A}&algorithm=sha256&period=60`,
    { secret: A, algorithm: 'sha256', period: 60, issuer: null, label: 'prensa' },
  ],
  [
    'everything at once',
    `OTPAUTH://TOTP/Caja%20Municipal:prensa?secret=${B.toLowerCase()}%3D%3D%3D%3D%3D%3D&issuer=&algorithm=SHA512&digits=8&period=60`,
    { secret: B, algorithm: 'sha512', digits: 8, period: 60, issuer: 'Caja Municipal', label: 'prensa' },
  ],
];

function oathtool(m: Meaning, at = AT): string {
  const algorithm = (m.algorithm ?? 'sha1').toUpperCase();
  return execFileSync('oathtool', [`--totp=${algorithm}`, `--digits=${m.digits ?? 6}`, `--time-step-size=${m.period ?? 30}s`, `--now=${at}`, '-b', m.secret], {
    encoding: 'utf8',
  }).trim();
}

describe('odd but valid otpauth URIs give oathtool’s codes', () => {
  it('oathtool is installed (CI installs it; the table below needs it)', () => {
    expect(execFileSync('oathtool', ['--version'], { encoding: 'utf8' })).toMatch(/OATH Toolkit/);
    expect(oathtool({ secret: A, issuer: null, label: null })).toMatch(/^\d{6}$/);
  });

  it.each(ODD_BUT_VALID)('%s', (_, uri, meaning) => {
    const seed = parseOtpauth(uri);
    expect(seed, uri).toEqual({ algorithm: 'sha1', digits: 6, period: 30, ...meaning });
    for (const [at, epoch] of [
      [AT, EPOCH],
      ['2026-01-01 00:00:59 UTC', EPOCH + 59],
      ['2033-05-18 03:33:20 UTC', 2_000_000_000],
    ] as const) {
      expect(totpCode(seed as TotpSeed, epoch).code, `${uri} at ${at}`).toBe(oathtool(meaning, at));
    }
  });

  it.each([
    'OTPAUTH://HOTP/A?secret=JBSWY3DPEHPK3PXP&counter=1',
    'otpauth://HOTP/A?secret=JBSWY3DPEHPK3PXP&counter=1',
    'OtpAuth://hOtP/A?secret=JBSWY3DPEHPK3PXP&counter=1',
  ])('HOTP in any case is still refused: %s', (uri) => {
    expect(parseOtpauth(uri)).toMatchObject({ code: 'TOTP_INVALID', details: { reason: 'hotp_unsupported' } });
  });
});

describe('an exported URI carries the seed’s own names', () => {
  const seed = (issuer: string | null, label: string | null): TotpSeed => ({ secret: B, algorithm: 'sha256', digits: 8, period: 60, issuer, label });

  it('no issuer when the seed had none: never “Custodia”', () => {
    for (const label of ['prensa', null]) {
      const uri = buildOtpauth(seed(null, label));
      expect(uri).not.toMatch(/custodia|issuer=/i);
      expect(parseOtpauth(uri)).toEqual(seed(null, label));
    }
    expect(buildOtpauth(seed('Caja Municipal', null))).toMatch(/^otpauth:\/\/totp\/Caja%20Municipal:\?.*&issuer=Caja%20Municipal/);
  });

  it('reads back as the same seed, whatever its names (fast-check)', () => {
    // Names as shared/input.ts lets them in: visible, no controls or direction overrides, already in compatibility form.
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter(
        (s) => s.length > 0 && !s.includes(':') && textFault(s, 'identifier') === undefined && s.normalize('NFKC') === s && s.normalize('NFKC').trim() === s,
      );
    fc.assert(
      fc.property(fc.option(name), fc.option(name), (issuer, label) => {
        expect(parseOtpauth(buildOtpauth(seed(issuer, label)))).toEqual(seed(issuer, label));
      }),
      { numRuns: 500 },
    );
  });
});
