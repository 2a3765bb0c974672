import { parentPort, type Worker } from 'node:worker_threads';
import { loadSodium, type Sodium } from '../../vault/sodium';
import { spawnWorker } from '../../workers/spawn';

/**
 * A backup's body pass split over two threads (issue 18): a worker thread reads, encrypts or
 * decrypts and writes, and moves each block of ciphertext it read or wrote to the main thread,
 * which digests it meanwhile. The thread is started ahead of its one job, so its start-up is hidden;
 * where none can start, or it dies or fails before its end, the caller runs the same pass in place
 * (decrypt.ts, encrypt.ts). The backups subkey crosses as a copy moved to the thread (nothing of it
 * left in the message here) and wiped there when the pass ends; nothing else secret crosses.
 * At most IN_FLIGHT blocks are ever handed over and not yet taken: a main thread busy elsewhere
 * stops the pass for a while instead of letting a whole backup (hundreds of MB) queue up for it.
 */
export interface KeyedJob {
  key: Uint8Array;
}
export type ThreadAnswer<R> = { block: Uint8Array } | { done: R } | { failed: true };

/** Blocks handed over and not yet taken by the main thread, at most (each up to a chunk: 1 MiB in a backup). */
export const IN_FLIGHT = 16;
/** The job as it crosses: with the counter of blocks in flight, shared by both threads. */
type CrossingJob<J> = J & { flow: SharedArrayBuffer; inFlight: number };

export class BlockThread<J extends KeyedJob, R> {
  private worker: Worker | undefined;
  private gone = false;

  protected constructor(source: URL, bundled: string) {
    try {
      const worker = spawnWorker(source, bundled);
      // A thread that fails to load, or dies, before its job: the job runs in place.
      worker.on('error', () => (this.gone = true));
      worker.on('exit', () => (this.gone = true));
      // Idle until its job: it never keeps the process alive by itself.
      worker.unref();
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  /**
   * Runs the job in the thread with a copy of `key` (the caller's own is left as it is), handing each
   * block to `onBlock` in order. Undefined when no thread ran it to its end: none started, it died,
   * or it failed; the thread is stopped before this resolves, so the caller may start over in place.
   */
  protected runJob(job: Omit<J, 'key'>, key: Uint8Array, onBlock: (block: Uint8Array) => void): Promise<R | undefined> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return Promise.resolve(undefined);
    if (this.gone) return worker.terminate().then(() => undefined);
    worker.ref();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: R | undefined) => {
        if (settled) return;
        settled = true;
        // Stopped before anything else writes the file it was writing (the fallback starts it over).
        void worker.terminate().then(() => resolve(result));
      };
      const flow = new Int32Array(new SharedArrayBuffer(4));
      worker.on('message', (m: ThreadAnswer<R>) => {
        if (settled) return;
        if ('block' in m) {
          onBlock(m.block);
          Atomics.sub(flow, 0, 1);
          Atomics.notify(flow, 0);
        } else settle('done' in m ? m.done : undefined);
      });
      worker.once('error', () => settle(undefined));
      worker.once('exit', () => settle(undefined));
      const moved = key.slice();
      try {
        worker.postMessage({ ...job, key: moved, flow: flow.buffer, inFlight: IN_FLIGHT }, [moved.buffer]);
      } catch {
        settle(undefined);
      } finally {
        // Moved to the thread (nothing left here: detached) or, if it could not be sent, wiped.
        if (moved.byteLength > 0) moved.fill(0);
      }
    });
  }

  /** A thread that was not used (a refusal before the body): stopped. */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }
}

/**
 * The worker thread's side: takes its one job, runs `pass` with libsodium and a function that moves
 * a block to the main thread (waiting first while `inFlight` blocks are not yet taken; it returns how
 * many are in flight with this one), wipes the key whatever happened, and answers with the pass's
 * result (or `failed`: the main thread then runs it in place). It logs nothing.
 */
export function serveBlockJob<J extends KeyedJob, R>(pass: (s: Sodium, job: J, send: (block: Uint8Array) => number) => R): void {
  const port = parentPort!;
  const sodium = loadSodium();
  port.once('message', (job: CrossingJob<J>) => {
    void sodium.then((s) => {
      const flow = new Int32Array(job.flow);
      const send = (block: Uint8Array) => {
        for (let n = Atomics.load(flow, 0); n >= job.inFlight; n = Atomics.load(flow, 0)) Atomics.wait(flow, 0, n, 1_000);
        const inFlight = Atomics.add(flow, 0, 1) + 1;
        port.postMessage({ block } satisfies ThreadAnswer<R>, [block.buffer as ArrayBuffer]);
        return inFlight;
      };
      let answer: ThreadAnswer<R>;
      try {
        answer = { done: pass(s, job, send) };
      } catch {
        answer = { failed: true };
      } finally {
        s.memzero(job.key);
      }
      port.postMessage(answer);
    });
  });
}
