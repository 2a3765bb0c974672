import type { Sodium } from './sodium';
import { AeadOpenError, openBox, sealBox } from './aead';
import { CustodiaError } from '../domain/errors';

/**
 * Every field a person typed is sealed on its own. The associated data names table, row id,
 * column and row version, so a ciphertext cannot be swapped to another row or column, nor
 * rolled back to an older version of the same row.
 */
export interface FieldRef {
  table: string;
  rowId: string;
  column: string;
  version: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const fieldAd = (ref: FieldRef) => `custodia/v1/record/${ref.table}/${ref.rowId}/${ref.column}/${ref.version}`;

export function sealText(s: Sodium, recordsKey: Uint8Array, ref: FieldRef, text: string): Uint8Array {
  const plain = encoder.encode(text);
  try {
    return sealBox(s, recordsKey, plain, fieldAd(ref));
  } finally {
    s.memzero(plain);
  }
}

export function openText(s: Sodium, recordsKey: Uint8Array, ref: FieldRef, box: Uint8Array): string {
  let plain: Uint8Array | undefined;
  try {
    plain = openBox(s, recordsKey, box, fieldAd(ref));
    return decoder.decode(plain);
  } catch (error) {
    if (error instanceof AeadOpenError || error instanceof TypeError) {
      throw new CustodiaError('RECORD_TAMPERED', { table: ref.table, rowId: ref.rowId, column: ref.column });
    }
    throw error;
  } finally {
    if (plain) s.memzero(plain);
  }
}

export const sealJson = (s: Sodium, key: Uint8Array, ref: FieldRef, value: unknown) => sealText(s, key, ref, JSON.stringify(value));
export const openJson = <T>(s: Sodium, key: Uint8Array, ref: FieldRef, box: Uint8Array): T => JSON.parse(openText(s, key, ref, box)) as T;
