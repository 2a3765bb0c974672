import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { allRowDigests } from './rows';

/**
 * Reads and digests every covered row of a file at rest (a restore's decrypted copy) in a thread of
 * its own, while the log is walked in another (parallel.ts). Needs no key: digests are unkeyed.
 */
const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };

const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
try {
  parentPort!.postMessage({ ok: true, tables: db.transaction(() => allRowDigests(db))() });
} catch {
  parentPort!.postMessage({ ok: false });
} finally {
  db.close();
}
