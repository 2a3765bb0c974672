import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { keyExpression, readRow, rowDigest } from './row-digest';
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

/** The digests of every row written since the last call, and forgets them (inside the same transaction). */
export function collectTouched(db: Db, s: Sodium): RowDigests | undefined {
  const touched = db.prepare('SELECT tbl, key FROM temp.integrity_touched ORDER BY tbl, key').all() as { tbl: string; key: string }[];
  if (touched.length === 0) return undefined;
  const out: RowDigests = {};
  for (const { tbl, key } of touched) {
    const rule = TABLE_RULE.get(tbl)!;
    const row = readRow(db, rule, key);
    (out[tbl] ??= {})[key] = row ? rowDigest(s, row) : null;
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
