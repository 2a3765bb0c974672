import { IMPORT_MAX_ROWS } from '../../../shared/import';
import { KDBX_MAX_BYTES } from '../../../shared/kdbx-import';
import { CustodiaError } from '../../domain/errors';
import type { KdbxEntryPlain } from '../../domain/import/kdbx-entries';
import { kdbxweb, readOuterHeader, type Kdbx, type KdbxGroup, type ProtectedValue } from '../../vault/kdbx';

/**
 * Opening the office's KeePass file (issue 18, scope 4) with kdbxweb. Its outer header is read
 * first, before any key is derived: a KDBX 3 (or older) file is refused by its version, and a
 * KDF that would hold the workstation for minutes (a hostile file may ask for terabytes or 2^64
 * rounds) is refused by its cost. Refusals say why, never echo the passphrase or the bytes.
 * Argon2 (KDBX 4's usual KDF) runs in a worker thread (main/vault/kdbx-argon2.ts); the older AES-KDF,
 * which keepassxc-cli still writes, runs in kdbxweb on this thread, bounded as above.
 */

/** Bounds far above what KeePass and KeePassXC choose (64 MiB–1 GiB, 2–10 passes; AES-KDF for ~1 s ≈ 20 M rounds). */
export const KDF_BOUNDS = { argon2MemoryBytes: 2 * 1024 ** 3, argon2Iterations: 100, argon2Parallelism: 64, aesRounds: 100_000_000 } as const;

export interface KdbxRead {
  version: string;
  entries: KdbxEntryPlain[];
}

const invalid = (reason: string, extra: Record<string, string | number> = {}) => new CustodiaError('IMPORT_KDBX_INVALID', { reason, ...extra });

function assertAffordable(file: ArrayBuffer): string {
  let header;
  try {
    header = readOuterHeader(file);
  } catch (error) {
    if (error instanceof kdbxweb.KdbxError && error.code === kdbxweb.Consts.ErrorCodes.InvalidVersion)
      throw new CustodiaError('IMPORT_KDBX_VERSION', { version: 'unknown' });
    throw invalid('not_kdbx');
  }
  const version = `${header.versionMajor}.${header.versionMinor}`;
  if (header.versionMajor < 4) throw new CustodiaError('IMPORT_KDBX_VERSION', { version });
  const { kdf } = header;
  if (kdf.kind === 'unknown') throw invalid('kdf_unknown');
  const costly =
    kdf.kind === 'aes'
      ? !(kdf.rounds <= KDF_BOUNDS.aesRounds)
      : !(kdf.memoryBytes <= KDF_BOUNDS.argon2MemoryBytes && kdf.iterations <= KDF_BOUNDS.argon2Iterations && kdf.parallelism <= KDF_BOUNDS.argon2Parallelism);
  if (costly) throw invalid('kdf_too_costly');
  return version;
}

const textOf = (value: string | ProtectedValue | undefined): string => (value === undefined ? '' : typeof value === 'string' ? value : value.getText());

/** The file's entries in its order (a group's entries, then its subgroups), the recycle bin left out. */
function entriesOf(db: Kdbx): KdbxEntryPlain[] {
  const bin = db.meta.recycleBinUuid;
  const out: KdbxEntryPlain[] = [];
  const walk = (group: KdbxGroup, path: string[]) => {
    for (const entry of group.entries) {
      if (out.length >= IMPORT_MAX_ROWS) throw invalid('too_many_entries', { max: IMPORT_MAX_ROWS });
      const field = (name: string) => textOf(entry.fields.get(name));
      out.push({
        row: out.length + 1,
        groupPath: path,
        title: field('Title'),
        userName: field('UserName'),
        password: field('Password'),
        url: field('URL'),
        notes: field('Notes'),
        // KeePassXC keeps the seed in `otp`; KeePass 2.47+ in `TimeOtp-Secret-Base32`.
        otp: field('otp') || field('TimeOtp-Secret-Base32'),
      });
    }
    for (const sub of group.groups) if (!(bin && sub.uuid.equals(bin))) walk(sub, [...path, sub.name ?? '']);
  };
  walk(db.getDefaultGroup(), []);
  return out;
}

/** Decodes, checks the header, derives the key with the file's passphrase and reads every entry. */
export async function readKdbx(base64: string, passphrase: string): Promise<KdbxRead> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength > KDBX_MAX_BYTES) throw invalid('too_large', { max: KDBX_MAX_BYTES });
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const version = assertAffordable(file);
  let db: Kdbx;
  try {
    db = await kdbxweb.Kdbx.load(file, new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(passphrase)));
  } catch (error) {
    if (error instanceof kdbxweb.KdbxError && error.code === kdbxweb.Consts.ErrorCodes.InvalidKey) throw new CustodiaError('IMPORT_KDBX_PASSPHRASE');
    throw invalid('corrupt');
  }
  return { version, entries: entriesOf(db) };
}
