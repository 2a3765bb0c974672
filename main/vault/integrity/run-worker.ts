import type { Worker } from 'node:worker_threads';
import type { IntegrityReport } from '../../../shared/integrity';
import { spawnWorker } from '../../workers/spawn';
import type { SchemaObject } from './schema';
import type { Ledger } from './verify';
import type { TrustedHead } from '../audit/verify';

export interface VerificationJob {
  /** The worker's result; undefined when no worker could run it here (the caller verifies in place). */
  result: Promise<{ report: IntegrityReport; ledger: Ledger } | undefined>;
  cancel(): void;
}

/** Runs the full verification in a worker thread, off the main process's event loop. */
export function verifyInWorker(
  file: string,
  nativeBinding: string | undefined,
  schema: readonly SchemaObject[],
  trusted?: TrustedHead,
  full = false,
  /** False only for verifyAtRest (parallel.ts), which compares the rows itself from a second reader. */
  rows = true,
): VerificationJob {
  let worker: Worker;
  try {
    worker = spawn({ file, nativeBinding, schema, trusted, full, rows });
  } catch {
    return { result: Promise.resolve(undefined), cancel: () => {} };
  }
  const result = new Promise<{ report: IntegrityReport; ledger: Ledger } | undefined>((resolve) => {
    worker.once('message', (m: { ok: boolean; report?: IntegrityReport; ledger?: Ledger }) => {
      resolve(m.ok && m.report && m.ledger ? { report: m.report, ledger: m.ledger } : undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return { result, cancel: () => void worker.terminate() };
}

/** Bundled as dist/main/integrity-worker.js (scripts/build-main.mjs). */
function spawn(workerData: object): Worker {
  return spawnWorker(new URL('./worker.ts', import.meta.url), 'integrity-worker.js', { workerData });
}
