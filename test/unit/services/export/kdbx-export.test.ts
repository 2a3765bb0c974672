import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauth, totpCode, type TotpSeed } from '../../../../main/domain/totp';
import { EXPORT_KDF } from '../../../../main/services/export/kdbx-writer';
import { ExportService } from '../../../../main/services/export/exports';
import { openItems } from '../../../../main/services/people/departure-plan';
import { exposuresOf } from '../../../../main/services/people/exposures';
import { readOuterHeader } from '../../../../main/vault/kdbx';
import { cli, exportVault, FILE_PASS, oathtool, SEED, tempDir } from './export.context';

/**
 * The KeePass export (issue 18, scope 5; POL-5, HAND-3): proposed by the administrator, authorized by
 * the head, performed once by its proposer. The acceptance: the file opens with KeePassXC's own
 * command line (`ls`, `show`) and shows the same entries, passwords and TOTP.
 */
let ctx: Awaited<ReturnType<typeof exportVault>>;
let requestId: string;
let file: string;
let counts: { accounts: number; passwords: number; seeds: number };

beforeAll(async () => {
  ctx = await exportVault();
  ({ requestId } = ctx.exporter.propose(ctx.admin, 'Copia para el auditor'));
  ctx.services.cosign.approve(requestId, ctx.head);
  file = join(tempDir(), 'oficina.kdbx');
  counts = await ctx.exporter.exportKdbx(ctx.admin, { requestId, passphrase: FILE_PASS, confirm: FILE_PASS, destination: file });
}, 60_000);
afterAll(() => ctx.services.close());

const db = () => ctx.services.vault.require();

describe('an export opens with keepassxc-cli and shows the same entries', () => {
  it('one group per platform, one entry per account in force', () => {
    expect(counts).toEqual({ accounts: 3, passwords: 2, seeds: 1 });
    const listing = cli(['ls', '-R', '-f', '-q', file]).trim().split('\n').sort();
    expect(listing).toEqual(
      expect.arrayContaining([
        'Correo institucional/Casilla Prensa Zafiroquinta',
        'Facebook/Página Oficial Zafiroquinta',
        'TikTok/Campaña Quenual sin contraseña',
      ]),
    );
    expect(listing.filter((l) => !l.endsWith('/'))).toHaveLength(3);
  });

  it('usernames, URLs, notes and passwords are the vault’s', () => {
    const show = (entry: string, attribute: string) => cli(['show', '-q', '-s', '-a', attribute, file, entry]).trim();
    const fb = 'Facebook/Página Oficial Zafiroquinta';
    expect(show(fb, 'UserName')).toBe('prensa.zafiroquinta@zafiroquinta.gob.pe');
    expect(show(fb, 'URL')).toBe('https://www.facebook.com/ZafiroquintaOficial');
    expect(show(fb, 'Notes')).toBe('Página principal de la oficina');
    // The current version, never an earlier one.
    expect(show(fb, 'Password')).toBe(ctx.secrets.facebook);
    expect(show('Correo institucional/Casilla Prensa Zafiroquinta', 'Password')).toBe(ctx.secrets.mailbox);
    expect(show('TikTok/Campaña Quenual sin contraseña', 'Password')).toBe('');
  });

  it('the otp attribute is the seed as KeePassXC reads it: the same codes as oathtool and as the vault', () => {
    const uri = cli(['show', '-q', '-s', '-a', 'otp', file, 'Facebook/Página Oficial Zafiroquinta']).trim();
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    const seed = parseOtpauth(uri) as TotpSeed;
    expect(seed.secret).toBe(SEED);
    const at = new Date('2026-11-22T15:00:10Z');
    expect(totpCode(seed, at.getTime() / 1000).code).toBe(oathtool(SEED, at));
    // KeePassXC's own reading of the attribute: its current code is the vault's at the same moment (either side of a step).
    const before = totpCode(seed, Date.now() / 1000).code;
    const shown = cli(['show', '-q', '--totp', file, 'Facebook/Página Oficial Zafiroquinta']).trim();
    const after = totpCode(seed, Date.now() / 1000).code;
    expect([before, after]).toContain(shown);
  });

  it('a wrong passphrase does not open it', () => {
    expect(() => cli(['ls', '-q', file], 'otra frase cualquiera larga\n')).toThrow();
  });

  it('is written under its name only: no partial left beside it', () => {
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['oficina.kdbx']);
  });
});

