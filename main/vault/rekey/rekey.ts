import type { Db } from '../db';
import type { Sodium } from '../sodium';
import type { VaultKeys } from '../keys';
import { fieldAd } from '../fields';
import { assertHeadIntact, resealHead } from '../audit/log';
import { CustodiaError } from '../../domain/errors';
import { SEALED_TABLES, type SealedTable } from './sealed-columns';
import { createResealer, type Resealer } from './reseal';
import { endEpoch } from './epochs';

export { epochFingerprintKeys } from './epochs';

export interface RekeyProgress {
  done: number;
  total: number;
}

export interface RekeyOptions {
  /** When the old epoch ends (key_epochs.ended_at). */
  at: string;
  onProgress?: (progress: RekeyProgress) => void;
  /** The wrapper's calls instead of libsodium's heap (tests compare both). */
  portable?: boolean;
}

export interface RekeyResult {
  /** The new current epoch (the ended one is epoch - 1). */
  epoch: number;
  /** Sealed fields re-sealed. */
  fields: number;
  /** Credential fingerprints recomputed. */
  versions: number;
}

/** Rows read per query: the reads and writes of one table alternate (better-sqlite3 runs one statement at a time). */
const CHUNK = 2048;

/**
 * Moves the whole vault from one vault key to another (design.md §4, HAND-1): every declared sealed
 * column (sealed-columns.ts) opened with from.records and sealed with to.records under the same
 * associated data; each credential fingerprint recomputed with to.fingerprints; the sealed chain
 * head moved from from.audit to to.audit; the ended epoch's fingerprints key kept in key_epochs.
 *
 * Runs inside the caller's transaction, which must also write the approval event (appendEvent with
 * to.audit: the head is under the new key from here on): a kill, or a field that does not open
 * (RECORD_TAMPERED, nothing is re-sealed "as is"), leaves the file wholly under the old key. The
 * caller owns both key sets (and wipes the old one after the commit); every copy made here is zeroed.
 */
export function rekeyVault(db: Db, s: Sodium, from: VaultKeys, to: VaultKeys, options: RekeyOptions): RekeyResult {
  if (!db.inTransaction) throw new Error('a re-key runs inside the transaction of its approval');
  assertHeadIntact(db, s, from.audit);
  const plan = SEALED_TABLES.map((t) => ({ table: t, ...measure(db, t) }));
  const total = plan.reduce((sum, p) => sum + p.count, 0);
  let done = 0;
  let versions = 0;
  options.onProgress?.({ done, total });
  for (const { table, maxBox } of plan) {
    if (maxBox === 0) continue;
    const resealer = createResealer(
      s,
      { from: from.records, to: to.records, fingerprints: to.fingerprints },
      { maxBox, slots: table.columns.length, ...(options.portable ? { portable: true } : {}) },
    );
    try {
      resealTable(db, table, resealer, (fields, fingerprints) => {
        done += fields;
        versions += fingerprints;
        options.onProgress?.({ done, total });
      });
    } finally {
      resealer.wipe();
    }
  }
  const epoch = endEpoch(db, s, to.records, from.fingerprints, options.at);
  resealHead(db, s, from.audit, to.audit);
  return { epoch, fields: done, versions };
}

/** How many sealed values a table holds, and its longest box. */
function measure(db: Db, t: SealedTable): { count: number; maxBox: number } {
  const parts = t.columns.map(({ column }) => `count(${column}), coalesce(max(length(${column})), 0)`).join(', ');
  const row = db.prepare(`SELECT ${parts} FROM ${t.table}`).raw(true).get() as number[];
  let count = 0;
  let maxBox = 0;
  for (let i = 0; i < row.length; i += 2) {
    count += row[i]!;
    maxBox = Math.max(maxBox, row[i + 1]!);
  }
  return { count, maxBox };
}

function resealTable(db: Db, t: SealedTable, resealer: Resealer, progress: (fields: number, fingerprints: number) => void): void {
  const columns = t.columns.map((c) => c.column);
  const fingerprinted = t.columns.findIndex((c) => c.fingerprint !== undefined);
  const fingerprintColumn = fingerprinted >= 0 ? t.columns[fingerprinted]!.fingerprint! : undefined;
  const select = db
    .prepare(`SELECT rowid, ${t.rowId}, ${t.version}, ${columns.join(', ')} FROM ${t.table} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`)
    .raw(true);
  const sets = [...columns, ...(fingerprintColumn ? [fingerprintColumn] : [])].map((c) => `${c} = ?`).join(', ');
  const update = db.prepare(`UPDATE ${t.table} SET ${sets} WHERE rowid = ?`);
  const values = new Array<unknown>(columns.length + (fingerprintColumn ? 2 : 1));
  let after: number | bigint = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = select.all(after) as unknown[][];
    if (rows.length === 0) return;
    let fields = 0;
    let fingerprints = 0;
    for (const row of rows) {
      const rowid = row[0] as number;
      const ref = { table: t.table, rowId: String(row[1]), column: '', version: row[2] as number };
      let sealed = 0;
      for (let c = 0; c < columns.length; c++) {
        const box = row[3 + c];
        if (box === null) continue;
        ref.column = columns[c]!;
        if (!(box instanceof Uint8Array) || !resealer.reseal(box, fieldAd(ref), c, c === fingerprinted)) {
          throw new CustodiaError('RECORD_TAMPERED', { table: t.table, rowId: ref.rowId, column: ref.column });
        }
        sealed += 1;
      }
      if (sealed === 0) continue;
      // Views into libsodium's heap, made right before the write that copies them.
      for (let c = 0; c < columns.length; c++) values[c] = row[3 + c] === null ? null : resealer.box(c);
      if (fingerprintColumn) {
        // The schema requires the secret a fingerprint is made of.
        if (row[3 + fingerprinted] === null) throw new CustodiaError('RECORD_TAMPERED', { table: t.table, rowId: ref.rowId, column: columns[fingerprinted]! });
        values[columns.length] = resealer.fingerprint();
        fingerprints += 1;
      }
      values[values.length - 1] = rowid;
      update.run(...values);
      fields += sealed;
    }
    after = rows[rows.length - 1]![0] as number;
    progress(fields, fingerprints);
  }
}
