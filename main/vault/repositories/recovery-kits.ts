import type { Db } from '../db';
import { openJson, sealJson, type FieldRef } from '../fields';
import type { Sodium } from '../sodium';

/** One emergency kit (issue 18; migration 012). Written only by services/kit in the transaction of its audit event. */
export interface RecoveryKitRow {
  id: string;
  requestId: string;
  issuedBy: string;
  issuedAt: string;
  status: 'issued' | 'used' | 'superseded';
  closedAt: string | null;
  threshold: number | null;
  shares: number | null;
  holders: Uint8Array | null;
  keyCheck: Uint8Array;
  signPublicKey: Uint8Array;
  wrappedVk: Uint8Array | null;
  sealedSignSecret: Uint8Array | null;
}

const COLUMNS = `id, request_id AS requestId, issued_by AS issuedBy, issued_at AS issuedAt, status, closed_at AS closedAt,
  threshold, shares, holders, key_check AS keyCheck, sign_public_key AS signPublicKey, wrapped_vk AS wrappedVk,
  sealed_sign_secret AS sealedSignSecret`;

/** The share holders' names are typed: sealed (written once, VERSION 1; rekey/sealed-columns.ts). */
export const holdersRef = (kitId: string): FieldRef => ({ table: 'recovery_kits', rowId: kitId, column: 'holders', version: 1 });

export function sealHolders(s: Sodium, recordsKey: Uint8Array, kitId: string, holders: readonly string[]): Uint8Array {
  return sealJson(s, recordsKey, holdersRef(kitId), holders);
}

export function openHolders(s: Sodium, recordsKey: Uint8Array, kit: RecoveryKitRow): string[] {
  return kit.holders ? openJson<string[]>(s, recordsKey, holdersRef(kit.id), kit.holders) : [];
}

export function insertKit(db: Db, k: Omit<RecoveryKitRow, 'status' | 'closedAt'>): void {
  db.prepare(
    `INSERT INTO recovery_kits (id, request_id, issued_by, issued_at, status, threshold, shares, holders, key_check, sign_public_key,
       wrapped_vk, sealed_sign_secret)
     VALUES (@id, @requestId, @issuedBy, @issuedAt, 'issued', @threshold, @shares, @holders, @keyCheck, @signPublicKey, @wrappedVk, @sealedSignSecret)`,
  ).run(k);
}

export function kitInForce(db: Db): RecoveryKitRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM recovery_kits WHERE status = 'issued'`).get() as RecoveryKitRow | undefined;
}

export function findKitByRequest(db: Db, requestId: string): RecoveryKitRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM recovery_kits WHERE request_id = ?`).get(requestId) as RecoveryKitRow | undefined;
}

/** Every kit ever issued, the latest first. */
export function listKits(db: Db): RecoveryKitRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM recovery_kits ORDER BY issued_at DESC, rowid DESC`).all() as RecoveryKitRow[];
}

/**
 * The kit in force closed (used by a recovery, or superseded by a new kit or a re-key): its wraps are
 * deleted, so the paper opens nothing from here on. Returns the closed kit's id, if there was one.
 */
export function closeKitInForce(db: Db, status: 'used' | 'superseded', at: string): string | null {
  const kit = kitInForce(db);
  if (!kit) return null;
  db.prepare(`UPDATE recovery_kits SET status = ?, closed_at = ?, wrapped_vk = NULL, sealed_sign_secret = NULL WHERE id = ? AND status = 'issued'`).run(
    status,
    at,
    kit.id,
  );
  return kit.id;
}

/** Kits' public keys, ever issued: the events they signed stay verifiable (audit/verify.ts). */
export function kitPublicKeys(db: Db): Map<string, Uint8Array> {
  // A file before migration 012 (a backup being read) has no kits.
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recovery_kits'`).get()) return new Map();
  const rows = db.prepare('SELECT id, sign_public_key FROM recovery_kits').all() as { id: string; sign_public_key: Buffer }[];
  return new Map(rows.map((r) => [r.id, r.sign_public_key]));
}
