import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { digestAllRows, keyExpression, readRow, rowDigest } from './row-digest';
import { TABLE_RULES, TABLE_RULE } from './tables';

/**
 * Which rows a transaction wrote, captured by TEMP triggers: they live on this connection only,
 * never in the file, so an edit of the file cannot remove them, and they see every write made
 * through this connection whatever code made it. The event that closes the transaction carries
 * the digest of each touched row's new content (null: the row is gone).
 */
export type RowDigests = Record<string, Record<string, string | null>>;

export function installCapture(db: Db): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS integrity_touched (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID');
  for (const rule of TABLE_RULES) {
    const t = rule.table;
    // No OR IGNORE: inside a trigger the outer statement's conflict policy (an upsert's ABORT) would win.
    const record = (row: 'NEW' | 'OLD') => {
      const key = keyExpression(rule, `${row}.`);
      const covered = rule.where ? rule.where(`${row}.`) : '1';
      return `INSERT INTO temp.integrity_touched SELECT '${t}', ${key} WHERE ${covered} AND NOT EXISTS (SELECT 1 FROM temp.integrity_touched WHERE tbl = '${t}' AND key = ${key});`;
    };
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS integrity_${t}_insert AFTER INSERT ON main.${t} BEGIN ${record('NEW')} END;
      CREATE TEMP TRIGGER IF NOT EXISTS integrity_${t}_update AFTER UPDATE ON main.${t} BEGIN ${record('OLD')} ${record('NEW')} END;
      CREATE TEMP TRIGGER IF NOT EXISTS integrity_${t}_delete AFTER DELETE ON main.${t} BEGIN ${record('OLD')} END;
    `);
  }
}

/** Above this many rows of one table written in one transaction (a re-key), the table is read in one pass. */
const SCAN_FROM = 256;

/** The digests of every row written since the last call, and forgets them (inside the same transaction). */
export function collectTouched(db: Db, s: Sodium): RowDigests | undefined {
  const touched = db.prepare('SELECT tbl, key FROM temp.integrity_touched ORDER BY tbl, key').all() as { tbl: string; key: string }[];
  if (touched.length === 0) return undefined;
  const whole = new Set<string>();
  const byTable = new Map<string, string[]>();
  for (const { tbl, key } of touched) {
    let keys = byTable.get(tbl);
    if (!keys) byTable.set(tbl, (keys = []));
    if (key === WHOLE) whole.add(tbl);
    else keys.push(key);
  }
  const out: RowDigests = {};
  for (const [tbl, keys] of byTable) {
    const rule = TABLE_RULE.get(tbl)!;
    const digests: Record<string, string | null> = (out[tbl] = {});
    if (whole.has(tbl)) {
      // Every covered row as it is; a row written by a trigger-captured change and gone since is null.
      digestAllRows(db, rule, (key, digest) => {
        digests[key] = digest;
      });
      for (const key of keys) if (!(key in digests)) digests[key] = null;
      continue;
    }
    if (keys.length < SCAN_FROM) {
      for (const key of keys) {
        const row = readRow(db, rule, key);
        digests[key] = row ? rowDigest(s, row) : null;
      }
      continue;
    }
    // The same digest as rowDigest's, the whole table read once; rows written and gone are null.
    const wanted = new Set(keys);
    digestAllRows(db, rule, (key, digest) => {
      if (wanted.delete(key)) digests[key] = digest;
    });
    for (const key of wanted) digests[key] = null;
  }
  db.prepare('DELETE FROM temp.integrity_touched').run();
  return out;
}

/** Marks every covered row as written, so the next event binds the whole state (the baseline of an upgraded vault). */
export function touchAll(db: Db): void {
  for (const rule of TABLE_RULES) {
    const where = rule.where ? ` WHERE ${rule.where('')}` : '';
    db.exec(`INSERT OR IGNORE INTO temp.integrity_touched SELECT '${rule.table}', ${keyExpression(rule)} FROM main.${rule.table}${where}`);
  }
}

/** The key a table rewritten whole is marked with in the capture table (no row key is this). */
const WHOLE = '*';

/**
 * Runs `run`, a change that rewrites whole tables (a re-key), with the per-row capture of those
 * tables off: the event that closes the transaction then binds every covered row of them, as they
 * are, read in one pass (more than the triggers would have recorded: rows it did not change are
 * bound again as they are), at a fraction of their cost. The mark is a row of the capture table, so
 * a rollback takes it back with everything else. The other tables' triggers stay on, so a write
 * anywhere else is still seen; rows of these tables written before or after `run` too.
 */
export function writeWholeTables<T>(db: Db, tables: readonly string[], run: () => T): T {
  if (!db.inTransaction) throw new Error('whole tables are written inside the transaction of their event');
  for (const table of tables) if (!TABLE_RULE.has(table)) throw new Error(`${table} is not declared in integrity/tables.ts`);
  const mark = db.prepare('INSERT OR IGNORE INTO temp.integrity_touched (tbl, key) VALUES (?, ?)');
  for (const table of tables) mark.run(table, WHOLE);
  for (const table of tables) for (const op of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER IF EXISTS temp.integrity_${table}_${op}`);
  try {
    return run();
  } finally {
    installCapture(db);
  }
}
