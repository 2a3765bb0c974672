import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { EncryptThread, type EncryptedBody } from '../../../../main/services/backup/encrypt';
import { headerCore, PREFIX_BYTES, SIGNATURE_BYTES } from '../../../../main/services/backup/format';
import { checkBackup } from '../../../../main/services/backup/reader';
import { tableCounts } from '../../../../main/services/backup/snapshot';
import { decryptBody, digestFrom, encryptBody } from '../../../../main/services/backup/stream';
import { refusal } from '../../../fixtures/keyholders';
import { KNOWN, keyholderId, removeDir, tempDir, unlockedWithActors } from '../../../fixtures/vault';
import { parts } from './backup-file';

/**
 * A backup's body encrypted in a worker thread while this thread digests it
 * (main/services/backup/encrypt.ts): the same format as the pass in place (the stream header is
 * random, so both are compared by what they decrypt to), each digest that of its file's body bytes;
 * a thread that dies, before or during its job, leaves the job to the pass in place; a backup whose
 * session ends while its body is written is not recorded nor left behind.
 */
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
let folder: string;
const CHUNK = 64 * 1024;
const BODY_AT = 97;
const AD = new Uint8Array(32).fill(7);

beforeAll(async () => {
  ctx = await unlockedWithActors();
  folder = tempDir('custodia-encrypt-');
}, 120_000);
afterAll(async () => {
  await ctx.services.close();
  removeDir(folder);
});

const s = () => ctx.services.sodium;
const key = () => ctx.services.sessions.require().keys.backups;
let files = 0;
const file = (name: string) => join(folder, `${++files}-${name}`);
const workerOf = (thread: EncryptThread) => (thread as unknown as { worker: Worker }).worker;

function source(bytes: number): { path: string; plain: Buffer } {
  const plain = randomBytes(bytes);
  const path = file('snapshot.bin');
  writeFileSync(path, plain);
  return { path, plain };
}

/** Encrypts `from` into a new file at BODY_AT, with the thread given or in place. */
async function encrypt(from: string, thread?: EncryptThread): Promise<{ path: string; body: EncryptedBody }> {
  const path = file('body.bin');
  const fd = openSync(path, 'wx', 0o600);
  try {
    const input = { key: key(), firstAd: AD, source: from, fd, position: BODY_AT, chunkBytes: CHUNK };
    const body = thread ? await thread.run(s(), input) : { ...encryptBody(s(), input), where: 'here' as const };
    return { path, body };
  } finally {
    closeSync(fd);
  }
}

/** What the body decrypts to (the restore's own reader), and the digest of the file's body bytes. */
function readBack(path: string): { plain: Buffer; digest: string; bytes: number } {
  const target = file('plain.bin');
  const fd = openSync(path, 'r');
  try {
    decryptBody(s(), key(), AD, fd, BODY_AT, CHUNK, target);
    return { plain: readFileSync(target), ...digestFrom(fd, BODY_AT) };
  } finally {
    closeSync(fd);
  }
}

