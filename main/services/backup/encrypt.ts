import { createHash } from 'node:crypto';
import { ftruncateSync } from 'node:fs';
import type { Sodium } from '../../vault/sodium';
import { encryptBody, type BodyInput } from './stream';
import { BlockThread, type KeyedJob } from './thread';

/**
 * What the main thread sends the encryption thread: the snapshot (a private file of this process)
 * and the partial backup's descriptor; the backups subkey's bytes are moved, not copied.
 */
export type EncryptJob = BodyInput & KeyedJob;
/** The thread's pass ran to its end: the body's length. */
export interface EncryptResult {
  bytes: number;
}
export interface EncryptedBody {
  bytes: number;
  digest: string;
  where: 'worker' | 'here';
}

/**
 * Encrypts a backup's body (issue 18): a worker thread reads the snapshot, encrypts it chunk by
 * chunk and writes the frames at their places in the partial file, moving each written block to
 * this thread, which digests it meanwhile (BLAKE2b-512 of the same bytes, in the same order, as a
 * pass in place: the file is format version 1 either way). Started at the start of a backup, so it
 * is ready when the snapshot is; where none can start, or it dies, the same pass runs here from the
 * body's start (thread.ts). Only ciphertext comes back.
 */
export class EncryptThread extends BlockThread<EncryptJob, EncryptResult> {
  private constructor() {
    super(new URL('./encrypt-worker.ts', import.meta.url), 'backup-encrypt-worker.js');
  }

  static start(): EncryptThread {
    return new EncryptThread();
  }

  async run(s: Sodium, input: BodyInput): Promise<EncryptedBody> {
    const hash = createHash('blake2b512');
    const { key, firstAd, ...rest } = input;
    const result = await this.runJob({ ...rest, firstAd: firstAd.slice() }, key, (block) => hash.update(block));
    if (result) return { bytes: result.bytes, digest: hash.digest('hex'), where: 'worker' };
    // Whatever a dead thread wrote is cut off and written again (the thread is stopped by now).
    ftruncateSync(input.fd, input.position);
    return { ...encryptBody(s, input), where: 'here' };
  }
}
