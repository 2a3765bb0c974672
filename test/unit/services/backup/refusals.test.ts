import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../main/services';
import { refusal } from '../../../fixtures/keyholders';
import { KNOWN, keyholderId, removeDir, servicesOnCopy, tempDir, unlockedWithActors } from '../../../fixtures/vault';
import { DIGEST_PLACEHOLDER } from '../../../../main/services/backup/format';
import { writePartial } from '../../../../main/services/backup/writer';
import { assemble, decryptedAsHead, flipped, parts } from './backup-file';

/**
 * A backup file is refused, with its own code, when it is not a backup, is of a newer format, has a
 * broken header signature, a damaged or cut body, is another institution's, or opens with a wrong
 * passphrase; and an attacker who edits it, re-signs it or moves a header onto another body is
 * refused too. Nothing is ever installed on the way.
 */
type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx;
let empty: Services;
const dirs: string[] = [];
const dir = () => {
  const d = tempDir('custodia-backup-refusals-');
  dirs.push(d);
  return d;
};
let good: string;
let second: string;

beforeAll(async () => {
  ctx = await unlockedWithActors();
  good = join(dir(), 'a.custodia');
  await ctx.services.backup.create(ctx.admin, good);
  second = join(dir(), 'b.custodia');
  await ctx.services.backup.create(ctx.backup, second);
  empty = await createServices({ dataDir: dir() });
}, 120_000);
afterAll(async () => {
  await ctx.services.close();
  await empty.close();
  for (const d of dirs) removeDir(d);
});

const nothingInstalled = () => {
  expect(empty.setup.status().state).toBe('empty');
  expect(readdirSync(empty.vault.dataDir).filter((n) => n.startsWith('vault.sqlite'))).toEqual([]);
};
const inspected = async (path: string) => refusal(() => empty.backup.inspect(path));
/** Inspected, then opened with the administrator's passphrase (a check at open, where inspect cannot know). */
const opened = async (path: string) => {
  const { handle } = empty.backup.inspect(path);
  return refusal(() => empty.backup.open(handle, keyholderId(ctx.services, 'administrator'), KNOWN.adminPass));
};

describe('a backup file that is not whole is refused, each with its own code', () => {
  it('a good backup passes every check (the refusals below can fail)', () => {
    expect(empty.backup.inspect(good).facts.signer.keyholderId).toBe(ctx.admin.keyholderId);
  });

  it('not a backup: the vault file itself, an empty file, another file, a folder, a file that is not there', async () => {
    const other = join(dir(), 'other.custodia');
    writeFileSync(other, 'Cuenta,Usuario,Contraseña\n');
    const blank = join(dir(), 'blank.custodia');
    writeFileSync(blank, '');
    for (const path of [ctx.services.vault.path, other, blank, dir(), join(dir(), 'missing.custodia')])
      expect((await inspected(path)).code).toBe('BACKUP_NOT_A_BACKUP');
    nothingInstalled();
  });

  it('a newer format version: BACKUP_NEWER_FORMAT, before anything else is read', async () => {
    const newer = join(dir(), 'newer.custodia');
    const bytes = Buffer.from(readFileSync(good));
    bytes.writeUInt32BE(2, 16);
    writeFileSync(newer, bytes);
    expect(await inspected(newer)).toMatchObject({ code: 'BACKUP_NEWER_FORMAT', details: { version: 2, supported: 1 } });
  });

  it('a flipped byte in the header: BACKUP_SIGNATURE; in the body: BACKUP_CORRUPT; a truncation: BACKUP_CORRUPT', async () => {
    const { headerBytes } = parts(good);
    // A hex digit of the chain head changed to another hex digit: the header still reads, its signature no longer holds.
    const bytes = Buffer.from(readFileSync(good));
    const at = 24 + headerBytes.indexOf('"hash":"') + 10;
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    const header = join(dir(), 'header.custodia');
    writeFileSync(header, bytes);
    expect(await inspected(header)).toMatchObject({ code: 'BACKUP_SIGNATURE', details: { reason: 'invalid' } });
    // A byte of the header's own syntax: it no longer reads as a header.
    const syntax = join(dir(), 'syntax.custodia');
    flipped(good, 24, syntax);
    expect(await inspected(syntax)).toMatchObject({ code: 'BACKUP_SIGNATURE', details: { reason: 'unreadable' } });
    const body = join(dir(), 'body.custodia');
    flipped(good, -100, body);
    expect(await inspected(body)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'body' } });
    for (const cut of [1, 17, 5000]) {
      const short = join(dir(), `short-${cut}.custodia`);
      copyFileSync(good, short);
      truncateSync(short, readFileSync(good).length - cut);
      expect((await inspected(short)).code).toBe('BACKUP_CORRUPT');
    }
    const headless = join(dir(), 'headless.custodia');
    copyFileSync(good, headless);
    truncateSync(headless, 200);
    expect(await inspected(headless)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'truncated' } });
    nothingInstalled();
  });

  it("another institution's backup, while this vault is open: BACKUP_FOREIGN", async () => {
    const other = await servicesOnCopy({ withBackup: false });
    try {
      await other.sessions.unlock(keyholderId(other, 'administrator'), KNOWN.adminPass);
      const foreign = join(dir(), 'foreign.custodia');
      await other.backup.create(other.sessions.require(), foreign);
      expect((await refusal(() => ctx.services.backup.inspect(foreign))).code).toBe('BACKUP_FOREIGN');
      // Its own vault's backups are recognised as such.
      expect(ctx.services.backup.inspect(good).sameVault).toBe(true);
    } finally {
      removeDir(other.vault.dataDir);
      await other.close();
    }
  }, 60_000);

  it('a wrong passphrase: UNLOCK_FAILED with a growing delay, nothing decrypted or installed', async () => {
    // A workstation of its own: the delay it starts would hold up the other tests.
    const station = await createServices({ dataDir: dir() });
    try {
      const { handle } = station.backup.inspect(good);
      expect((await refusal(() => station.backup.open(handle, randomUUID(), KNOWN.headPass))).code).toBe('KEYHOLDER_UNKNOWN');
      const failed = await refusal(() => station.backup.open(handle, keyholderId(ctx.services, 'head'), KNOWN.adminPass));
      expect(failed).toMatchObject({ code: 'UNLOCK_FAILED', details: { failures: 1 } });
      expect((await refusal(() => station.backup.open(handle, keyholderId(ctx.services, 'head'), KNOWN.headPass))).code).toBe('UNLOCK_THROTTLED');
      expect((await refusal(() => station.backup.install(handle))).code).toBe('BACKUP_UNKNOWN');
      expect(station.setup.status().state).toBe('empty');
      expect(readdirSync(station.vault.dataDir).filter((n) => n.startsWith('vault.sqlite'))).toEqual([]);
    } finally {
      await station.close();
    }
  }, 60_000);
});

