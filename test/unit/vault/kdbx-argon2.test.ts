import { describe, expect, it } from 'vitest';
import { argon2InWorker } from '../../../main/vault/kdbx-argon2';
import { loadSodium } from '../../../main/vault/sodium';

/**
 * The Argon2 that opens KeePass files (issue 18, scope 4): hash-wasm in a worker thread. Its
 * Argon2id must be libsodium's (the vault's own reference implementation) for the same input,
 * and the key it is given must leave the main thread (transferred, then zeroed in the worker).
 */
describe('argon2InWorker', () => {
  it('computes libsodium’s Argon2id 1.3 for the same password, salt and cost', async () => {
    const s = await loadSodium();
    const password = new TextEncoder().encode('clave compuesta de prueba');
    const salt = new Uint8Array(16).map((_, i) => i * 11 + 3);
    const expected = s.crypto_pwhash(32, password, salt, 2, 8 * 1024 * 1024, s.crypto_pwhash_ALG_ARGON2ID13);
    const sent = password.slice();
    const hash = await argon2InWorker({ password: sent, salt, memory: 8 * 1024, iterations: 2, length: 32, parallelism: 1, variant: 'argon2id' });
    expect(s.to_hex(hash)).toBe(s.to_hex(expected));
    expect(sent.byteLength).toBe(0);
  });

  it('gives Argon2d a different key than Argon2id for the same input', async () => {
    const job = () => ({ password: new Uint8Array(32).fill(7), salt: new Uint8Array(16).fill(1), memory: 1024, iterations: 1, length: 32, parallelism: 2 });
    const d = await argon2InWorker({ ...job(), variant: 'argon2d' });
    const id = await argon2InWorker({ ...job(), variant: 'argon2id' });
    expect(d).toHaveLength(32);
    expect(Buffer.from(d).equals(Buffer.from(id))).toBe(false);
  });

  it('rejects parameters Argon2 refuses, without hanging', async () => {
    const job = {
      password: new Uint8Array(32),
      salt: new Uint8Array(2),
      memory: 1024,
      iterations: 1,
      length: 32,
      parallelism: 1,
      variant: 'argon2id' as const,
    };
    await expect(argon2InWorker(job)).rejects.toThrow('argon2 failed');
  });
});
