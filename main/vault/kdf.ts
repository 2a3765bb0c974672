import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CustodiaError } from '../domain/errors';
import { randomKeyBytes } from './aead';

/**
 * Argon2id (libsodium crypto_pwhash) runs in a worker thread so that the window stays
 * responsive during the ~1.5 s it deliberately costs.
 */
export interface KdfParams {
  alg: 'argon2id13';
  opslimit: number;
  memlimit: number;
  salt: Uint8Array;
}

export const KDF_MINIMUM = { opslimit: 3, memlimit: 256 * 1024 * 1024 } as const;

export function newKdfParams(): KdfParams {
  return { alg: 'argon2id13', ...KDF_MINIMUM, salt: randomKeyBytes(16) };
}

/** Refuses parameters below the floor, whether from a new enrollment or a stored row. */
export function assertKdfParams(params: KdfParams): void {
  if (params.alg !== 'argon2id13' || params.opslimit < KDF_MINIMUM.opslimit || params.memlimit < KDF_MINIMUM.memlimit || params.salt.length !== 16) {
    throw new CustodiaError('KDF_PARAMS_TOO_WEAK', { opslimit: params.opslimit, memlimit: params.memlimit });
  }
}

// The worker is a CommonJS script given as source, so it needs no build step in tests or in the app.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
parentPort.on('message', async ({ id, passphrase, salt, opslimit, memlimit }) => {
  try {
    await sodium.ready;
    const key = sodium.crypto_pwhash(32, passphrase, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    sodium.memzero(passphrase);
    parentPort.postMessage({ id, key }, [key.buffer]);
  } catch (e) {
    sodium.memzero(passphrase);
    parentPort.postMessage({ id, error: 'KDF_FAILED' });
  }
});
`;

type Pending = { resolve: (key: Uint8Array) => void; reject: (error: Error) => void };

export class KdfWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Starts the thread ahead of the first unlock so that the unlock pays only for Argon2id. */
  warm(): void {
    this.thread();
  }

  /** Derives a 32-byte key. The passphrase bytes are transferred to the worker and zeroed there. */
  derive(passphrase: Uint8Array, params: KdfParams): Promise<Uint8Array> {
    try {
      assertKdfParams(params);
    } catch (error) {
      passphrase.fill(0);
      return Promise.reject(error as Error);
    }
    const id = this.nextId++;
    const worker = this.thread();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // keep the process alive while a derivation is under way
      const { opslimit, memlimit } = params;
      const salt = params.salt.slice();
      worker.postMessage({ id, passphrase, salt, opslimit, memlimit }, [passphrase.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } });
    worker.unref();
    worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const job = this.pending.get(message.id);
      if (!job) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.key) job.resolve(message.key);
      else job.reject(new CustodiaError('INTERNAL', { stage: 'kdf' }));
    });
    worker.on('error', () => this.failAll());
    worker.on('exit', () => {
      this.worker = undefined;
      this.failAll();
    });
    this.worker = worker;
    return worker;
  }

  private failAll(): void {
    for (const job of this.pending.values()) job.reject(new CustodiaError('INTERNAL', { stage: 'kdf' }));
    this.pending.clear();
  }
}

/** Passphrases are compared and hashed as NFC bytes, so the same words typed on any keyboard match. */
export function passphraseBytes(passphrase: string): Uint8Array {
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}
