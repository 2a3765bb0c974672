import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IntegrityReport } from '../../../shared/integrity';
import type { SchemaObject } from './schema';
import type { Ledger } from './verify';

export interface VerificationJob {
  /** The worker's result; undefined when no worker could run it here (the caller verifies in place). */
  result: Promise<{ report: IntegrityReport; ledger: Ledger } | undefined>;
  cancel(): void;
}

/** Runs the full verification in a worker thread, off the main process's event loop. */
export function verifyInWorker(file: string, nativeBinding: string | undefined, schema: readonly SchemaObject[], trusted?: { seq: number; hash: string }): VerificationJob {
  let worker: Worker;
  try {
    worker = spawn({ file, nativeBinding, schema, trusted });
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

/**
 * The bundled app ships the worker as dist/main/integrity-worker.js beside main.js; from the
 * TypeScript sources (tests, benches) it runs through tsx's loader, registered inside the worker.
 */
function spawn(workerData: object): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./worker.ts', here).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
  }
  return new Worker(new URL('./integrity-worker.js', here), { workerData });
}
