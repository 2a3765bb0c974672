import type { Worker } from 'node:worker_threads';
import type { IntegrityFault, IntegrityReport } from '../../../shared/integrity';
import { spawnWorker } from '../../workers/spawn';
import { verifyInWorker } from './run-worker';
import { checkRows, rowsIn, type TableDigests } from './rows';
import type { SchemaObject } from './schema';
import type { Ledger } from './verify';

const MAX_LISTED = 200;

/**
 * The full verification of a file no one writes (a restore's decrypted copy, issue 18) on both
 * cores: one thread walks the log (chain, signatures after the head's last checkpoint, roster,
 * authority, the ledger of row digests), another reads and digests every covered row; then every
 * row is compared with the ledger here, exactly as verifyIntegrity does in one thread. Two readers
 * see one state only because nothing writes the file: never for the vault in use.
 * Undefined when either thread cannot run (the caller verifies in place).
 */
export async function verifyAtRest(
  file: string,
  nativeBinding: string | undefined,
  schema: readonly SchemaObject[],
): Promise<{ report: IntegrityReport; ledger: Ledger } | undefined> {
  const walk = verifyInWorker(file, nativeBinding, schema, undefined, false, false);
  const rows = rowsInWorker(file, nativeBinding);
  const [walked, tables] = await Promise.all([walk.result, rows.result]);
  if (!walked || !tables) {
    walk.cancel();
    rows.cancel();
    return undefined;
  }
  const faults: IntegrityFault[] = [...walked.report.faults];
  let more = walked.report.moreFaults;
  const counted = checkRows(walked.ledger.digests, rowsIn(tables), (f) => (faults.length < MAX_LISTED ? faults.push(f) : (more += 1)));
  return { report: { ...walked.report, rows: counted, faults, moreFaults: more, ok: faults.length === 0 && more === 0 }, ledger: walked.ledger };
}

function rowsInWorker(file: string, nativeBinding: string | undefined): { result: Promise<TableDigests[] | undefined>; cancel(): void } {
  let worker: Worker;
  try {
    // Bundled as dist/main/integrity-rows-worker.js (scripts/build-main.mjs).
    worker = spawnWorker(new URL('./rows-worker.ts', import.meta.url), 'integrity-rows-worker.js', { workerData: { file, nativeBinding } });
  } catch {
    return { result: Promise.resolve(undefined), cancel: () => {} };
  }
  const result = new Promise<TableDigests[] | undefined>((resolve) => {
    worker.once('message', (m: { ok: boolean; tables?: TableDigests[] }) => {
      resolve(m.ok ? m.tables : undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return { result, cancel: () => void worker.terminate() };
}
