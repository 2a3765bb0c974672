import type { Db } from '../db';
import type { KeyholderRole, KeyholderStatus } from '../../../shared/domain';
import type { KdfParams } from '../kdf';

export interface KeyholderRow {
  id: string;
  role: KeyholderRole;
  status: KeyholderStatus;
  version: number;
  name: Uint8Array;
  kdf: KdfParams;
  wrappedVk: Uint8Array | null;
  signPublicKey: Uint8Array;
  sealedSignSecret: Uint8Array | null;
  createdAt: string;
  retiredAt: string | null;
}

interface RawKeyholder {
  id: string;
  role: KeyholderRole;
  status: KeyholderStatus;
  version: number;
  name: Buffer;
  kdf_alg: 'argon2id13';
  kdf_opslimit: number;
  kdf_memlimit: number;
  kdf_salt: Buffer;
  wrapped_vk: Buffer | null;
  sign_public_key: Buffer;
  sealed_sign_secret: Buffer | null;
  created_at: string;
  retired_at: string | null;
}

const fromRaw = (r: RawKeyholder): KeyholderRow => ({
  id: r.id,
  role: r.role,
  status: r.status,
  version: r.version,
  name: r.name,
  kdf: { alg: r.kdf_alg, opslimit: r.kdf_opslimit, memlimit: r.kdf_memlimit, salt: r.kdf_salt },
  wrappedVk: r.wrapped_vk,
  signPublicKey: r.sign_public_key,
  sealedSignSecret: r.sealed_sign_secret,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
});

export function insertKeyholder(db: Db, k: KeyholderRow): void {
  db.prepare(
    `INSERT INTO keyholders (id, role, status, version, name, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt,
       wrapped_vk, sign_public_key, sealed_sign_secret, created_at, retired_at)
     VALUES (@id, @role, @status, @version, @name, @alg, @opslimit, @memlimit, @salt,
       @wrappedVk, @signPublicKey, @sealedSignSecret, @createdAt, @retiredAt)`,
  ).run({ ...k, ...k.kdf });
}

export function findKeyholder(db: Db, id: string): KeyholderRow | undefined {
  const raw = db.prepare('SELECT * FROM keyholders WHERE id = ?').get(id) as RawKeyholder | undefined;
  return raw && fromRaw(raw);
}

const ROLE_ORDER = `CASE role WHEN 'administrator' THEN 1 WHEN 'head' THEN 2 ELSE 3 END`;

export function listKeyholders(db: Db): KeyholderRow[] {
  return (db.prepare(`SELECT * FROM keyholders ORDER BY status, ${ROLE_ORDER}, created_at`).all() as RawKeyholder[]).map(fromRaw);
}

/** Public keys of every keyholder ever enrolled, retired included: old signatures stay verifiable. */
export function signingPublicKeys(db: Db): Map<string, Uint8Array> {
  const rows = db.prepare('SELECT id, sign_public_key FROM keyholders').all() as { id: string; sign_public_key: Buffer }[];
  return new Map(rows.map((r) => [r.id, r.sign_public_key]));
}
