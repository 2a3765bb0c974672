import type { Db } from '../../vault/db';

/**
 * What was written to the vault since the compliance view last read it (issue 17; SUP-1), so that
 * one write re-reads only what it touched. Every write through this connection to a table the
 * integrity layer covers is captured by its TEMP triggers (main/vault/integrity/capture.ts) and
 * named, row by row, in the signed event that closes its transaction (`details.rows`); the events
 * after the last one read are therefore the exact list of rows written since. Anything else is
 * answered «everything»: the first read, another connection's commit (an edit with sqlite3 moves
 * SQLite's data_version), a reopened vault, a write not yet bound to an event, or more rows than a
 * partial re-read is worth. Whatever the answer, the rows judged are still checked against the log
 * (IntegrityService.assertRows): this only says what to read again, never what to trust.
 */
export type Changes = { all: true } | { all: false; rows: ReadonlyMap<string, readonly ChangedRow[]> };

/** A row written since: its key (the table's key columns, as `json_array` of them) and whether it is gone. */
export interface ChangedRow {
  key: readonly (string | number)[];
  gone: boolean;
}

/** Above this many rows written since the last read (a re-key, an import), everything is read again. */
const PARTIAL_UP_TO = 400;

export class VaultChanges {
  private connection: Db | undefined;
  private dataVersion = -1;
  private seq = -1;

  /** Changes since the last `since` call that was followed by `commit` (the caller commits once its reads are checked). */
  since(db: Db): { changes: Changes; commit: () => void } {
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const head = (db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number | null) ?? 0;
    const commit = () => {
      this.connection = db;
      this.dataVersion = dataVersion;
      this.seq = head;
    };
    const everything = { changes: { all: true } as const, commit };
    if (db !== this.connection || dataVersion !== this.dataVersion || this.seq < 0 || head < this.seq) return everything;
    if (db.prepare('SELECT 1 FROM temp.integrity_touched LIMIT 1').get() !== undefined) return everything;
    const rows = new Map<string, ChangedRow[]>();
    let count = 0;
    for (const details of db.prepare('SELECT details FROM audit_events WHERE seq > ? ORDER BY seq').pluck().iterate(this.seq) as IterableIterator<string>) {
      const written = (JSON.parse(details) as { rows?: Record<string, Record<string, string | null>> }).rows ?? {};
      for (const [table, entries] of Object.entries(written)) {
        let list = rows.get(table);
        if (!list) rows.set(table, (list = []));
        for (const [key, digest] of Object.entries(entries)) {
          if (++count > PARTIAL_UP_TO) return everything;
          list.push({ key: JSON.parse(key) as (string | number)[], gone: digest === null });
        }
      }
    }
    return { changes: { all: false, rows }, commit };
  }

  forget(): void {
    this.connection = undefined;
    this.seq = -1;
  }
}

/** The keys written since in `table` (the first key column), and whether any of its rows is gone. */
export function written(changes: Changes & { all: false }, table: string): { ids: string[]; gone: boolean } {
  const list = changes.rows.get(table) ?? [];
  return { ids: list.map((r) => String(r.key[0])), gone: list.some((r) => r.gone) };
}
