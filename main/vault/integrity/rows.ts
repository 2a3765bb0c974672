import type { IntegrityFault } from '../../../shared/integrity';
import type { Db } from '../db';
import { digestAllRows } from './row-digest';
import { TABLE_RULES } from './tables';

/** Every covered row's key and digest, table by table in TABLE_RULES' order: what a rows worker sends back (parallel.ts). */
export interface TableDigests {
  table: string;
  keys: string[];
  digests: string[];
}

export const ledgerKey = (table: string, key: string) => `${table}\u0000${key}`;

/** Reads and digests every covered row of the file (row-digest.ts), as arrays that cross a worker's boundary cheaply. */
export function allRowDigests(db: Db): TableDigests[] {
  return TABLE_RULES.map((rule) => {
    const keys: string[] = [];
    const digests: string[] = [];
    digestAllRows(db, rule, (key, digest) => {
      keys.push(key);
      digests.push(digest);
    });
    return { table: rule.table, keys, digests };
  });
}

/** One table's covered rows, each visited with its key and digest. */
export type TableRows = readonly [table: string, each: (visit: (key: string, digest: string) => void) => void];

/**
 * Compares every covered row with the digest its last event recorded (the ledger the walk replayed),
 * table by table: a row the log never wrote, a row changed since, a row the log says exists and does
 * not. Returns how many rows were compared.
 */
export function checkRows(recorded: ReadonlyMap<string, string>, tables: Iterable<TableRows>, fault: (f: IntegrityFault) => void): number {
  let rows = 0;
  for (const [table, each] of tables) {
    const seen = new Set<string>();
    each((key, digest) => {
      rows += 1;
      const k = ledgerKey(table, key);
      seen.add(k);
      const expected = recorded.get(k);
      if (expected === undefined) fault({ kind: 'row_unrecorded', table, key });
      else if (expected !== digest) fault({ kind: 'row_altered', table, key });
    });
    const prefix = `${table}\u0000`;
    for (const k of recorded.keys()) if (k.startsWith(prefix) && !seen.has(k)) fault({ kind: 'row_missing', table, key: k.slice(prefix.length) });
  }
  return rows;
}

/** The file's own rows, read and digested here. */
export const rowsOf = (db: Db): TableRows[] =>
  TABLE_RULES.map((rule) => [rule.table, (visit: (key: string, digest: string) => void) => digestAllRows(db, rule, visit)] as const);

/** Rows a rows worker read and digested (parallel.ts). */
export const rowsIn = (tables: readonly TableDigests[]): TableRows[] =>
  tables.map(
    (t) =>
      [
        t.table,
        (visit: (key: string, digest: string) => void) => {
          for (let i = 0; i < t.keys.length; i++) visit(t.keys[i]!, t.digests[i]!);
        },
      ] as const,
  );
