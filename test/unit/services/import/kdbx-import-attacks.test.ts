import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdbxPreviewRequest } from '../../../../shared/kdbx-import';
import type { Channel } from '../../../../shared/channels';
import { createHandlerTable, dispatch } from '../../../../main/ipc/handlers';
import { kdbxweb } from '../../../../main/vault/kdbx';
import { KNOWN } from '../../../fixtures/vault';
import { importContext, strongSecret, type ImportContext } from './import.context';
import { base64Of, KDBX_PASS, keepassxcFile, keepassxcLegacyFile, tempDir } from './kdbx.context';

/**
 * The KeePass import as an attacker uses it (issue 18, scope 4): a wrong passphrase, a file that is
 * not a KDBX, a damaged or truncated one, an old format, a header that asks for a ruinous KDF, and
 * hostile IPC payloads. Each is refused with its own typed error, never echoes the passphrase, and
 * writes nothing to the vault.
 */
let ctx: ImportContext;
let dir: string;
let good: Buffer;
const errors: unknown[] = [];

beforeAll(async () => {
  ctx = await importContext();
  dir = tempDir();
  good = readFileSync(
    keepassxcFile(dir, {
      Redes: [{ title: 'Página oficial', user: `redes@${KNOWN.domain}`, url: 'https://facebook.com/zafiro', password: strongSecret() }],
    }),
  );
}, 120_000);
afterAll(() => {
  ctx.services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Proposes `bytes` with `passphrase` and returns the refusal, after checking that nothing was written. */
async function refusal(bytes: Buffer | string, passphrase = KDBX_PASS) {
  const before = { events: ctx.eventCount(), accounts: ctx.services.accounts.list().length };
  const file = typeof bytes === 'string' ? bytes : bytes.toString('base64');
  const error = await ctx.services.kdbxImport
    .propose(ctx.admin, { ...kdbxPreviewRequest.parse({ file, passphrase }), note: '' })
    .then(() => expect.fail('expected a refusal'))
    .catch((e: unknown) => e);
  errors.push(error);
  expect({ events: ctx.eventCount(), accounts: ctx.services.accounts.list().length }).toEqual(before);
  return error as { code: string; details?: Record<string, unknown> };
}

describe('a KeePass file that cannot be imported', () => {
  it('a wrong passphrase: IMPORT_KDBX_PASSPHRASE, nothing written', async () => {
    expect(await refusal(good, 'no-es-la-clave')).toMatchObject({ code: 'IMPORT_KDBX_PASSPHRASE' });
  });

  it('random bytes, or a text file: IMPORT_KDBX_INVALID (not_kdbx)', async () => {
    expect(await refusal(Buffer.from('Plataforma;Nombre\nFacebook;Página\n'))).toMatchObject({ code: 'IMPORT_KDBX_INVALID', details: { reason: 'not_kdbx' } });
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    expect(await refusal(random)).toMatchObject({ code: 'IMPORT_KDBX_INVALID', details: { reason: 'not_kdbx' } });
  });

  it('a truncated file and a flipped byte in its body: IMPORT_KDBX_INVALID', async () => {
    expect(await refusal(good.subarray(0, good.length - 100))).toMatchObject({ code: 'IMPORT_KDBX_INVALID' });
    const flipped = Buffer.from(good);
    flipped[flipped.length - 40]! ^= 0x01;
    expect(await refusal(flipped)).toMatchObject({ code: 'IMPORT_KDBX_INVALID' });
  });

  it('a KDBX 3.1 file (as keepassxc-cli db-create writes it): IMPORT_KDBX_VERSION, naming the version', async () => {
    const legacy = readFileSync(keepassxcLegacyFile(dir));
    expect(await refusal(legacy)).toMatchObject({ code: 'IMPORT_KDBX_VERSION', details: { version: '3.1' } });
  });

  it('a header asking for 2^40 AES-KDF rounds (hours of work) is refused before any key is derived', async () => {
    // The KDF parameters are a VarDictionary: type 0x05 (UInt64), key length 1, «R», value length 8, the rounds.
    const marker = Buffer.from([0x05, 0x01, 0x00, 0x00, 0x00, 0x52, 0x08, 0x00, 0x00, 0x00]);
    const at = good.indexOf(marker);
    expect(at).toBeGreaterThan(0);
    const costly = Buffer.from(good);
    costly.writeBigUInt64LE(2n ** 40n, at + marker.length);
    expect(await refusal(costly)).toMatchObject({ code: 'IMPORT_KDBX_INVALID', details: { reason: 'kdf_too_costly' } });
  });

  it('no refusal holds the passphrase', () => {
    expect(errors.length).toBeGreaterThan(5);
    for (const error of errors) {
      const shown = JSON.stringify({ error, message: (error as Error).message, stack: (error as Error).stack });
      expect(shown).not.toContain(KDBX_PASS);
      expect(shown).not.toContain('no-es-la-clave');
    }
  });
});

describe('a KDBX 4 with Argon2id (as KeePass and a Custodia export write it)', () => {
  it('opens through hash-wasm’s Argon2id and imports its entries', async () => {
    const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(KDBX_PASS)), 'Oficina');
    db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
    const entry = db.createEntry(db.getDefaultGroup());
    entry.fields.set('Title', 'Canal oficial');
    entry.fields.set('UserName', `video@${KNOWN.domain}`);
    entry.fields.set('URL', 'https://www.youtube.com/@zafiro');
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString(strongSecret()));
    const path = join(dir, 'argon2id.kdbx');
    writeFileSync(path, Buffer.from(await db.save()));
    const preview = await ctx.services.kdbxImport.preview(ctx.admin, kdbxPreviewRequest.parse({ file: base64Of(path), passphrase: KDBX_PASS }));
    expect(preview.rows).toEqual([
      expect.objectContaining({ row: 1, label: 'Canal oficial', verdict: 'ok', account: expect.objectContaining({ platform: 'youtube' }) }),
    ]);
    await expect(ctx.services.kdbxImport.preview(ctx.admin, kdbxPreviewRequest.parse({ file: base64Of(path), passphrase: 'otra' }))).rejects.toMatchObject({
      code: 'IMPORT_KDBX_PASSPHRASE',
    });
  });
});

describe('hostile payloads through the handler table', () => {
  const table = () => createHandlerTable(ctx.services);
  const channels: Channel[] = ['import.kdbxPreview', 'import.kdbxPropose'];

  it.each([
    ['a file that is not base64', { file: 'no es base64 <script>' }],
    ['a file past the size bound', { file: 'A'.repeat(23_000_000) }],
    ['an unknown platform for a group', { groupPlatforms: [{ group: 'Redes', platform: 'myspace' }] }],
    ['an extra field', { history: true }],
    ['an empty passphrase', { passphrase: '' }],
  ])('%s: INVALID_REQUEST, typed', async (_, change) => {
    for (const channel of channels) {
      const result = await dispatch(table(), channel, { file: good.toString('base64'), passphrase: KDBX_PASS, ...change });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(JSON.stringify(result)).not.toContain(KDBX_PASS);
    }
  });

  it('a wrong passphrase comes back typed, without the passphrase', async () => {
    const result = await dispatch(table(), 'import.kdbxPreview', { file: good.toString('base64'), passphrase: 'clave-equivocada-77' });
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_KDBX_PASSPHRASE' } });
    expect(JSON.stringify(result)).not.toContain('clave-equivocada-77');
  });
});
