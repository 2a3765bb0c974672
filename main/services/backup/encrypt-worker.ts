import type { EncryptJob, EncryptResult } from './encrypt';
import { encryptPass } from './stream';
import { serveBlockJob } from './thread';

/**
 * Worker thread (encrypt.ts): encrypts the snapshot into the partial backup file, moving each block
 * it wrote (ciphertext only) to the main thread, which digests it meanwhile. The backups subkey
 * arrives as bytes of its own (moved, not copied), wiped when the pass ends (thread.ts); the
 * plaintext chunks are wiped at its end. It logs nothing.
 */
serveBlockJob<EncryptJob, EncryptResult>((s, job, send) => ({ bytes: encryptPass(s, job, send) }));
