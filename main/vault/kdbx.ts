import * as kdbxNamespace from 'kdbxweb';
import { argon2InWorker } from './kdbx-argon2';

/**
 * KeePass files (KDBX, issue 18: import and export) through kdbxweb, a kept library, with hash-wasm's
 * Argon2 as its KDF (kdbxweb brings none), run in a worker thread (./kdbx-argon2.ts). Set here once,
 * so that every use of kdbxweb in Custodia goes through this module and finds it set.
 */
type KdbxWeb = typeof kdbxNamespace;
/** kdbxweb ships as a UMD bundle: Node's own ESM loader (the bench under tsx) hands it over as `default`, bundlers and vitest as the namespace. */
const interop = kdbxNamespace as KdbxWeb & { default?: KdbxWeb };
export const kdbxweb: KdbxWeb = interop.default?.Kdbx ? interop.default : kdbxNamespace;
export type { Kdbx, KdbxGroup, ProtectedValue } from 'kdbxweb';

const ARGON2_VERSION_13 = 0x13;

kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type, version) => {
  // hash-wasm implements Argon2 1.3 only; KeePass has written 1.3 since its first KDBX 4.
  if (version !== ARGON2_VERSION_13) throw new kdbxweb.KdbxError(kdbxweb.Consts.ErrorCodes.Unsupported, 'argon2 version');
  const hash = await argon2InWorker({
    // A copy: kdbxweb keeps and zeroes its own; this one is transferred to the thread and zeroed there.
    password: new Uint8Array(password.slice(0)),
    salt: new Uint8Array(salt.slice(0)),
    memory,
    iterations,
    length,
    parallelism,
    variant: type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? 'argon2id' : 'argon2d',
  });
  return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
});

/** What a KDBX file's outer header says before any key is derived: its version and the cost of its KDF. */
export interface KdbxOuterHeader {
  versionMajor: number;
  versionMinor: number;
  kdf: { kind: 'aes'; rounds: number } | { kind: 'argon2'; memoryBytes: number; iterations: number; parallelism: number } | { kind: 'unknown' };
}

const KDF_AES: readonly string[] = [kdbxweb.Consts.KdfId.Aes];
const KDF_ARGON2: readonly string[] = [kdbxweb.Consts.KdfId.Argon2, kdbxweb.Consts.KdfId.Argon2d, kdbxweb.Consts.KdfId.Argon2id];

const numberOf = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (value instanceof kdbxweb.Int64) return value.value;
  return Number.NaN;
};

/** Reads the outer header only (throws kdbxweb's KdbxError on a file that is not KDBX). */
export function readOuterHeader(file: ArrayBuffer): KdbxOuterHeader {
  const ctx = new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() });
  const header = kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(file), ctx);
  const versionMajor = header.versionMajor ?? 0;
  const versionMinor = header.versionMinor ?? 0;
  const params = header.kdfParameters;
  if (versionMajor < 4 || !params) return { versionMajor, versionMinor, kdf: { kind: 'unknown' } };
  const uuid = params.get('$UUID');
  const id = uuid instanceof ArrayBuffer ? kdbxweb.ByteUtils.bytesToBase64(uuid) : '';
  if (KDF_AES.includes(id)) return { versionMajor, versionMinor, kdf: { kind: 'aes', rounds: numberOf(params.get('R')) } };
  if (KDF_ARGON2.includes(id)) {
    return {
      versionMajor,
      versionMinor,
      kdf: { kind: 'argon2', memoryBytes: numberOf(params.get('M')), iterations: numberOf(params.get('I')), parallelism: numberOf(params.get('P')) },
    };
  }
  return { versionMajor, versionMinor, kdf: { kind: 'unknown' } };
}
