import { decryptOutcome, type DecryptJob, type DecryptResult } from './decrypt';
import { decryptPass } from './stream';
import { serveBlockJob } from './thread';

/**
 * Worker thread (decrypt.ts): decrypts a backup's body into the staged file, reading each
 * ciphertext block once and moving it to the main thread, which digests it meanwhile. The backups
 * subkey arrives as bytes of its own (moved, not copied), wiped when the pass ends (thread.ts); the
 * plaintext goes to the file only (each chunk wiped after its write). It logs nothing.
 */
serveBlockJob<DecryptJob, DecryptResult>((s, job, send) =>
  decryptOutcome(() => decryptPass(s, job.key, job.firstAd, job.fd, job.position, job.chunkBytes, job.out, send)),
);
