import Database from 'better-sqlite3';
import { BACKUP_FORMAT } from '../../../shared/backup';
import { CustodiaError } from '../../domain/errors';
import { lastEvent } from '../../vault/audit/log';
import type { Db } from '../../vault/db';
import { readRoster } from '../../vault/integrity/roster';
import { listKeyholders } from '../../vault/repositories/keyholders';
import { readMeta } from '../../vault/repositories/meta';
import type { Sodium } from '../../vault/sodium';
import { DIGEST_PLACEHOLDER, type BackupHeader, type KeySlot } from './format';

/**
 * A consistent copy of the vault: SQLite's VACUUM INTO writes one self-contained file from a single
 * read transaction (the WAL's committed pages included), without holding the writer. Every table is
 * copied, whatever tables a later version adds: nothing here names one.
 */
export function takeSnapshot(db: Db, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

/** Rows per table, every table of the file (SQLite's own excepted). */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      db
        .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/**
 * The key slots that can open the backup: active members of the signed roster (roles from there,
 * never from the slot's own column) whose vault key is wrapped under their passphrase. A keyholder
 * whose key still waits in a box (enrolled or re-keyed, not unlocked since) cannot open this backup.
 */
export function keySlots(db: Db, s: Sodium): KeySlot[] {
  const roster = readRoster(db, s);
  return listKeyholders(db).flatMap((k) => {
    const member = roster?.get(k.id);
    const key = s.to_hex(k.signPublicKey);
    if (k.status !== 'active' || !k.wrappedVk || !member || member.retiredAt !== undefined || member.key !== key) return [];
    return [
      {
        id: k.id,
        role: member.role,
        kdf: { alg: k.kdf.alg, opslimit: k.kdf.opslimit, memlimit: k.kdf.memlimit, salt: s.to_hex(k.kdf.salt) },
        wrappedVk: s.to_hex(k.wrappedVk),
        signPublicKey: key,
      },
    ];
  });
}

/** The header of a backup of `snapshot`, its body's digest still a placeholder. */
export function snapshotHeader(
  s: Sodium,
  snapshot: string,
  signer: { keyholderId: string; publicKey: Uint8Array },
  createdAt: string,
  chunkBytes: number,
  nativeBinding?: string,
): BackupHeader {
  const db = new Database(snapshot, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const head = lastEvent(db);
    const keyholders = keySlots(db, s);
    if (!keyholders.some((k) => k.id === signer.keyholderId)) throw new CustodiaError('KEYHOLDER_UNKNOWN');
    return {
      format: BACKUP_FORMAT,
      createdAt,
      vaultId: String(readMeta(db, 'vault_id') ?? ''),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      chainHead: { seq: head.seq, hash: s.to_hex(head.hash) },
      counts: tableCounts(db),
      keyholders,
      signer: { keyholderId: signer.keyholderId, publicKey: s.to_hex(signer.publicKey) },
      chunkBytes,
      bodyDigest: DIGEST_PLACEHOLDER,
    };
  } finally {
    db.close();
  }
}
