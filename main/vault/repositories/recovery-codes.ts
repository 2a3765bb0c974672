import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openText, sealText, type FieldRef } from '../fields';

/** Recovery codes, each sealed on its own row: revealing one opens one box. */
const codeRef = (id: string): FieldRef => ({ table: 'recovery_codes', rowId: id, column: 'code', version: 1 });
const reasonRef = (id: string): FieldRef => ({ table: 'recovery_codes', rowId: id, column: 'used_reason', version: 1 });

export interface RecoveryCodeRow {
  id: string;
  setId: string;
  position: number;
  usedAt: string | null;
  usedBy: string | null;
  usedReason: Buffer | null;
  addedBy: string;
  addedAt: string;
}

export function insertCodeSet(
  db: Db,
  s: Sodium,
  key: Uint8Array,
  set: { accountId: string; setId: string; codes: { id: string; code: string }[]; addedBy: string; addedAt: string },
): void {
  const insert = db.prepare('INSERT INTO recovery_codes (id, account_id, set_id, position, code, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  set.codes.forEach(({ id, code }, i) => insert.run(id, set.accountId, set.setId, i + 1, sealText(s, key, codeRef(id), code), set.addedBy, set.addedAt));
}

export function deleteCodeSet(db: Db, accountId: string): number {
  return db.prepare('DELETE FROM recovery_codes WHERE account_id = ?').run(accountId).changes;
}

export function codesOf(db: Db, accountId: string): RecoveryCodeRow[] {
  return db
    .prepare(
      `SELECT id, set_id AS setId, position, used_at AS usedAt, used_by AS usedBy, used_reason AS usedReason, added_by AS addedBy, added_at AS addedAt
       FROM recovery_codes WHERE account_id = ? ORDER BY position`,
    )
    .all(accountId) as RecoveryCodeRow[];
}

export function codeAccount(db: Db, codeId: string): { accountId: string; setId: string; usedAt: string | null } | undefined {
  return db.prepare('SELECT account_id AS accountId, set_id AS setId, used_at AS usedAt FROM recovery_codes WHERE id = ?').get(codeId) as
    { accountId: string; setId: string; usedAt: string | null } | undefined;
}

export function openCode(db: Db, s: Sodium, key: Uint8Array, codeId: string): string {
  const box = db.prepare('SELECT code FROM recovery_codes WHERE id = ?').pluck().get(codeId) as Buffer;
  return openText(s, key, codeRef(codeId), box);
}

export function markCodeUsed(db: Db, s: Sodium, key: Uint8Array, u: { id: string; usedBy: string; usedAt: string; reason: string }): boolean {
  return (
    db
      .prepare('UPDATE recovery_codes SET used_at = ?, used_by = ?, used_reason = ? WHERE id = ? AND used_at IS NULL')
      .run(u.usedAt, u.usedBy, sealText(s, key, reasonRef(u.id), u.reason), u.id).changes === 1
  );
}

export const openUsedReason = (s: Sodium, key: Uint8Array, id: string, box: Buffer): string => openText(s, key, reasonRef(id), box);
