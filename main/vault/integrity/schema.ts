import type { IntegrityFault } from '../../../shared/integrity';
import type { Db } from '../db';
import { TABLE_RULE, UNBOUND_TABLES } from './tables';

/**
 * The file's schema (tables, indexes, triggers) against the one the migrations make on an empty
 * database: a dropped append-only trigger or an added table is named by its object.
 */
export interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

export function readSchema(db: Db): SchemaObject[] {
  return db.prepare("SELECT type, name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaObject[];
}

/** Statements compared token by token: white space is not a change. */
const normalized = (sql: string | null) =>
  sql
    ?.replace(/\s+/g, ' ')
    .replace(/\s*([(),;])\s*/g, '$1')
    .trim() ?? null;

export function compareSchema(actual: readonly SchemaObject[], expected: readonly SchemaObject[]): IntegrityFault[] {
  const faults: IntegrityFault[] = [];
  const want = new Map(expected.map((o) => [`${o.type}:${o.name}`, normalized(o.sql)]));
  const have = new Map(actual.map((o) => [`${o.type}:${o.name}`, normalized(o.sql)]));
  for (const [id, sql] of want) if (have.get(id) !== sql) faults.push({ kind: 'schema_altered', key: id });
  for (const id of have.keys()) if (!want.has(id)) faults.push({ kind: 'schema_altered', key: id });
  return faults;
}

/** Tables that no declaration covers (a new table must be declared in tables.ts to be born under the log). */
export function undeclaredTables(db: Db): string[] {
  return readSchema(db)
    .filter((o) => o.type === 'table')
    .map((o) => o.name)
    .filter((t) => !TABLE_RULE.has(t) && !UNBOUND_TABLES.includes(t));
}
