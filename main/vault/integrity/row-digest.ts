import canonicalize from 'canonicalize';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { TableRule } from './tables';

/**
 * A row's digest: BLAKE2b-128 over the canonical JSON of every column (blobs as hex, tagged), so
 * any change to any column, ciphertexts included, changes it. Unkeyed: the file holds the same
 * bytes in clear or sealed already, and a digest must stay checkable after a re-key.
 */
export type RowValues = Record<string, unknown>;

function canonicalRow(row: RowValues): string {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === '__key') continue;
    out[column] = value instanceof Uint8Array ? { b: Buffer.from(value).toString('hex') } : typeof value === 'bigint' ? value.toString() : value;
  }
  return canonicalize(out)!;
}

const encoder = new TextEncoder();

export function rowDigest(s: Sodium, row: RowValues): string {
  return s.to_hex(s.crypto_generichash(16, encoder.encode(canonicalRow(row)), null));
}

/** The key of a row as text: SQLite's json_array of its key columns, computed the same way everywhere. */
export const keyExpression = (rule: TableRule, alias = '') => `json_array(${rule.key.map((c) => `${alias}${c}`).join(', ')})`;

export function readRow(db: Db, rule: TableRule, key: string): RowValues | undefined {
  const parts = JSON.parse(key) as unknown[];
  const where = rule.key.map((c) => `${c} = ?`).join(' AND ');
  const filter = rule.where ? ` AND (${rule.where('')})` : '';
  return db.prepare(`SELECT * FROM ${rule.table} WHERE ${where}${filter}`).get(...parts) as RowValues | undefined;
}

/** Every covered row of a table with its key, for the full verification. */
export function* allRows(db: Db, rule: TableRule): Generator<RowValues & { __key: string }> {
  const filter = rule.where ? ` WHERE ${rule.where('')}` : '';
  yield* db.prepare(`SELECT ${keyExpression(rule)} AS __key, * FROM ${rule.table}${filter}`).iterate() as IterableIterator<RowValues & { __key: string }>;
}