describe('what the export leaves in the vault', () => {
  it('each exported password and seed is an exposure of the exporting keyholder (HAND-3)', () => {
    const rows = db().prepare('SELECT item, keyholder_id AS k, account_id AS a FROM export_exposures WHERE request_id = ?').all(requestId);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { item: 'password', k: ctx.admin.keyholderId, a: ctx.ids.mailbox },
        { item: 'password', k: ctx.admin.keyholderId, a: ctx.ids.facebook },
        { item: 'seed', k: ctx.admin.keyholderId, a: ctx.ids.facebook },
      ]),
    );
  });

  it('the exposures view and the departure checklist read them', () => {
    const person = db().prepare('SELECT person_id FROM keyholder_people WHERE keyholder_id = ?').pluck().get(ctx.admin.keyholderId) as string;
    const seen = exposuresOf(db(), { personId: person, keyholderId: ctx.admin.keyholderId }).filter((e) => e.how === 'exported');
    expect(seen.map((e) => [e.item, e.accountId, e.current]).sort()).toEqual(
      [
        ['password', ctx.ids.facebook, true],
        ['password', ctx.ids.mailbox, true],
        ['seed', ctx.ids.facebook, true],
      ].sort(),
    );
    const plan = openItems(db(), { personId: person, keyholderId: ctx.admin.keyholderId });
    expect(plan.filter((i) => i.kind === 'rotate_password').map((i) => i.accountId)).toEqual(expect.arrayContaining([ctx.ids.mailbox, ctx.ids.facebook]));
    expect(plan.filter((i) => i.kind === 'replace_seed').map((i) => i.accountId)).toContain(ctx.ids.facebook);
  });

  it('one audit event with the counts and no secret; the log verifies', () => {
    const events = db().prepare("SELECT subjects, details FROM audit_events WHERE action = 'vault.exported'").all() as { subjects: string; details: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.subjects)).toEqual({ request: requestId });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ accounts: 3, passwords: 2, seeds: 1 });
    const all = JSON.stringify(db().prepare('SELECT details FROM audit_events').pluck().all());
    for (const secret of [ctx.secrets.facebook, ctx.secrets.mailbox, SEED, FILE_PASS]) expect(all).not.toContain(secret);
    expect(ctx.services.audit.verify().ok).toBe(true);
  });

  it('the request reads as applied once performed', () => {
    const view = ctx.services.cosign.requests().find((r) => r.id === requestId)!;
    expect(view.state).toBe('applied');
  });

  it('a second perform of the same request is refused, and writes nothing', async () => {
    const again = join(tempDir(), 'otra.kdbx');
    await expect(ctx.exporter.exportKdbx(ctx.admin, { requestId, passphrase: FILE_PASS, confirm: FILE_PASS, destination: again })).rejects.toMatchObject({
      code: 'EXPORT_NONE',
      details: { reason: 'performed' },
    });
    expect(existsSync(again)).toBe(false);
    expect(db().prepare("SELECT count(*) FROM audit_events WHERE action = 'vault.exported'").pluck().get()).toBe(1);
  });

  it('with rotate after use on, an export is a use: each exported password falls due the configured hours after it', () => {
    const row = (id: string) => ctx.services.rotation.dashboard().rows.find((r) => r.accountId === id)!;
    const before = { mailbox: row(ctx.ids.mailbox).dueAt, facebook: row(ctx.ids.facebook).dueAt };
    const { requestId: settings } = ctx.services.cosign.proposeSettings(ctx.admin, {
      settings: { ...ctx.services.rotation.settings(), rotateAfterUse: true, rotateAfterUseHours: 8 },
    });
    ctx.services.cosign.approve(settings, ctx.head);
    const exportedAt = db().prepare('SELECT min(at) FROM export_exposures WHERE request_id = ?').pluck().get(requestId) as string;
    const due = new Date(Date.parse(exportedAt) + 8 * 3_600_000).toISOString();
    for (const id of [ctx.ids.mailbox, ctx.ids.facebook]) expect(row(id)).toMatchObject({ dueAt: due, dueAfterUse: true });
    expect(due < before.mailbox! && due < before.facebook!).toBe(true);
    // The account with no password exported keeps its own state.
    expect(row(ctx.ids.noPassword).dueAfterUse).toBe(false);
  });
});

describe('production cost and the save dialog', () => {
  it('production writes KDBX 4 with Argon2id at 64 MiB × 3 passes', async () => {
    const { requestId: second } = ctx.exporter.propose(ctx.admin, null);
    ctx.services.cosign.approve(second, ctx.head);
    const { services } = ctx;
    const strong = new ExportService(services.sodium, services.vault, services.sessions, services.cosign, services.integrity, ctx.now);
    const path = join(tempDir(), 'fuerte.kdbx');
    await strong.exportKdbx(ctx.admin, { requestId: second, passphrase: FILE_PASS, confirm: FILE_PASS, destination: path });
    const bytes = readFileSync(path);
    const header = readOuterHeader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(header).toMatchObject({ versionMajor: 4, kdf: { kind: 'argon2', memoryBytes: EXPORT_KDF.memoryBytes, iterations: 3 } });
    expect(cli(['ls', '-q', path])).toContain('Facebook/');
  }, 60_000);

  it('a cancelled dialog writes nothing and leaves the authorization open; the chosen path then gets the file', async () => {
    const { requestId: third } = ctx.exporter.propose(ctx.admin, null);
    ctx.services.cosign.approve(third, ctx.head);
    ctx.choose(null);
    await expect(ctx.exporter.saveKdbx(ctx.admin, { requestId: third, passphrase: FILE_PASS, confirm: FILE_PASS })).resolves.toEqual({ saved: false });
    expect(ctx.exporter.status(ctx.admin).ready.map((g) => g.requestId)).toContain(third);
    const path = join(tempDir(), 'elegido.kdbx');
    ctx.choose(path);
    await expect(ctx.exporter.saveKdbx(ctx.admin, { requestId: third, passphrase: FILE_PASS, confirm: FILE_PASS })).resolves.toMatchObject({
      saved: true,
      file: 'elegido.kdbx',
      accounts: 3,
    });
    expect(ctx.exporter.status(ctx.admin).ready.map((g) => g.requestId)).not.toContain(third);
  });
});
