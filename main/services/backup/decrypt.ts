import { createHash } from 'node:crypto';
import { ftruncateSync } from 'node:fs';
import { CustodiaError } from '../../domain/errors';
import type { Sodium } from '../../vault/sodium';
import { decryptPass } from './stream';
import { BlockThread, type KeyedJob } from './thread';

/** What the main thread sends the decryption thread: the backups subkey's bytes are moved, not copied. */
export interface DecryptJob extends KeyedJob {
  firstAd: Uint8Array;
  /** Descriptors of this process: the backup file (read) and the staged file (written from its start). */
  fd: number;
  out: number;
  position: number;
  chunkBytes: number;
}
/** The thread's pass ran to its end: the part a corrupt body was refused for, if it was. */
export interface DecryptResult {
  part?: string;
}

/** A backup's body, and the digest its signed header names for it. */
export interface SignedBody {
  fd: number;
  position: number;
  chunkBytes: number;
  firstAd: Uint8Array;
  bodyDigest: string;
}

type Outcome = DecryptResult & { digest: string };
const corrupt = (part: string) => new CustodiaError('BACKUP_CORRUPT', { part });

/**
 * Decrypts a backup's body in one pass over its ciphertext (issue 18): a worker thread reads each
 * block once and decrypts it into the staged file while this thread digests the same block (both
 * cores; the window stays responsive). The digest is compared with the signed header's before the
 * caller may trust a plaintext byte: a file changed since it was inspected is BACKUP_CORRUPT
 * `body`, as inspect says of it, whatever the decryption found first; only a file whose bytes are
 * the signed ones gets the decryption's own part (`header_body`, `truncated`, `trailing`, `body`).
 * The thread is started ahead (during Argon2id); where none can start, or it dies, the same pass
 * runs here from the start of the file (thread.ts).
 */
export class DecryptThread extends BlockThread<DecryptJob, DecryptResult> {
  private constructor() {
    super(new URL('./decrypt-worker.ts', import.meta.url), 'backup-decrypt-worker.js');
  }

  static start(): DecryptThread {
    return new DecryptThread();
  }

  /**
   * Decrypts into `out` (an empty file of this process); throws BACKUP_CORRUPT unless every byte is
   * the signed one and opens. Says where the decryption ran.
   */
  async run(s: Sodium, key: Uint8Array, body: SignedBody, out: number): Promise<'worker' | 'here'> {
    const hash = createHash('blake2b512');
    const job = { firstAd: body.firstAd.slice(), fd: body.fd, out, position: body.position, chunkBytes: body.chunkBytes };
    const result = await this.runJob(job, key, (block) => hash.update(block));
    const where = result ? 'worker' : 'here';
    let outcome: Outcome;
    if (result) outcome = { digest: hash.digest('hex'), ...result };
    else {
      ftruncateSync(out, 0);
      outcome = inPlace(s, key, body, out);
    }
    if (outcome.digest !== body.bodyDigest) throw corrupt('body');
    if (outcome.part) throw corrupt(outcome.part);
    return where;
  }
}

/** The pass (in the thread or here): the part a corrupt body was refused for, or nothing. */
export function decryptOutcome(run: () => void): DecryptResult {
  try {
    run();
    return {};
  } catch (error) {
    if (!(error instanceof CustodiaError) || error.code !== 'BACKUP_CORRUPT') throw error;
    return { part: String(error.details?.part ?? 'body') };
  }
}

function inPlace(s: Sodium, key: Uint8Array, body: SignedBody, out: number): Outcome {
  const hash = createHash('blake2b512');
  const result = decryptOutcome(() => decryptPass(s, key, body.firstAd, body.fd, body.position, body.chunkBytes, out, (block) => hash.update(block)));
  return { digest: hash.digest('hex'), ...result };
}
