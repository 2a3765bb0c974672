import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdbxPreviewRequest, kdbxProposeRequest, type KdbxPreviewRequest, type KdbxProposal } from '../../../../shared/kdbx-import';
import { importContext, refusalOf, START, type ImportContext } from './import.context';
import { base64Of, KDBX_PASS, officeFile, tempDir } from './kdbx.context';

/**
 * Import from KeePass (issue 18, scope 4): a KDBX 4 written here by keepassxc-cli, opened with its
 * own passphrase, each entry judged as a spreadsheet row (SEC-2, platform, TOTP), proposed as the
 * one «inventario inicial» that imports nothing until the Jefe de la Oficina authorizes it (POL-5).
 */
let ctx: ImportContext;
let dir: string;
let file: ReturnType<typeof officeFile>;
let proposal: KdbxProposal;
const request = (extra: Partial<KdbxPreviewRequest> = {}) => kdbxPreviewRequest.parse({ file: base64Of(file.path), passphrase: KDBX_PASS, ...extra });
const rowOf = (n: number) => proposal.preview.rows.find((r) => r.row === n)!;
const idOf = (n: number) => proposal.accountIds[proposal.preview.rows.filter((r) => r.verdict !== 'refused').findIndex((r) => r.row === n)]!;

beforeAll(async () => {
  ctx = await importContext();
  dir = tempDir();
  file = officeFile(dir);
}, 120_000);
afterAll(() => {
  ctx.services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the preview of a KeePassXC file', () => {
  it('reads every entry with its running number, group path and title, and writes nothing', async () => {
    const before = ctx.eventCount();
    const preview = await ctx.services.kdbxImport.preview(ctx.admin, request());
    expect(preview.version).toBe('4.0');
    expect(preview.rows.map((r) => [r.row, r.label])).toEqual([
      [1, 'Redes/Prensa TikTok'],
      [2, 'Redes/Página oficial'],
      [3, 'Redes/Instagram antiguo'],
      [4, 'Redes/Cuenta en X'],
      [5, 'Varios/Portal de trámites'],
    ]);
    expect(preview.groups).toEqual([
      { path: 'Redes', entries: 4 },
      { path: 'Varios', entries: 1 },
    ]);
    expect(ctx.eventCount()).toBe(before);
  });

  it('guesses each platform from the URL and takes KeePassXC’s otp attribute as the TOTP seed', async () => {
    const preview = await ctx.services.kdbxImport.preview(ctx.admin, request());
    const row = (n: number) => preview.rows.find((r) => r.row === n)!;
    expect(row(file.rows.tiktok)).toMatchObject({
      verdict: 'ok',
      account: { platform: 'tiktok', displayName: 'Prensa TikTok', withPassword: true, withTotp: true },
    });
    expect(row(file.rows.facebook)).toMatchObject({ verdict: 'ok', account: { platform: 'facebook' } });
    expect(row(file.rows.x)).toMatchObject({ verdict: 'ok', account: { platform: 'x', withTotp: false } });
  });

  it('refuses a free-mail login (SEC-2) and an entry no platform is known for, with their reasons', async () => {
    const preview = await ctx.services.kdbxImport.preview(ctx.admin, request());
    const row = (n: number) => preview.rows.find((r) => r.row === n)!;
    expect(row(file.rows.gmail)).toMatchObject({ verdict: 'refused', account: null });
    expect(row(file.rows.gmail).problems).toContainEqual({ field: 'loginIdentifier', reason: 'free_email', rule: 'SEC-2', details: { domain: 'gmail.com' } });
    expect(row(file.rows.unknown).problems).toContainEqual(
      expect.objectContaining({ field: 'platform', reason: 'platform_unknown', details: { value: 'tramites.example.org' } }),
    );
    expect(preview.counts).toMatchObject({ rows: 5, ok: 3, refused: 2, withPassword: 3, withTotp: 1 });
  });

  it('takes a platform chosen for a group, or a default one, for entries that name none', async () => {
    const byGroup = await ctx.services.kdbxImport.preview(ctx.admin, request({ groupPlatforms: [{ group: 'Varios', platform: 'google' }] }));
    expect(byGroup.rows.find((r) => r.row === file.rows.unknown)).toMatchObject({ verdict: 'ok', account: { platform: 'google' } });
    const byDefault = await ctx.services.kdbxImport.preview(ctx.admin, request({ defaultPlatform: 'other' }));
    expect(byDefault.rows.find((r) => r.row === file.rows.unknown)).toMatchObject({ verdict: 'ok', account: { platform: 'other' } });
  });

  it('never carries a password, a seed or the file’s passphrase to the renderer', async () => {
    const sent = JSON.stringify(await ctx.services.kdbxImport.preview(ctx.admin, request()));
    for (const secret of Object.values(file.secrets)) expect(sent).not.toContain(secret);
    expect(sent).not.toContain('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ');
    expect(sent).not.toContain(KDBX_PASS);
  });

  it('cannot be asked for by the head (LIFE-1, POL-5)', async () => {
    await expect(ctx.services.kdbxImport.preview(ctx.head, request())).rejects.toMatchObject({ code: 'ACTION_ROLE' });
  });
});

