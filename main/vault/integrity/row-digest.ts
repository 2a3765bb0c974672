import type { Statement } from 'better-sqlite3';
import * as nodeCrypto from 'node:crypto';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { TableRule } from './tables';

/**
 * A row's digest: BLAKE2b (cut to 128 bits) over the canonical JSON of every column (blobs as hex, tagged), so
 * any change to any column, ciphertexts included, changes it. Unkeyed: the file holds the same
 * bytes in clear or sealed already, and a digest must stay checkable after a re-key.
 */
export type RowValues = Record<string, unknown>;

/** A column's value in the canonical row: blobs as tagged hex, big integers as text, the rest as JSON. */
const canonicalValue = (v: unknown) =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : Buffer.isBuffer(v)
      ? `{"b":"${v.toString('hex')}"}`
      : v instanceof Uint8Array
        ? `{"b":"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}"}`
        : typeof v === 'bigint'
          ? `"${v.toString()}"`
          : JSON.stringify(v ?? null);

/** RFC 8785 for a flat row (what `canonicalize` gives, without its generality): keys sorted, values as JSON. */
function canonicalRow(row: RowValues): string {
  const keys = Object.keys(row)
    .filter((k) => k !== '__key')
    .sort();
  let out = '{';
  for (const [i, k] of keys.entries()) out += `${i ? ',' : ''}${JSON.stringify(k)}:${canonicalValue(row[k])}`;
  return `${out}}`;
}

/** Node's one-shot hash (20.12+, and Electron's Node): no hasher object per row, which a re-key's hundred thousand rows feel. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string) => string }).hash;
const digestOf = oneShot
  ? (canonical: string) => oneShot('blake2b512', canonical).slice(0, 32)
  : (canonical: string) => nodeCrypto.createHash('blake2b512').update(canonical).digest().subarray(0, 16).toString('hex');

/** BLAKE2b-512 (Node's native one; the full verification digests every row) cut to 128 bits. */
export function rowDigest(_s: Sodium, row: RowValues): string {
  return digestOf(canonicalRow(row));
}

/**
 * Every covered row of a table, its key and its digest (the same as rowDigest's), for the full
 * verification: rows read as arrays, the column order sorted once per table.
 */
export function digestAllRows(db: Db, rule: TableRule, visit: (key: string, digest: string) => void): void {
  const filter = rule.where ? ` WHERE ${rule.where('')}` : '';
  const statement = db.prepare(`SELECT ${keyExpression(rule)} AS __key, * FROM ${rule.table}${filter}`).raw(true);
  const digest = rowDigester(statement.columns().map((c) => c.name));
  for (const values of statement.iterate() as IterableIterator<unknown[]>) visit(values[0] as string, digest(values));
}

/**
 * rowDigest for rows read as arrays under `names` (a statement's columns): the column order sorted
 * once. Names starting with `__` are the reader's own (a key, a rowid) and not part of the row.
 */
export function rowDigester(names: readonly string[]): (values: readonly unknown[]) => string {
  // Object.keys keeps the last of two same-named columns; so does this order.
  const last = new Map<string, number>();
  names.forEach((name, i) => !name.startsWith('__') && last.set(name, i));
  // Each column's `"name":` (with the comma before it but for the first), laid out once.
  const order = [...last.keys()].sort().map((name, i) => ({ index: last.get(name)!, prefix: `${i ? ',' : '{'}${JSON.stringify(name)}:` }));
  const n = order.length;
  return (values) => {
    let out = n === 0 ? '{' : '';
    for (let i = 0; i < n; i++) {
      const column = order[i]!;
      out += column.prefix + canonicalValue(values[column.index]);
    }
    return digestOf(`${out}}`);
  };
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
