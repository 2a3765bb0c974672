import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * hash-wasm's Argon2 (d or id, version 1.3) for kdbxweb, run in a worker thread of its own (as the
 * unlock's Argon2id runs in ./kdf.ts's), so that the main process keeps answering during the
 * second a KeePass file's KDF costs. libsodium is not used here: it has no Argon2d and only
 * parallelism 1, and KeePass files use both. One thread per derivation, ended after it.
 */
export interface Argon2Job {
  /** kdbxweb's composite key (a hash of the passphrase, not the passphrase itself); transferred and zeroed in the thread. */
  password: Uint8Array;
  salt: Uint8Array;
  /** KiB. */
  memory: number;
  iterations: number;
  length: number;
  parallelism: number;
  variant: 'argon2d' | 'argon2id';
}

// A CommonJS script given as source (as ./kdf.ts's worker), so it needs no build step in tests or in the app.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const hashWasm = require(workerData.hashWasmPath);
parentPort.once('message', (job) => {
  hashWasm[job.variant]({
    password: job.password,
    salt: job.salt,
    memorySize: job.memory,
    iterations: job.iterations,
    hashLength: job.length,
    parallelism: job.parallelism,
    outputType: 'binary',
  })
    .then((hash) => {
      job.password.fill(0);
      parentPort.postMessage({ hash }, [hash.buffer]);
    })
    .catch(() => {
      job.password.fill(0);
      parentPort.postMessage({ error: true });
    });
});
`;

export function argon2InWorker(job: Argon2Job): Promise<Uint8Array> {
  const hashWasmPath = createRequire(import.meta.url).resolve('hash-wasm');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { hashWasmPath } });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.once('message', (message: { hash?: Uint8Array; error?: boolean }) => {
      if (message.hash) resolve(message.hash);
      else reject(new Error('argon2 failed'));
    });
    worker.once('error', () => reject(new Error('argon2 failed')));
    worker.once('exit', () => reject(new Error('argon2 thread ended')));
    worker.postMessage(job, [job.password.buffer as ArrayBuffer]);
  }).finally(() => void worker.terminate());
}
