import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../main/services';
import { DIGEST_PLACEHOLDER, PREFIX_BYTES, SIGNATURE_BYTES } from '../../../../main/services/backup/format';
import { writePartial } from '../../../../main/services/backup/writer';
import { refusal } from '../../../fixtures/keyholders';
import { KNOWN, keyholderId, removeDir, servicesOnCopy, tempDir, unlockedWithActors } from '../../../fixtures/vault';
import { CustodiaError } from '../../../../main/domain/errors';
import { assemble, decryptedAsHead, parts } from './backup-file';

/**
 * A restore reads the backup's body once (issue 18): its digest is taken as it is decrypted, in the
 * vault's own folder, and compared with the signed header's before the verification reads the file;
 * the verified file is renamed into place, not copied, and refused if it changed since it was
 * verified; a staged file left by a killed run is never read as a vault and is removed.
 */
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
let station: Services;
let good: string;
let bodyAt: number;
const dirs: string[] = [];
const dir = () => {
  const d = tempDir('custodia-staged-restore-');
  dirs.push(d);
  return d;
};
const staged = () => readdirSync(station.vault.dataDir).filter((n) => n.startsWith('vault.sqlite'));
const admin = () => keyholderId(ctx.services, 'administrator');

beforeAll(async () => {
  ctx = await unlockedWithActors();
  good = join(dir(), 'good.custodia');
  await ctx.services.backup.create(ctx.admin, good);
  const p = parts(good);
  bodyAt = PREFIX_BYTES + p.headerBytes.length + SIGNATURE_BYTES;
  station = await createServices({ dataDir: dir() });
}, 120_000);
afterAll(async () => {
  await ctx.services.close();
  await station.close();
  for (const d of dirs) removeDir(d);
});

describe('one pass over the body: the signed digest is checked before anything trusts the plaintext', () => {
  const edits: [string, (path: string) => void][] = [
    ['a byte of the first chunk (which would not open under its header either)', (path) => flipAt(path, bodyAt + 40)],
    ['a byte in the middle', (path) => flipAt(path, bodyAt + Math.floor((statSync(path).size - bodyAt) / 2))],
    ['the last byte', (path) => flipAt(path, statSync(path).size - 1)],
    ['a cut of one byte', (path) => truncateSync(path, statSync(path).size - 1)],
    ['one byte appended', (path) => appendFileSync(path, Buffer.from([0]))],
  ];
  for (const [name, edit] of edits)
    it(`a backup edited after it was inspected (${name}): BACKUP_CORRUPT body at open, nothing staged`, async () => {
      const file = join(dir(), 'edited.custodia');
      copyFileSync(good, file);
      const { handle } = station.backup.inspect(file);
      edit(file);
      expect(await refusal(() => station.backup.open(handle, admin(), KNOWN.adminPass))).toMatchObject({
        code: 'BACKUP_CORRUPT',
        details: { part: 'body' },
      });
      expect(staged()).toEqual([]);
      expect((await refusal(() => station.backup.install(handle))).code).toBe('BACKUP_UNKNOWN');
      expect(station.setup.status().state).toBe('empty');
    }, 60_000);

  it('a body that decrypts under the same key and header, but is not the signed one: refused by its digest, before the verification', async () => {
    // An insider with the vault key: the administrator made head with sqlite3, re-encrypted for the same header (its
    // first chunk's associated data is the header without its digest), the original header and signature kept.
    const s = ctx.services.sodium;
    const keys = ctx.services.sessions.require().keys;
    const p = parts(good);
    const plain = join(dir(), 'plain.sqlite');
    expect(decryptedAsHead(s, keys.backups, good, plain, admin())).toBe(1);
    const draft = { ...p.header, bodyDigest: DIGEST_PLACEHOLDER };
    const reencrypted = writePartial(s, keys.backups, ctx.admin.signSecret, draft, plain, join(dir(), 'insider.custodia')).partial;
    // Its own digest signed: it decrypts, and only the verification refuses it (so the verification would say `integrity`).
    const signed = await refusal(async () => {
      const { handle } = station.backup.inspect(reencrypted);
      await station.backup.open(handle, admin(), KNOWN.adminPass);
    });
    expect(signed).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'integrity' } });
    // The good file inspected, then its body replaced by that one: the digest refuses it first.
    const file = join(dir(), 'swapped.custodia');
    copyFileSync(good, file);
    const { handle } = station.backup.inspect(file);
    assemble(s, file, p.header, parts(reencrypted).body, { signature: p.signature });
    expect(await refusal(() => station.backup.open(handle, admin(), KNOWN.adminPass))).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'body' } });
    expect(staged()).toEqual([]);
  }, 60_000);

  it('the same file, unedited, opens (the refusals above can fail)', async () => {
    const { handle } = station.backup.inspect(good);
    const opened = await station.backup.open(handle, admin(), KNOWN.adminPass);
    expect(opened.installable).toBe(true);
    station.backup.discard();
    expect(staged()).toEqual([]);
  }, 60_000);
});

