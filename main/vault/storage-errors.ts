import { CustodiaError } from '../domain/errors';

type StorageCode = 'STORAGE_FULL' | 'STORAGE_READ_ONLY' | 'STORAGE_UNREADABLE' | 'STORAGE_IO' | 'VAULT_IN_USE';

/** SQLite's primary result codes (extended ones start with these) and the OS's errno names, as the person's problem. */
const SQLITE: ReadonlyArray<[prefix: string, code: StorageCode]> = [
  ['SQLITE_FULL', 'STORAGE_FULL'],
  ['SQLITE_READONLY', 'STORAGE_READ_ONLY'],
  ['SQLITE_CANTOPEN', 'STORAGE_UNREADABLE'],
  ['SQLITE_PERM', 'STORAGE_UNREADABLE'],
  ['SQLITE_AUTH', 'STORAGE_UNREADABLE'],
  ['SQLITE_IOERR', 'STORAGE_IO'],
  ['SQLITE_BUSY', 'VAULT_IN_USE'],
  ['SQLITE_LOCKED', 'VAULT_IN_USE'],
];

const ERRNO: Readonly<Record<string, StorageCode>> = {
  ENOSPC: 'STORAGE_FULL',
  EDQUOT: 'STORAGE_FULL',
  EROFS: 'STORAGE_READ_ONLY',
  EACCES: 'STORAGE_UNREADABLE',
  EPERM: 'STORAGE_UNREADABLE',
  EIO: 'STORAGE_IO',
  ENXIO: 'STORAGE_IO',
  ENODEV: 'STORAGE_IO',
  ESTALE: 'STORAGE_IO',
  ENOTCONN: 'STORAGE_IO',
};

/** The errors that say the file's content is wrong: these, and only these, are "corrupt". */
export function isCorruptContent(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_FORMAT');
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A failure of the disk under the vault, as its typed error; undefined for anything else.
 * `writing` turns "permission denied" into read-only: a folder we could read but not write.
 */
export function storageError(error: unknown, writing = false): CustodiaError | undefined {
  if (error instanceof CustodiaError) return undefined;
  const code = codeOf(error);
  if (!code) return undefined;
  const mapped = code.startsWith('SQLITE_') ? SQLITE.find(([prefix]) => code.startsWith(prefix))?.[1] : ERRNO[code];
  if (!mapped) return undefined;
  const kind = mapped === 'STORAGE_UNREADABLE' && writing ? 'STORAGE_READ_ONLY' : mapped;
  return new CustodiaError(kind, { cause: code });
}