describe('encrypting a backup body in a worker thread', () => {
  it.each([
    ['empty', 0],
    ['a whole number of chunks', 3 * CHUNK],
    ['several blocks and a short last chunk', 3 * 1024 * 1024 + 12_345],
  ])(
    '%s: the same stream as in place, each digest that of its own file',
    async (_, size) => {
      const { path, plain } = source(size);
      const threaded = await encrypt(path, EncryptThread.start());
      const here = await encrypt(path);
      expect(threaded.body.where).toBe('worker');
      expect(readFileSync(threaded.path).equals(readFileSync(here.path))).toBe(false);
      for (const { path: out, body } of [threaded, here]) {
        const back = readBack(out);
        expect(back.plain.equals(plain)).toBe(true);
        expect(back.digest).toBe(body.digest);
        expect(back.bytes).toBe(body.bytes);
      }
      expect(threaded.body.bytes).toBe(here.body.bytes);
    },
    60_000,
  );

  it('moves its copy of the key to the thread (nothing of it left here) and leaves the caller’s own as it was', async () => {
    const { path, plain } = source(200_000);
    const thread = EncryptThread.start();
    const worker = workerOf(thread);
    const sent: { key: Uint8Array }[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: { key: Uint8Array }, transfer?: readonly ArrayBuffer[]) => {
      sent.push(message);
      post(message, transfer as ArrayBuffer[]);
    };
    const before = Buffer.from(key());
    const { path: out, body } = await encrypt(path, thread);
    expect(body.where).toBe('worker');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key.byteLength).toBe(0);
    // Beside the key, only descriptors, sizes and the counter of blocks in flight (a shared 32-bit integer) cross.
    expect(Object.keys(sent[0]!).sort()).toEqual(['chunkBytes', 'fd', 'firstAd', 'flow', 'inFlight', 'key', 'position', 'source']);
    expect((sent[0] as unknown as { flow: SharedArrayBuffer }).flow.byteLength).toBe(4);
    expect(Buffer.from(key()).equals(before)).toBe(true);
    expect(readBack(out).plain.equals(plain)).toBe(true);
  }, 60_000);

  it('a thread that died before its job: encrypted here, the same stream', async () => {
    const { path, plain } = source(300_000);
    const thread = EncryptThread.start();
    const worker = workerOf(thread);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    const { path: out, body } = await encrypt(path, thread);
    expect(body.where).toBe('here');
    const back = readBack(out);
    expect(back.plain.equals(plain)).toBe(true);
    expect(back.digest).toBe(body.digest);
  }, 60_000);

  it('a thread that dies mid-way (an error after its first block): the body written again here, whole', async () => {
    const { path, plain } = source(4 * 1024 * 1024 + 777);
    const thread = EncryptThread.start();
    const worker = workerOf(thread);
    let blocks = 0;
    // Seen here before the thread's own listener: what a crash inside the thread looks like from here.
    worker.on('message', (m: object) => {
      if ('block' in m && ++blocks === 1) worker.emit('error', new Error('died'));
    });
    const { path: out, body } = await encrypt(path, thread);
    expect(blocks).toBeGreaterThanOrEqual(1);
    expect(body.where).toBe('here');
    const back = readBack(out);
    expect(back.plain.equals(plain)).toBe(true);
    expect(back.digest).toBe(body.digest);
    expect(readFileSync(out).length).toBe(BODY_AT + body.bytes);
  }, 60_000);
});

describe('a backup written with the thread', () => {
  it('passes inspect and decrypts to a vault with the header’s tables and rows; the session’s key still usable', async () => {
    const dest = file('respaldo.custodia');
    const created = await ctx.services.backup.create(ctx.admin, dest);
    const checked = checkBackup(dest);
    expect(checked.bytes).toBe(created.bytes);
    const { header, headerBytes } = parts(dest);
    const target = file('restored.sqlite');
    const fd = openSync(dest, 'r');
    try {
      decryptBody(s(), key(), headerCore(s(), header), fd, PREFIX_BYTES + headerBytes.length + SIGNATURE_BYTES, header.chunkBytes, target);
    } finally {
      closeSync(fd);
    }
    const db = new Database(target, { readonly: true });
    try {
      expect(tableCounts(db)).toEqual(created.counts);
    } finally {
      db.close();
    }
    expect(Object.keys(created.counts).length).toBeGreaterThan(5);
    expect(key().some((b) => b !== 0)).toBe(true);
  }, 60_000);

  it('is refused as VAULT_LOCKED, recorded nowhere and left nowhere, when the session locks while its body is written', async () => {
    const out = tempDir('custodia-encrypt-locked-');
    try {
      const dest = join(out, 'respaldo.custodia');
      const db = ctx.services.vault.require();
      const events = () => db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'backup.created'`).pluck().get() as number;
      const before = events();
      const pending = ctx.services.backup.create(ctx.admin, dest);
      ctx.services.sessions.lock('manual');
      expect(await refusal(() => pending)).toMatchObject({ code: 'VAULT_LOCKED' });
      expect(existsSync(dest)).toBe(false);
      expect(readdirSync(out)).toEqual([]);
      expect(events()).toBe(before);
    } finally {
      removeDir(out);
      await ctx.services.sessions.unlock(keyholderId(ctx.services, 'administrator'), KNOWN.adminPass);
    }
  }, 60_000);
});
