import { CustodiaError } from '../../domain/errors';
import { readSealedHead } from '../audit/log';
import type { Db } from '../db';
import type { RosterMember } from '../integrity/roster';
import { deriveVaultKeys, wipeVaultKeys } from '../keys';
import { boxVaultKey, openBoxedVaultKey } from '../keyring';
import type { Sodium } from '../sodium';

/**
 * The vault key boxed for a keyholder whose passphrase was not typed when it was made (an enrolment,
 * a re-key): sent by the keyholder who authorized it, opened at the recipient's next unlock with the
 * signing secret only their passphrase opens, then replaced by an ordinary wrap (HAND-1).
 */
export interface PendingWrap {
  keyholderId: string;
  senderId: string;
  box: Uint8Array;
}

export function pendingWrapOf(db: Db, keyholderId: string): PendingWrap | undefined {
  const row = db.prepare('SELECT keyholder_id, sender_id, box FROM keyholder_pending_wraps WHERE keyholder_id = ?').get(keyholderId) as
    { keyholder_id: string; sender_id: string; box: Buffer } | undefined;
  return row && { keyholderId: row.keyholder_id, senderId: row.sender_id, box: row.box };
}

/** Boxes `vk` for the keyholder; their ordinary wrap goes until they claim it. */
export function putPendingWrap(
  db: Db,
  s: Sodium,
  wrap: { keyholderId: string; recipientKey: Uint8Array; senderId: string; senderSecret: Uint8Array; vk: Uint8Array; at: string },
): void {
  const box = boxVaultKey(s, wrap.vk, wrap.senderSecret, wrap.recipientKey, wrap.keyholderId);
  db.prepare(
    `INSERT INTO keyholder_pending_wraps (keyholder_id, sender_id, box, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(keyholder_id) DO UPDATE SET sender_id = excluded.sender_id, box = excluded.box, created_at = excluded.created_at`,
  ).run(wrap.keyholderId, wrap.senderId, box, wrap.at);
  db.prepare('UPDATE keyholders SET wrapped_vk = NULL WHERE id = ?').run(wrap.keyholderId);
}

/**
 * Opens a pending wrap. The sender's key is the roster's (never the slot's own column), and the key
 * found must open the vault's sealed chain head: a box made by anyone else, or for another vault
 * key, is tampering, not a wrong passphrase.
 */
export function openPendingWrap(
  db: Db,
  s: Sodium,
  wrap: PendingWrap,
  keyholderId: string,
  signSecret: Uint8Array,
  roster: ReadonlyMap<string, RosterMember> | undefined,
): Uint8Array {
  const senderKey = roster?.get(wrap.senderId)?.key;
  const senderRow = db.prepare('SELECT sign_public_key FROM keyholders WHERE id = ?').get(wrap.senderId) as { sign_public_key: Buffer } | undefined;
  const sender = senderKey ? s.from_hex(senderKey) : senderRow?.sign_public_key;
  if (!sender) throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: keyholderId });
  let vk: Uint8Array;
  try {
    vk = openBoxedVaultKey(s, wrap.box, signSecret, sender, keyholderId);
  } catch {
    throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: keyholderId });
  }
  const keys = deriveVaultKeys(s, vk.slice());
  try {
    readSealedHead(db, s, keys.audit);
  } catch {
    s.memzero(vk);
    throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: keyholderId });
  } finally {
    wipeVaultKeys(s, keys);
  }
  return vk;
}

/**
 * The claim at unlock: an ordinary wrap under the keyholder's passphrase takes over from the box.
 * The box stays (until the next re-key replaces it): it is bound to the event that wrote it, so a
 * box swapped with sqlite3 is still there for the verification to name after it was claimed.
 * Returns the key epoch.
 */
export function claimWrap(db: Db, keyholderId: string, wrapped: Uint8Array): number {
  db.prepare('UPDATE keyholders SET wrapped_vk = ? WHERE id = ? AND wrapped_vk IS NULL').run(wrapped, keyholderId);
  return (db.prepare('SELECT count(*) AS n FROM key_epochs').get() as { n: number }).n;
}
