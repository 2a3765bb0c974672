import { Worker } from 'node:worker_threads';
import { ed25519Verify, signatureShapeOk, type Ed25519Key } from '../signatures';

/**
 * Checks many Ed25519 signatures on every core: this thread and one helper thread take chunks of
 * the batch from a shared cursor until none are left. Synchronous for its caller (the walks that
 * verify the log are), robust to a helper that never starts or dies: whatever it claimed and did
 * not finish is checked here. Each answer is the one ed25519Verify gives (the helper runs the same
 * native call; the libsodium-only refusals are made here, before the batch is shared).
 */
export interface SignatureBatch {
  keys: readonly Ed25519Key[];
  /** For item i: the key's index, the 32-byte message (an event hash) and the signature. */
  keyIndex: Int32Array;
  messages: Uint8Array;
  signatures: Uint8Array;
}

const CHUNK = 256;
/** Below this the helper costs more than it saves. */
const PARALLEL_FROM = 3_000;
/** A claimed chunk that has made no progress for this long is checked here (the helper is gone). */
const STALL_MS = 2_000;

const UNCLAIMED = 0;
const CLAIMED = 1;
const DONE = 2;

// A CommonJS script given as source: no bundling, in tests or in the app (as the KDF worker).
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
parentPort.on('message', (job) => {
  const { keys, keyIndex, messages, signatures, results, state, progress, chunk, count } = job;
  const objects = keys.map((x) => (x === null ? null : createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })));
  const ki = new Int32Array(keyIndex), msg = new Uint8Array(messages), sig = new Uint8Array(signatures);
  const res = new Int8Array(results), st = new Int32Array(state), pr = new Int32Array(progress);
  for (let c = 0; c * chunk < count; c++) {
    if (Atomics.compareExchange(st, c, 0, 1) !== 0) continue;
    const end = Math.min(count, (c + 1) * chunk);
    for (let i = c * chunk; i < end; i++) {
      if (res[i] !== 0) continue;
      const key = objects[ki[i]];
      let ok = false;
      try { ok = key !== null && verify(null, msg.subarray(i * 32, i * 32 + 32), key, sig.subarray(i * 64, i * 64 + 64)); } catch { ok = false; }
      res[i] = ok ? 1 : 2;
    }
    Atomics.store(st, c, 2);
    Atomics.add(pr, 0, 1);
    Atomics.notify(pr, 0);
  }
});
`;

let helper: Worker | undefined;

function helperThread(): Worker | undefined {
  if (helper) return helper;
  try {
    const worker = new Worker(HELPER_SOURCE, { eval: true });
    worker.unref();
    worker.on('error', () => void (helper === worker && (helper = undefined)));
    worker.on('exit', () => void (helper === worker && (helper = undefined)));
    helper = worker;
    return worker;
  } catch {
    return undefined;
  }
}

/** For each item: true when its signature verifies under its key. */
export function verifySignatures(batch: SignatureBatch): boolean[] {
  const count = batch.keyIndex.length;
  const valid: boolean[] = new Array<boolean>(count);
  // Items libsodium would refuse before any arithmetic are answered now and never shared.
  const shaped = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const signature = batch.signatures.subarray(i * 64, i * 64 + 64);
    shaped[i] = batch.keys[batch.keyIndex[i]!]!.object && signatureShapeOk(signature) ? 0 : 2;
  }
  const worker = count >= PARALLEL_FROM ? helperThread() : undefined;
  if (!worker) {
    for (let i = 0; i < count; i++)
      valid[i] =
        shaped[i] === 0 &&
        ed25519Verify(batch.keys[batch.keyIndex[i]!]!, batch.messages.subarray(i * 32, i * 32 + 32), batch.signatures.subarray(i * 64, i * 64 + 64));
    return valid;
  }

  const shared = (bytes: Uint8Array) => {
    const buffer = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    return buffer;
  };
  const chunks = Math.ceil(count / CHUNK);
  const results = new SharedArrayBuffer(count);
  new Int8Array(results).set(shaped);
  const state = new SharedArrayBuffer(chunks * 4);
  const progress = new SharedArrayBuffer(4);
  const st = new Int32Array(state);
  const pr = new Int32Array(progress);
  const res = new Int8Array(results);
  worker.postMessage({
    keys: batch.keys.map((k) => (k.object ? Buffer.from(k.raw).toString('base64url') : null)),
    keyIndex: shared(new Uint8Array(batch.keyIndex.buffer, batch.keyIndex.byteOffset, batch.keyIndex.byteLength)),
    messages: shared(batch.messages),
    signatures: shared(batch.signatures),
    results,
    state,
    progress,
    chunk: CHUNK,
    count,
  });

  const check = (c: number) => {
    const end = Math.min(count, (c + 1) * CHUNK);
    for (let i = c * CHUNK; i < end; i++) {
      if (res[i] !== 0) continue;
      res[i] = ed25519Verify(batch.keys[batch.keyIndex[i]!]!, batch.messages.subarray(i * 32, i * 32 + 32), batch.signatures.subarray(i * 64, i * 64 + 64))
        ? 1
        : 2;
    }
  };
  for (let c = 0; c < chunks; c++) {
    if (Atomics.compareExchange(st, c, UNCLAIMED, CLAIMED) !== UNCLAIMED) continue;
    check(c);
    Atomics.store(st, c, DONE);
  }
  // The helper's chunks: wait while it makes progress; take over what it left.
  for (let c = 0; c < chunks; c++) {
    while (Atomics.load(st, c) !== DONE) {
      const seen = Atomics.load(pr, 0);
      if (Atomics.wait(pr, 0, seen, STALL_MS) === 'timed-out' && Atomics.load(st, c) !== DONE) {
        check(c);
        Atomics.store(st, c, DONE);
      }
    }
  }
  for (let i = 0; i < count; i++) valid[i] = res[i] === 1;
  return valid;
}
