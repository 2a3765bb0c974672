import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { judgeStrength, type StrengthRules, type StrengthVerdict } from '../../domain/import/strength';
import type { Lexicon } from '../../domain/policy/lexicon';
import { spawnWorker } from '../../workers/spawn';
import { toPortable, type PortableLexicon } from './portable-lexicon';

/**
 * POL-1/2 for every password of an import (issue 18). Each costs ~1 ms at 20 characters on this
 * 2-core machine (zxcvbn-ts's matching ~0.5–0.6 ms; the lexicon's walks twice, vault names then
 * the file's, ~0.1–0.25 ms each), so 2,000 passwords would hold the main thread ~2 s. They are
 * shared out in chunks between worker threads (one fewer than the cores, at most three) and this
 * thread, which judges a few milliseconds at a time and yields between, so IPC keeps answering.
 * Every chunk is judged by the function and dictionary a proposal uses (domain/import/strength.ts).
 * A worker's start costs ~0.3 s bundled (~0.65 s from the TypeScript sources) and its first chunks
 * run slower until V8 has optimized them, so the workers outlive one import: started when a
 * KeePass file is opened (its KDF and parsing cover the start) or when a file's passwords are
 * judged, kept between the preview and the proposal, stopped after a minute idle and at lock.
 * Between jobs they hold the public lexicon only. A worker that cannot start, fails or falls silent
 * leaves its chunk to this thread: the verdicts never depend on whether workers ran.
 */
export interface StrengthWorkerData {
  lexicon: PortableLexicon;
}

/** A job starts with the rules it judges by (the vault's names and the file's), then its chunks. */
export type StrengthMessage = { job: number; minLength: number; vault: PortableLexicon; importNames: PortableLexicon } | StrengthChunk;

export interface StrengthChunk {
  job: number;
  start: number;
  secrets: string[];
}

export interface StrengthAnswer {
  job: number;
  start: number;
  verdicts: (StrengthVerdict | null)[];
}

export interface StrengthPoolOptions {
  /** Worker threads at most; 0 judges everything on this thread. */
  threads?: number;
  /** Fewer passwords than this are judged on this thread alone. */
  inThreadBelow?: number;
  /** A seam for tests: how a worker starts. */
  spawn?: (workerData: StrengthWorkerData) => Worker;
}

export const IN_THREAD_BELOW = 64;
const CHUNK = 32;
const MAX_THREADS = 3;
/** How long this thread judges before it yields to the event loop. */
const SLICE_MS = 8;
/** A worker silent this long (a chunk takes well under a second) is stopped; its chunk is judged here. */
const STALL_MS = 30_000;
/** Idle workers are stopped after this long. */
const IDLE_MS = 60_000;

export const spawnStrengthWorker = (workerData: StrengthWorkerData) =>
  spawnWorker(new URL('./strength-worker.ts', import.meta.url), 'strength-worker.js', { workerData });

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Slot {
  worker: Worker;
  stopped: boolean;
  /** The chunk it is judging. */
  chunk?: StrengthChunk;
  timer?: NodeJS.Timeout;
}

