import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { TableRule } from './tables';

/**
 * A row's digest: BLAKE2b (cut to 128 bits) over the canonical JSON of every column (blobs as hex, tagged), so
 * any change to any column, ciphertexts included, changes it. Unkeyed: the file holds the same
 * bytes in clear or sealed already, and a digest must stay checkable after a re-key.
 */
export type RowValues = Record<string, unknown>;

/** RFC 8785 for a flat row (what `canonicalize` gives, without its generality): keys sorted, values as JSON. */
function canonicalRow(row: RowValues): string {
  const keys = Object.keys(row).filter((k) => k !== '__key').sort();
  let out = '{';
  for (const [i, k] of keys.entries()) {
    const v = row[k];
    const value = v instanceof Uint8Array ? `{"b":"${Buffer.from(v).toString('hex')}"}` : typeof v === 'bigint' ? `"${v.toString()}"` : JSON.stringify(v ?? null);
    out += `${i ? ',' : ''}${JSON.stringify(k)}:${value}`;
  }
  return `${out}}`;
}

/** BLAKE2b-512 (Node's native one; the full verification digests every row) cut to 128 bits. */
export function rowDigest(_s: Sodium, row: RowValues): string {
  return createHash('blake2b512').update(canonicalRow(row)).digest().subarray(0, 16).toString('hex');
}

/** The key of a row as text: SQLite's json_array of its key columns, computed the same way everywhere. */
export const keyExpression = (rule: TableRule, alias = '') => `json_array(${rule.key.map((c) => `${alias}${c}`).join(', ')})`;

const statements = new WeakMap<Db, Map<string, Statement>>();

/** One prepared statement per connection and table: reads on hot paths check rows one by one. */
function rowStatement(db: Db, rule: TableRule): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(rule.table);
  if (!statement) {
    const where = rule.key.map((c) => `${c} = ?`).join(' AND ');
    const filter = rule.where ? ` AND (${rule.where('')})` : '';
    statement = db.prepare(`SELECT * FROM ${rule.table} WHERE ${where}${filter}`);
    cache.set(rule.table, statement);
  }
  return statement;
}

export function readRow(db: Db, rule: TableRule, key: string): RowValues | undefined {
  return rowStatement(db, rule).get(...(JSON.parse(key) as unknown[])) as RowValues | undefined;
}

/** Every covered row of a table with its key, for the full verification. */
export function* allRows(db: Db, rule: TableRule): Generator<RowValues & { __key: string }> {
  const filter = rule.where ? ` WHERE ${rule.where('')}` : '';
  yield* db.prepare(`SELECT ${keyExpression(rule)} AS __key, * FROM ${rule.table}${filter}`).iterate() as IterableIterator<RowValues & { __key: string }>;
}