describe('an attacker who edits a backup (design.md §4: a stolen or copied backup)', () => {
  it('a header re-signed by a key that is not a keyholder of that backup: BACKUP_SIGNATURE', async () => {
    const s = ctx.services.sodium;
    const p = parts(good);
    const mallory = s.crypto_sign_keypair();
    const forged = join(dir(), 'forged.custodia');
    assemble(s, forged, { ...p.header, signer: { keyholderId: randomUUID(), publicKey: s.to_hex(mallory.publicKey) } }, p.body, { secret: mallory.privateKey });
    expect(await inspected(forged)).toMatchObject({ code: 'BACKUP_SIGNATURE', details: { reason: 'signer_not_keyholder' } });
  });

  it('a key slot added for oneself and the header re-signed: refused by the open vault, and at open by the body on a new workstation', async () => {
    const s = ctx.services.sodium;
    const p = parts(good);
    const mallory = s.crypto_sign_keypair();
    const id = randomUUID();
    const slot = { ...p.header.keyholders[0]!, id, signPublicKey: s.to_hex(mallory.publicKey) };
    const header = { ...p.header, keyholders: [...p.header.keyholders, slot], signer: { keyholderId: id, publicKey: slot.signPublicKey } };
    const forged = join(dir(), 'slot.custodia');
    assemble(s, forged, header, p.body, { secret: mallory.privateKey });
    expect((await refusal(() => ctx.services.backup.inspect(forged))).details).toEqual({ reason: 'signer_not_in_roster' });
    // Without a vault to compare with, the header passes; the body it claims is bound to another header.
    expect(empty.backup.inspect(forged).facts.signer.keyholderId).toBe(id);
    expect(await opened(forged)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'header_body' } });
    nothingInstalled();
  }, 60_000);

  it('a body swapped from another backup of the same vault: BACKUP_CORRUPT, even re-signed by a keyholder', async () => {
    const s = ctx.services.sodium;
    const a = parts(good);
    const b = parts(second);
    const swapped = join(dir(), 'swapped.custodia');
    assemble(s, swapped, a.header, b.body, { signature: a.signature });
    expect(await inspected(swapped)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'body' } });
    // An insider re-signs header a with body b's digest: the first chunk is bound to b's own header.
    const resigned = join(dir(), 'resigned.custodia');
    assemble(s, resigned, { ...a.header, bodyDigest: b.header.bodyDigest }, b.body, { secret: ctx.admin.signSecret });
    expect(await opened(resigned)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'header_body' } });
    nothingInstalled();
  }, 60_000);

  it('an insider with the vault key decrypts a backup, makes themself head with sqlite3, re-encrypts and re-signs it: refused at open by the restored log', async () => {
    const s = ctx.services.sodium;
    const keys = ctx.services.sessions.require().keys;
    const p = parts(good);
    const plain = join(dir(), 'plain.sqlite');
    expect(decryptedAsHead(s, keys.backups, good, plain, keyholderId(ctx.services, 'administrator'))).toBe(1);
    // A whole, validly encrypted and signed backup: only the restored vault's own verification can tell.
    const { partial } = writePartial(
      s,
      keys.backups,
      ctx.admin.signSecret,
      { ...p.header, bodyDigest: DIGEST_PLACEHOLDER },
      plain,
      join(dir(), 'insider.custodia'),
    );
    expect(empty.backup.inspect(partial).facts.signer.keyholderId).toBe(ctx.admin.keyholderId);
    expect(await opened(partial)).toMatchObject({ code: 'BACKUP_CORRUPT', details: { part: 'integrity' } });
    nothingInstalled();
  }, 60_000);

  it("a backup is never written in the vault's own folder, and a stale partial of a killed backup is removed by the next one", async () => {
    expect((await refusal(() => ctx.services.backup.create(ctx.admin, join(ctx.services.vault.dataDir, 'x.custodia')))).code).toBe('BACKUP_DESTINATION');
    expect((await refusal(() => ctx.services.backup.create(ctx.admin, ctx.services.vault.path))).code).toBe('BACKUP_DESTINATION');
    const folder = dir();
    const stale = join(folder, `old.custodia.partial-${'ab'.repeat(16)}`);
    writeFileSync(stale, Buffer.alloc(4096));
    const unrelated = join(folder, `notes.txt.partial-${'cd'.repeat(16)}`);
    writeFileSync(unrelated, 'not ours');
    await ctx.services.backup.create(ctx.admin, join(folder, 'new.custodia'));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['new.custodia', `notes.txt.partial-${'cd'.repeat(16)}`]);
  });
});
