import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KDF_MINIMUM, KdfWorker, assertKdfParams, newKdfParams, passphraseBytes } from '../../../main/vault/kdf';
import { loadSodium, type Sodium } from '../../../main/vault/sodium';

let s: Sodium;
const worker = new KdfWorker();
beforeAll(async () => {
  s = await loadSodium();
});
afterAll(() => worker.close());

describe('Argon2id key derivation', () => {
  it('new parameters are Argon2id at the floor: 256 MiB, 3 passes, 16-byte salt', () => {
    const params = newKdfParams();
    expect(params).toMatchObject({ alg: 'argon2id13', opslimit: 3, memlimit: 256 * 1024 * 1024 });
    expect(params.salt).toHaveLength(16);
    expect(s.crypto_pwhash_ALG_ARGON2ID13).toBe(2);
  });

  it.each([[{ opslimit: 2 }], [{ memlimit: KDF_MINIMUM.memlimit / 2 }], [{ salt: new Uint8Array(8) }]])(
    'refuses parameters below the floor: %o',
    async (weaker) => {
      const params = { ...newKdfParams(), ...weaker };
      expect(() => assertKdfParams(params)).toThrow(expect.objectContaining({ code: 'KDF_PARAMS_TOO_WEAK' }));
      await expect(worker.derive(passphraseBytes('x'), params)).rejects.toMatchObject({ code: 'KDF_PARAMS_TOO_WEAK' });
    },
  );

  it('the worker derives what libsodium derives on this thread, and zeroes the passphrase it was given', async () => {
    const params = newKdfParams();
    const input = passphraseBytes('murciélago sereno');
    const expected = s.crypto_pwhash(32, input.slice(), params.salt, params.opslimit, params.memlimit, s.crypto_pwhash_ALG_ARGON2ID13);
    const derived = await worker.derive(input, params);
    expect(Buffer.compare(derived, expected)).toBe(0);
    expect(input.byteLength).toBe(0); // transferred to the worker: detached here
  });

  it('normalizes passphrases to NFC so composed and decomposed accents match', () => {
    expect(Buffer.compare(passphraseBytes('murcie\u0301lago'), passphraseBytes('murci\u00e9lago'))).toBe(0);
  });
});
