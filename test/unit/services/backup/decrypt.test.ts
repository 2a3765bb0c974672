import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptThread, type SignedBody } from '../../../../main/services/backup/decrypt';
import { headerCore, PREFIX_BYTES, SIGNATURE_BYTES } from '../../../../main/services/backup/format';
import { decryptBody } from '../../../../main/services/backup/stream';
import { refusal } from '../../../fixtures/keyholders';
import { removeDir, tempDir, unlockedWithActors } from '../../../fixtures/vault';
import { parts } from './backup-file';

/**
 * The one pass over a backup's body (main/services/backup/decrypt.ts): decrypted in a worker
 * thread while this thread digests the same blocks; the same bytes as a decryption in place; and
 * where no thread can do it (it died before its job), in place, with the same checks.
 */
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
let folder: string;
let good: string;
let expected: Buffer;

beforeAll(async () => {
  ctx = await unlockedWithActors();
  folder = tempDir('custodia-decrypt-');
  good = join(folder, 'good.custodia');
  await ctx.services.backup.create(ctx.admin, good);
  const plain = join(folder, 'reference.sqlite');
  const fd = openSync(good, 'r');
  try {
    decryptBody(ctx.services.sodium, key(), headerCore(ctx.services.sodium, parts(good).header), fd, bodyAt(), parts(good).header.chunkBytes, plain);
  } finally {
    closeSync(fd);
  }
  expected = readFileSync(plain);
}, 120_000);
afterAll(async () => {
  await ctx.services.close();
  removeDir(folder);
});

const key = () => ctx.services.sessions.require().keys.backups;
const bodyAt = () => PREFIX_BYTES + parts(good).headerBytes.length + SIGNATURE_BYTES;
async function decrypt(thread: DecryptThread, name: string, digest?: string): Promise<{ where: string; bytes: Buffer }> {
  const { header } = parts(good);
  const fd = openSync(good, 'r');
  const target = join(folder, name);
  const out = openSync(target, 'wx', 0o600);
  try {
    const body: SignedBody = {
      fd,
      position: bodyAt(),
      chunkBytes: header.chunkBytes,
      firstAd: headerCore(ctx.services.sodium, header),
      bodyDigest: digest ?? header.bodyDigest,
    };
    const where = await thread.run(ctx.services.sodium, key(), body, out);
    return { where, bytes: readFileSync(target) };
  } finally {
    closeSync(out);
    closeSync(fd);
  }
}

describe('decrypting a backup body in one pass', () => {
  it('in a worker thread: the same bytes as in place, the key still usable here (its copy moved, not this one)', async () => {
    const { where, bytes } = await decrypt(DecryptThread.start(), 'worker.sqlite');
    expect(where).toBe('worker');
    expect(bytes.equals(expected)).toBe(true);
    expect(key().some((b) => b !== 0)).toBe(true);
  }, 60_000);

  it('a thread that died before its job: decrypted here, with the same checks', async () => {
    const thread = DecryptThread.start();
    const worker = (thread as unknown as { worker: Worker }).worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    const { where, bytes } = await decrypt(thread, 'here.sqlite');
    expect(where).toBe('here');
    expect(bytes.equals(expected)).toBe(true);
    const dead = DecryptThread.start();
    await (dead as unknown as { worker: Worker }).worker.terminate();
    expect(await refusal(() => decrypt(dead, 'here-wrong.sqlite', '0'.repeat(128)))).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'body' } });
  }, 60_000);

  it('a digest that is not the signed one: BACKUP_CORRUPT body, though every chunk opens', async () => {
    expect(await refusal(() => decrypt(DecryptThread.start(), 'wrong.sqlite', 'f'.repeat(128)))).toMatchObject({
      code: 'BACKUP_CORRUPT',
      details: { part: 'body' },
    });
  }, 60_000);
});
