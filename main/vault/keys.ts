import type { Sodium } from './sodium';
import { randomKeyBytes } from './aead';

/**
 * The vault key (VK) never leaves the main process. Everything is sealed with sub-keys derived
 * from it with crypto_kdf, one per purpose, so a key used for fingerprints never seals a record.
 */
const KDF_CONTEXT = 'custodia';
const SUBKEY_IDS = { records: 1, fingerprints: 2, backups: 3, audit: 4 } as const;

export interface VaultKeys {
  vk: Uint8Array;
  records: Uint8Array;
  fingerprints: Uint8Array;
  backups: Uint8Array;
  audit: Uint8Array;
}

export function generateVaultKey(): Uint8Array {
  return randomKeyBytes(32);
}

export function deriveVaultKeys(s: Sodium, vk: Uint8Array): VaultKeys {
  const sub = (id: number) => s.crypto_kdf_derive_from_key(32, id, KDF_CONTEXT, vk);
  return {
    vk,
    records: sub(SUBKEY_IDS.records),
    fingerprints: sub(SUBKEY_IDS.fingerprints),
    backups: sub(SUBKEY_IDS.backups),
    audit: sub(SUBKEY_IDS.audit),
  };
}

export function wipeVaultKeys(s: Sodium, keys: VaultKeys): void {
  for (const key of Object.values(keys)) s.memzero(key);
}
