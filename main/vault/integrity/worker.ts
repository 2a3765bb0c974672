import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSodium } from '../sodium';
import type { SchemaObject } from './schema';
import { verifyIntegrity } from './verify';
import type { TrustedHead } from '../audit/verify';

/**
 * The full verification in a worker thread: its own read-only connection, one read transaction
 * (a consistent snapshot while the app goes on writing), and no key (it needs none).
 */
const { file, nativeBinding, schema, trusted, full, rows } = workerData as {
  file: string;
  nativeBinding?: string;
  schema: SchemaObject[];
  trusted?: TrustedHead;
  full?: boolean;
  rows?: boolean;
};

const s = await loadSodium();
const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
try {
  const result = db.transaction(() => verifyIntegrity(db, s, schema, trusted, { full, rows: rows !== false }))();
  parentPort!.postMessage({ ok: true, ...result });
} catch {
  parentPort!.postMessage({ ok: false });
} finally {
  db.close();
}
