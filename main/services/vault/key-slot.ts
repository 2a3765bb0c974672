import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { readRoster } from '../../vault/integrity/roster';
import { openSigningSecret, publicKeyFingerprint, unwrapVaultKey, wrapVaultKey } from '../../vault/keyring';
import { findKeyholder } from '../../vault/repositories/keyholders';
import { openPendingWrap, pendingWrapOf } from '../../vault/repositories/pending-wraps';
import type { Sodium } from '../../vault/sodium';

export const fingerprintOf = (s: Sodium, hex: string) => publicKeyFingerprint(s, s.from_hex(hex));

type Keyholder = NonNullable<ReturnType<typeof findKeyholder>>;
type Roster = ReturnType<typeof readRoster>;

/** A keyholder's key slot, checked against the signed roster before any KDF is spent on it. */
export interface CheckedSlot {
  keyholder: Keyholder;
  roster: Roster;
  /** After a re-key (or an enrolment) the vault key waits in a box for this keyholder's first unlock. */
  pending: ReturnType<typeof pendingWrapOf>;
  role: Keyholder['role'];
  fingerprint: string;
  signSecretBox: Uint8Array;
}

/**
 * Whose slot this is: roles and keys come from the signed roster, never from the slot's own
 * columns. A revoked keyholder (HAND-1) is refused by name; an active member of the roster whose
 * slot lost its wrap, box or signing secret, or whose key or role differs from it, is tampering.
 */
export function checkSlot(db: Db, s: Sodium, keyholderId: string): CheckedSlot {
  const keyholder = findKeyholder(db, keyholderId);
  const roster = readRoster(db, s);
  const member = roster?.get(keyholder?.id ?? '');
  if (keyholder && (keyholder.status === 'retired' || member?.retiredAt !== undefined)) throw new CustodiaError('KEYHOLDER_REVOKED');
  const pending = keyholder && !keyholder.wrappedVk ? pendingWrapOf(db, keyholder.id) : undefined;
  if (!keyholder || keyholder.status !== 'active') throw new CustodiaError('KEYHOLDER_UNKNOWN');
  if (!(keyholder.wrappedVk || pending) || !keyholder.sealedSignSecret) {
    const fingerprint = member ? fingerprintOf(s, member.key) : '';
    throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: keyholder.id, fingerprint });
  }
  const slotKey = s.to_hex(keyholder.signPublicKey);
  if (roster && (!member || member.key !== slotKey || member.role !== keyholder.role)) {
    throw new CustodiaError('VAULT_TAMPERED', { part: 'key_slot', keyholder: keyholder.id, fingerprint: member ? fingerprintOf(s, member.key) : '' });
  }
  const fingerprint = fingerprintOf(s, member?.key ?? slotKey);
  return { keyholder, roster, pending, role: member?.role ?? keyholder.role, fingerprint, signSecretBox: keyholder.sealedSignSecret };
}

/**
 * Opens the slot with the passphrase's KEK: the vault key and the signing secret, or, for a key
 * waiting in a box, the signing secret first (only this passphrase opens it, and it opens the box)
 * and the vault key wrapped anew for the slot (`claim`). Throws on a wrong passphrase.
 */
export function openSlot(db: Db, s: Sodium, slot: CheckedSlot, kek: Uint8Array): { vk: Uint8Array; signSecret: Uint8Array; claim?: Uint8Array } {
  const { keyholder, signSecretBox } = slot;
  if (keyholder.wrappedVk) {
    const vk = unwrapVaultKey(s, kek, keyholder.wrappedVk, keyholder.id);
    return { vk, signSecret: openSigningSecret(s, kek, signSecretBox, keyholder.id) };
  }
  const signSecret = openSigningSecret(s, kek, signSecretBox, keyholder.id);
  const vk = openPendingWrap(db, s, slot.pending!, keyholder.id, signSecret, slot.roster);
  return { vk, signSecret, claim: wrapVaultKey(s, kek, vk, keyholder.id) };
}