describe('the verified file is renamed into place, and only while it is the file verified', () => {
  it('staged private in the vault folder, read-only once verified; installed by a rename, nothing left beside it', async () => {
    const { handle } = station.backup.inspect(good);
    await station.backup.open(handle, admin(), KNOWN.adminPass);
    const [name, ...others] = staged();
    expect(others).toEqual([]);
    expect(name).toMatch(new RegExp(`^vault\\.sqlite\\.restoring-${process.pid}-[0-9a-f]{16}$`));
    const file = join(station.vault.dataDir, name!);
    expect(statSync(file).mode & 0o777).toBe(0o400);
    // Not a vault while staged.
    expect(station.setup.status().state).toBe('empty');
    const inode = statSync(file).ino;
    station.backup.install(handle);
    // The vault, open (its WAL beside it), and nothing else.
    expect(staged().filter((n) => n !== 'vault.sqlite-wal' && n !== 'vault.sqlite-shm')).toEqual(['vault.sqlite']);
    expect(statSync(station.vault.path).ino).toBe(inode);
    expect(statSync(station.vault.path).mode & 0o777).toBe(0o600);
    expect(station.setup.status().state).toBe('locked');
    await station.sessions.unlock(admin(), KNOWN.adminPass);
    expect((await station.integrity.status()).report.ok).toBe(true);
  }, 120_000);

  it('a byte written into the staged file after its verification: BACKUP_CORRUPT staged at install, the file removed, nothing installed', async () => {
    const { other, handle, file } = await openedOnAnotherStation();
    try {
      // Another process of the same user (the tests run as whoever; root ignores the 0400): one byte of the file, in place.
      const fd = openSync(file, 'r+');
      try {
        writeSync(fd, Buffer.from([0x42]), 0, 1, 4096 + 100);
      } finally {
        closeSync(fd);
      }
      expect(await refusal(() => other.backup.install(handle))).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'staged' } });
      expect(readdirSync(other.vault.dataDir).filter((n) => n.startsWith('vault.sqlite'))).toEqual([]);
      expect(other.setup.status().state).toBe('empty');
      expect((await refusal(() => other.backup.install(handle))).code).toBe('BACKUP_UNKNOWN');
    } finally {
      await other.close();
    }
  }, 120_000);

  it('the staged name pointed at another file after its verification: refused at install, nothing installed', async () => {
    const { other, handle, file } = await openedOnAnotherStation();
    try {
      const forged = join(dir(), 'forged.sqlite');
      copyFileSync(file, forged);
      // Same bytes, another file: renamed over the staged name.
      renameSync(forged, file);
      expect(await refusal(() => other.backup.install(handle))).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'staged' } });
      expect(other.setup.status().state).toBe('empty');
      expect(existsSync(other.vault.path)).toBe(false);
    } finally {
      await other.close();
    }
  }, 120_000);
});

/** The good backup opened (verified, staged) on a workstation of its own: the staged file's path. */
async function openedOnAnotherStation(): Promise<{ other: Services; handle: string; file: string }> {
  const other = await createServices({ dataDir: dir() });
  const { handle } = other.backup.inspect(good);
  await other.backup.open(handle, admin(), KNOWN.adminPass);
  const [name] = readdirSync(other.vault.dataDir);
  return { other, handle, file: join(other.vault.dataDir, name!) };
}

describe('the replacement of a vault in use renames the staged file only after its guard', () => {
  it('a guard that refuses: the vault in use is put back where it was, the staged file not installed', async () => {
    const other = await servicesOnCopy();
    try {
      const folder = other.vault.dataDir;
      const before = statSync(other.vault.path).ino;
      const stagedFile = join(folder, `vault.sqlite.restoring-${process.pid}-${'ef'.repeat(8)}`);
      copyFileSync(other.vault.path, stagedFile);
      const calls: string[] = [];
      const guard = {
        check: () => {
          calls.push('check');
          throw new CustodiaError('BACKUP_CORRUPT', { part: 'staged' });
        },
        settle: () => calls.push('settle'),
      };
      expect(await refusal(() => other.vault.replace(stagedFile, 'vault.sqlite.replaced-test', guard))).toMatchObject({
        code: 'BACKUP_CORRUPT',
        details: { part: 'staged' },
      });
      expect(calls).toEqual(['check']);
      expect(statSync(other.vault.path).ino).toBe(before);
      expect(existsSync(join(folder, 'vault.sqlite.replaced-test'))).toBe(false);
      expect(existsSync(stagedFile)).toBe(true);
    } finally {
      removeDir(other.vault.dataDir);
      await other.close();
    }
  }, 60_000);
});

describe('a staged file left by a killed restore', () => {
  it('is never read as a vault, and the next open removes it (a live process’s is kept)', async () => {
    const other = await createServices({ dataDir: dir() });
    try {
      const folder = other.vault.dataDir;
      // A process that has exited: its pid is gone.
      const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
      const stale = join(folder, `vault.sqlite.restoring-${dead}-${'ab'.repeat(8)}`);
      copyFileSync(good, stale);
      writeFileSync(`${stale}-wal`, 'x');
      const live = join(folder, `vault.sqlite.restoring-${process.ppid}-${'cd'.repeat(8)}`);
      writeFileSync(live, 'x');
      const unrelated = join(folder, 'notes.txt');
      writeFileSync(unrelated, 'not ours');
      expect(other.setup.status().state).toBe('empty');
      const { handle } = other.backup.inspect(good);
      await other.backup.open(handle, admin(), KNOWN.adminPass);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(`${stale}-wal`)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(unrelated)).toBe(true);
      other.backup.discard();
      expect(readdirSync(folder).sort()).toEqual([`vault.sqlite.restoring-${process.ppid}-${'cd'.repeat(8)}`, 'notes.txt'].sort());
      expect(other.setup.status().state).toBe('empty');
    } finally {
      await other.close();
    }
  }, 120_000);
});

function flipAt(path: string, at: number): void {
  const fd = openSync(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0x01;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}
