import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { readRoster } from '../../vault/integrity/roster';
import { publicKeyFingerprint } from '../../vault/keyring';
import { findPerson } from '../../vault/repositories/people';
import { keyholderLinks, staffProfileOf } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import type { Actor } from '../vault/session';

export interface ReportSigner {
  publicKey: string;
  fingerprint: string;
  name: string;
  documentId: string | null;
}

/**
 * Who signs the monthly report (SUP-3): the public half of the key they proved, which must be the
 * one the signed roster pins for them (a key slot swapped with sqlite3 signs nothing), its
 * fingerprint as Custodia shows it, and their name and cédula as the staff registry records them.
 */
export function signerOf(s: Sodium, db: Db, recordsKey: Uint8Array, actor: Actor): ReportSigner {
  const key = s.crypto_sign_ed25519_sk_to_pk(actor.signSecret);
  const pinned = readRoster(db, s)?.get(actor.keyholderId)?.key;
  if (!pinned || pinned.toLowerCase() !== s.to_hex(key)) throw new CustodiaError('VAULT_TAMPERED', { part: 'roster' }, 'SUP-3');
  const personId = keyholderLinks(db).byKeyholder.get(actor.keyholderId);
  const person = personId ? findPerson(db, s, recordsKey, personId) : undefined;
  return {
    publicKey: pinned,
    fingerprint: publicKeyFingerprint(s, key),
    name: person?.name ?? keyholderRefs(db, s, recordsKey).get(actor.keyholderId)?.name ?? '',
    documentId: personId ? (staffProfileOf(db, s, recordsKey, personId)?.documentId ?? null) : null,
  };
}