describe('the «inventario inicial» from KeePass', () => {
  beforeAll(async () => {
    proposal = await ctx.services.kdbxImport.propose(ctx.admin, kdbxProposeRequest.parse({ ...request(), note: 'Inventario del KeePass de la oficina' }));
  }, 60_000);

  it('is one request for the importable entries, imports nothing before the head authorizes, and shows no secret', () => {
    expect(proposal.accountIds).toHaveLength(3);
    const pending = ctx.services.cosign.pending().find((p) => p.id === proposal.requestId)!;
    expect(pending.description).toEqual({ kind: 'inventory.import', accounts: 3, withPassword: 3, withTotp: 1, rotateNow: 0 });
    const db = ctx.services.vault.require();
    const ids = JSON.stringify(proposal.accountIds);
    expect(db.prepare('SELECT count(*) FROM credential_versions WHERE account_id IN (SELECT value FROM json_each(?))').pluck().get(ids)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM totp_seeds WHERE account_id IN (SELECT value FROM json_each(?))').pluck().get(ids)).toBe(0);
    expect(refusalOf(() => ctx.services.credentials.reveal(ctx.admin, idOf(file.rows.tiktok)))).toMatchObject({ code: 'ACCOUNT_PENDING', rule: 'LIFE-1' });
    const shown = JSON.stringify(ctx.services.cosign.requests());
    for (const secret of Object.values(file.secrets)) expect(shown).not.toContain(secret);
  });

  it('is refused to its own proposer (POL-5)', () => {
    expect(refusalOf(() => ctx.services.cosign.approve(proposal.requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(ctx.services.accounts.get(idOf(file.rows.tiktok)).status).toBe('pending');
  });

  it('once authorized, holds each password as version 1 and the TOTP seed whose codes are oathtool’s', () => {
    ctx.services.cosign.approve(proposal.requestId, ctx.head);
    expect(rowOf(file.rows.tiktok).verdict).toBe('ok');
    for (const key of ['tiktok', 'facebook', 'x'] as const) {
      const id = idOf(file.rows[key]);
      expect(ctx.services.accounts.get(id).status).toBe('active');
      expect(ctx.services.credentials.reveal(ctx.admin, id)).toMatchObject({ secret: file.secrets[key], versionN: 1 });
    }
    expect(ctx.services.accounts.get(idOf(file.rows.facebook))).toMatchObject({ notes: 'Página principal', profileUrl: 'https://facebook.com/zafiroquinta' });
    const at = new Date(START)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
    const expected = execFileSync('oathtool', ['--totp', `--now=${at}`, '-b', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'], { encoding: 'utf8' }).trim();
    const [code] = ctx.services.totp.codes(ctx.admin, [idOf(file.rows.tiktok)]);
    expect(code).toMatchObject({ code: expected });
    expect(ctx.services.audit.verify()).toMatchObject({ ok: true });
    expect(ctx.services.integrity.verify().faults).toEqual([]);
  });

  it('refuses the same file again: its passwords are now the vault’s (POL-3)', async () => {
    const again = await ctx.services.kdbxImport.preview(ctx.admin, request());
    expect(again.rows.find((r) => r.row === file.rows.tiktok)!.problems).toContainEqual(
      expect.objectContaining({ reason: 'duplicate_in_vault', rule: 'POL-3' }),
    );
  });
});
