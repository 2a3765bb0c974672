import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { AeadOpenError, openBox, sealBox } from '../aead';
import { fieldAd, type FieldRef } from '../fields';
import { CustodiaError } from '../../domain/errors';

/**
 * Key epochs: epoch 0 is the vault's first key, and each re-key ends the current one. The
 * fingerprints sub-key of every ended epoch stays in key_epochs, sealed under the current records
 * key (re-sealed at every re-key, like any sealed column: sealed-columns.ts), so a co-sign request
 * digested before a re-key (keyedDigest with that epoch's fingerprints key) stays checkable. The
 * epoch is the row id in the associated data: a key cannot be moved to another epoch's row.
 */
export const epochRef = (epoch: number): FieldRef => ({ table: 'key_epochs', rowId: String(epoch), column: 'fingerprints_key', version: 1 });

/** The current epoch: the number of re-keys so far. */
export function currentEpoch(db: Db): number {
  return db.prepare('SELECT coalesce(max(epoch) + 1, 0) FROM key_epochs').pluck().get() as number;
}

/** Ends the current epoch: its fingerprints key, sealed under the new records key. Returns the new epoch. */
export function endEpoch(db: Db, s: Sodium, newRecordsKey: Uint8Array, endedFingerprintsKey: Uint8Array, at: string): number {
  const ended = currentEpoch(db);
  db.prepare('INSERT INTO key_epochs (epoch, fingerprints_key, ended_at) VALUES (?, ?, ?)').run(
    ended,
    sealBox(s, newRecordsKey, endedFingerprintsKey, fieldAd(epochRef(ended))),
    at,
  );
  return ended + 1;
}

/**
 * The fingerprints keys of the earlier epochs, oldest first (for checking request digests made
 * before a re-key). The caller zeroes each key (sodium.memzero) when done.
 */
export function epochFingerprintKeys(db: Db, s: Sodium, recordsKey: Uint8Array): { epoch: number; key: Uint8Array }[] {
  const rows = db.prepare('SELECT epoch, fingerprints_key FROM key_epochs ORDER BY epoch').raw(true).all() as [number, unknown][];
  const keys: { epoch: number; key: Uint8Array }[] = [];
  try {
    for (const [epoch, box] of rows) {
      try {
        if (!(box instanceof Uint8Array)) throw new AeadOpenError();
        keys.push({ epoch, key: openBox(s, recordsKey, box, fieldAd(epochRef(epoch))) });
      } catch (error) {
        if (error instanceof AeadOpenError)
          throw new CustodiaError('RECORD_TAMPERED', { table: 'key_epochs', rowId: String(epoch), column: 'fingerprints_key' });
        throw error;
      }
    }
    return keys;
  } catch (error) {
    for (const k of keys) s.memzero(k.key);
    throw error;
  }
}