export class StrengthPool {
  private slots: Slot[] = [];
  /** The lexicon the live workers hold. */
  private lexicon: Lexicon | undefined;
  private readonly threads: number;
  private jobs = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  /** While a job runs: what an answer does, and the wait for the workers' last chunks. */
  private answered: ((slot: Slot, answer: StrengthAnswer) => void) | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: StrengthPoolOptions = {}) {
    this.threads = Math.max(0, options.threads ?? Math.min(availableParallelism() - 1, MAX_THREADS));
  }

  /** Starts the workers (if they are not running), so that they are ready by the time the passwords are. */
  warm(lexicon: Lexicon): this {
    if (this.threads === 0) return this;
    if (this.lexicon !== lexicon) this.close();
    this.lexicon = lexicon;
    this.slots = this.slots.filter((s) => !s.stopped);
    const workerData: StrengthWorkerData = { lexicon: toPortable(lexicon) };
    while (this.slots.length < this.threads) {
      let worker: Worker;
      try {
        worker = (this.options.spawn ?? spawnStrengthWorker)(workerData);
      } catch {
        // No worker here (a packaging without its file, a sandbox): this thread judges alone.
        break;
      }
      const slot: Slot = { worker, stopped: false };
      this.slots.push(slot);
      worker.on('message', (answer: StrengthAnswer) => this.answered?.(slot, answer));
      // Listened to from the start, so that a worker failing while a file is read never throws here.
      // The error is not kept: it could only describe a password. Its chunk is judged on this thread.
      worker.on('error', () => this.halt(slot));
      worker.on('exit', () => this.halt(slot));
      // Idle, it does not keep the process alive.
      worker.unref();
    }
    this.restartIdle();
    return this;
  }

  /** Stops every worker (at lock, after a minute idle). */
  close(): void {
    clearTimeout(this.idle);
    for (const slot of this.slots) this.stop(slot);
    this.slots = [];
  }

  /** The verdict of each password, in order. One job at a time; a second waits for the first. */
  judge(secrets: readonly string[], rules: StrengthRules): Promise<(StrengthVerdict | null)[]> {
    const run = this.queue.then(() => this.run(secrets, rules));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(secrets: readonly string[], rules: StrengthRules): Promise<(StrengthVerdict | null)[]> {
    const verdicts: (StrengthVerdict | null | undefined)[] = new Array<undefined>(secrets.length);
    if (this.threads > 0 && secrets.length >= (this.options.inThreadBelow ?? IN_THREAD_BELOW)) {
      try {
        await this.share(secrets, rules, verdicts);
      } finally {
        this.answered = undefined;
        for (const slot of this.slots) if (!slot.stopped) slot.worker.unref();
        this.restartIdle();
      }
    }
    // Whatever a worker took and never answered (it failed or fell silent): judged here, the same way.
    for (let i = 0; i < secrets.length; i++) if (verdicts[i] === undefined) verdicts[i] = judgeStrength(secrets[i]!, rules);
    return verdicts as (StrengthVerdict | null)[];
  }

  private async share(secrets: readonly string[], rules: StrengthRules, verdicts: (StrengthVerdict | null | undefined)[]): Promise<void> {
    this.warm(rules.dictionary.lexicon);
    clearTimeout(this.idle);
    const job = ++this.jobs;
    let next = 0;
    const take = (): StrengthChunk | undefined => {
      if (next >= secrets.length) return undefined;
      const chunk = { job, start: next, secrets: secrets.slice(next, next + CHUNK) };
      next += CHUNK;
      return chunk;
    };
    const feed = (slot: Slot) => {
      slot.chunk = take();
      clearTimeout(slot.timer);
      if (!slot.chunk) return;
      slot.timer = setTimeout(() => this.halt(slot), STALL_MS);
      slot.worker.postMessage(slot.chunk satisfies StrengthMessage);
    };
    this.answered = (slot, answer) => {
      if (slot.stopped || answer.job !== job || answer.start !== slot.chunk?.start) return;
      answer.verdicts.forEach((verdict, k) => (verdicts[answer.start + k] = verdict));
      feed(slot);
      this.wake?.();
    };
    const start: StrengthMessage = {
      job,
      minLength: rules.minLength,
      vault: toPortable(rules.dictionary.vault),
      importNames: toPortable(rules.importNames),
    };
    for (const slot of this.slots.filter((s) => !s.stopped)) {
      slot.worker.ref();
      slot.worker.postMessage(start);
      feed(slot);
    }
    // This thread takes chunks too, yielding to the event loop every few milliseconds, until none is left.
    let began = performance.now();
    for (let chunk = take(); chunk; chunk = take()) {
      for (let k = 0; k < chunk.secrets.length; k++) {
        verdicts[chunk.start + k] = judgeStrength(chunk.secrets[k]!, rules);
        if (performance.now() - began >= SLICE_MS) {
          await yieldToEvents();
          began = performance.now();
        }
      }
    }
    // Then it waits for the chunks the workers still hold.
    while (this.slots.some((s) => !s.stopped && s.chunk)) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private restartIdle(): void {
    clearTimeout(this.idle);
    if (this.slots.length === 0) return;
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  private halt(slot: Slot): void {
    this.stop(slot);
    this.wake?.();
  }

  private stop(slot: Slot): void {
    if (slot.stopped) return;
    slot.stopped = true;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
  }
}
