import { beforeAll, describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../../main/domain/errors';
import { formatRecoveryKey, formatShare, normalizeTyped, parseKit, recoveryKek, splitRecoveryKey, combineShares } from '../../../../main/vault/recovery-key';
import { loadSodium, type Sodium } from '../../../../main/vault/sodium';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A fixed key: the check group's verdict on every one-character change below is the same at every run. */
const KEY = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 255);

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (error) {
    return error instanceof CustodiaError ? error.code : 'untyped';
  }
};

describe('the recovery key on paper (issue 18; docs/decisions/0009-emergency-kit.md)', () => {
  let s: Sodium;
  beforeAll(async () => {
    s = await loadSodium();
  });

  it('is 8 groups of Crockford base32 and a check group, and reads back as typed in any case, with spaces, O for 0 and I or L for 1', () => {
    const text = formatRecoveryKey(s, KEY);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    const parsed = parseKit(s, text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l'));
    expect(parsed).toEqual({ kind: 'key', key: KEY });
    expect(normalizeTyped(' ab-cd–ef ')).toBe('ABCDEF');
  });

  it('refuses every one-character change, a missing or extra group, and characters outside the alphabet, as malformed (KIT_MALFORMED)', () => {
    const body = normalizeTyped(formatRecoveryKey(s, KEY));
    let changes = 0;
    for (let i = 0; i < body.length; i++) {
      for (const c of ALPHABET) {
        if (c === body[i]) continue;
        changes += 1;
        expect(
          codeOf(() => parseKit(s, body.slice(0, i) + c + body.slice(i + 1))),
          `${i}:${c}`,
        ).toBe('KIT_MALFORMED');
      }
    }
    expect(changes).toBe(36 * 31);
    expect(codeOf(() => parseKit(s, body.slice(4)))).toBe('KIT_MALFORMED');
    expect(codeOf(() => parseKit(s, `${body}AAAA`))).toBe('KIT_MALFORMED');
    expect(codeOf(() => parseKit(s, body.replace(/.$/, 'U')))).toBe('KIT_MALFORMED');
    expect(codeOf(() => parseKit(s, ''))).toBe('KIT_MALFORMED');
  });

  it('splits k-of-n: any k shares give the key back, each share carries k, its number and its kit, and a share with k < 2 is malformed', async () => {
    const shares = await splitRecoveryKey(s, KEY, 'kit-a', 3, 5);
    expect(shares).toHaveLength(5);
    const parsed = shares.map((t) => parseKit(s, t));
    expect(parsed.map((p) => (p.kind === 'share' ? [p.k, p.number] : null))).toEqual([1, 2, 3, 4, 5].map((n) => [3, n]));
    const only = parsed as Extract<ReturnType<typeof parseKit>, { kind: 'share' }>[];
    expect(await combineShares([only[4]!, only[0]!, only[2]!])).toEqual(KEY);
    expect(await combineShares([only[1]!, only[3]!])).not.toEqual(KEY);
    expect(codeOf(() => parseKit(s, formatShare(s, { k: 1, number: 1, tag: 7, share: new Uint8Array(21).fill(9) })))).toBe('KIT_MALFORMED');
  });

  it('derives a different key-encryption key per vault and per kit', () => {
    const a = recoveryKek(s, KEY, 'vault-1', 'kit-a');
    expect(a).toHaveLength(32);
    expect(Buffer.from(recoveryKek(s, KEY, 'vault-2', 'kit-a')).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(recoveryKek(s, KEY, 'vault-1', 'kit-b')).equals(Buffer.from(a))).toBe(false);
  });
});
