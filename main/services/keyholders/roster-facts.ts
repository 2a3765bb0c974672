import type { KeyholderLine } from '../../../shared/accounts';
import type { KeyholderRole } from '../../../shared/domain';
import { CustodiaError } from '../../domain/errors';
import type { ActiveKeyholder } from '../../domain/keyholder-roles';
import type { AppError } from '../../../shared/result';
import type { Db } from '../../vault/db';
import { openText } from '../../vault/fields';
import { publicKeyFingerprint } from '../../vault/keyring';
import { readRoster } from '../../vault/integrity/roster';
import { findKeyholder } from '../../vault/repositories/keyholders';
import type { Sodium } from '../../vault/sodium';
import type { KindServices, VaultContext } from '../cosign/change-kind';

/**
 * What the keyholder kinds judge, read from the signed roster (roles, who is retired) and from rows
 * checked against the log first: a keyholder made "active" again with sqlite3 is tampering, not a fact.
 */
export function activeKeyholders(db: Db, s: Sodium, services: Pick<KindServices, 'integrity'>): ActiveKeyholder[] {
  const ids = (db.prepare(`SELECT id FROM keyholders WHERE status = 'active'`).pluck().all() as string[]).sort();
  services.integrity.assertRows(ids.map((id) => ['keyholders', id] as const));
  const roster = readRoster(db, s);
  return ids.map((id) => {
    const member = roster?.get(id);
    if (roster && (!member || member.retiredAt !== undefined)) throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: id });
    return { id, role: member?.role ?? findKeyholder(db, id)!.role };
  });
}

export const openHandoverRoles = (db: Db): KeyholderRole[] => db.prepare(`SELECT role FROM handovers WHERE status = 'open'`).pluck().all() as KeyholderRole[];

export function openHandover(db: Db, id: string): { id: string; role: KeyholderRole; outgoing: string; incoming: string } | undefined {
  return db
    .prepare(`SELECT id, role, outgoing_keyholder_id AS outgoing, incoming_keyholder_id AS incoming FROM handovers WHERE id = ? AND status = 'open'`)
    .get(id) as { id: string; role: KeyholderRole; outgoing: string; incoming: string } | undefined;
}

/** The open handover a keyholder is the outgoing or the incoming one of. */
export function openHandoverOf(db: Db, keyholderId: string): { id: string; outgoing: string; incoming: string } | undefined {
  return db
    .prepare(
      `SELECT id, outgoing_keyholder_id AS outgoing, incoming_keyholder_id AS incoming FROM handovers
       WHERE status = 'open' AND (outgoing_keyholder_id = ? OR incoming_keyholder_id = ?)`,
    )
    .get(keyholderId, keyholderId) as { id: string; outgoing: string; incoming: string } | undefined;
}

export function keyholderLine({ db, s, keys }: VaultContext, id: string): KeyholderLine {
  const k = findKeyholder(db, id);
  if (!k) throw new CustodiaError('KEYHOLDER_UNKNOWN');
  const name = openText(s, keys.records, { table: 'keyholders', rowId: k.id, column: 'name', version: k.version }, k.name);
  return { id, name, role: k.role, fingerprint: publicKeyFingerprint(s, k.signPublicKey) };
}

export const refuse = (e: AppError | null): void => {
  if (e) throw new CustodiaError(e.code, e.details, e.rule);
};
