import { parse } from 'csv-parse/sync';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../../main/services';
import type { Actor } from '../../../../main/services/vault/session';
import { openSecret } from '../../../../main/vault/repositories/credential-versions';
import { openCode } from '../../../../main/vault/repositories/recovery-codes';
import { openSeeds } from '../../../../main/vault/repositories/totp-seeds';
import { richVault, type RichVault } from '../../../fixtures/rich-vault';
import { ACCOUNTS, KNOWN, freshServices, keyholderId, registerAccount, tempDir } from '../../../fixtures/vault';

/**
 * The inventory without any secret (issue 18, scope 5): every official account with its structure
 * and typed names, never a password, seed or recovery code; cells a spreadsheet would run as a
 * formula made text; UTF-8 with a BOM; any keyholder may save it, and each save is an audit event.
 */
let rich: RichVault;
let services: Services;
let admin: Actor;
let head: Actor;
let formulaAccount: string;
let bytes: Buffer;
let rows: string[][];
const FORMULA = '=HYPERLINK("http://atacante.example/robo","Abrir")';

beforeAll(async () => {
  rich = await richVault();
  const dir = tempDir('custodia-inventory-');
  cpSync(rich.dir, dir, { recursive: true });
  services = await freshServices(dir);
  await services.sessions.unlock(rich.ids.admin, KNOWN.adminPass);
  admin = services.sessions.require();
  head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
  formulaAccount = registerAccount(services, admin, head, { platform: 'x', kind: 'principal', displayName: FORMULA, handle: '+51 987 000 111' });
  const path = join(tempDir('custodia-inventory-out-'), 'inventario.csv');
  expect(services.export.exportInventory(admin, path)).toEqual({ accounts: expect.any(Number) });
  bytes = readFileSync(path);
  rows = parse(bytes, { bom: true }) as string[][];
}, 120_000);
afterAll(() => services.close());

const db = () => services.vault.require();

/** Every secret the vault holds, opened: each version's password, each seed, each recovery code; and the passphrases. */
function everySecret(): string[] {
  const { keys } = services.sessions.require();
  const versions = db().prepare('SELECT id FROM credential_versions').pluck().all() as string[];
  const accounts = db().prepare('SELECT id FROM accounts').pluck().all() as string[];
  const codes = db().prepare('SELECT id FROM recovery_codes').pluck().all() as string[];
  return [
    ...versions.map((id) => openSecret(db(), services.sodium, keys.records, id)),
    ...[...openSeeds(db(), services.sodium, keys.records, accounts).values()].map((seed) => seed.secret),
    ...codes.map((id) => openCode(db(), services.sodium, keys.records, id)),
    KNOWN.adminPass,
    KNOWN.headPass,
    KNOWN.backupPass,
  ];
}

describe('the inventory CSV', () => {
  it('holds no secret of the vault, in any byte', () => {
    const secrets = everySecret();
    expect(secrets.length).toBeGreaterThan(10);
    const text = bytes.toString('utf8');
    for (const secret of secrets) expect(text.includes(secret), secret.slice(0, 3)).toBe(false);
  });

  it('is UTF-8 with a byte-order mark, the columns in the office’s words, one row per official account', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([
      'Plataforma',
      'Nombre de la cuenta',
      'Usuario',
      'URL',
      'Inicio de sesión',
      'Correo vinculado',
      'Doble factor registrado',
      'Estado',
      'Próxima rotación',
      'Última rotación',
    ]);
    const official = db().prepare("SELECT count(*) FROM accounts WHERE status IN ('active', 'archived')").pluck().get();
    expect(rows.length - 1).toBe(official);
  });

  it('reads back with csv-parse as the registry holds it: names with accents, linked e-mail, second step, dates', () => {
    const facebook = rows.find((r) => r[1] === ACCOUNTS.facebook.displayName)!;
    // The handle (a modificación in the rich vault changed it) starts with @: kept as text.
    expect(facebook[2]).toMatch(/^'@Zafiroquinta/);
    expect([facebook[0], facebook[1], ...facebook.slice(3, 8)]).toEqual([
      'Facebook',
      ACCOUNTS.facebook.displayName,
      ACCOUNTS.facebook.profileUrl,
      ACCOUNTS.facebook.loginIdentifier,
      ACCOUNTS.mailbox.loginIdentifier,
      'sí',
      'Activa',
    ]);
    expect(facebook[8]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facebook[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mailbox = rows.find((r) => r[1] === ACCOUNTS.mailbox.displayName)!;
    expect(mailbox[6]).toBe('no');
    expect(rows.some((r) => r[7] === 'Archivada')).toBe(true);
    // Neither rejected altas nor those «en trámite» are official (LIFE-1, SUP-4).
    expect(rows.some((r) => r[7] === 'Rechazada' || r[7] === 'En trámite')).toBe(false);
  });

  it('a typed formula stays text: escaped with an apostrophe (CSV injection)', () => {
    const row = rows.find((r) => r[1]?.includes('HYPERLINK'))!;
    expect(row[1]).toBe(`'${FORMULA}`);
    expect(row[2]).toBe("'+51 987 000 111");
    expect(formulaAccount).toBeTruthy();
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is audited, counted; any keyholder may save it, the dialog chooses where, no partial is left', async () => {
    const events = db().prepare("SELECT details FROM audit_events WHERE action = 'inventory.exported'").all() as { details: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({ accounts: rows.length - 1 });
    const folder = tempDir('custodia-inventory-head-');
    const path = join(folder, 'jefe.csv');
    expect(services.export.exportInventory(head, path).accounts).toBe(rows.length - 1);
    expect(readdirSync(folder)).toEqual(['jefe.csv']);
    expect(services.audit.verify().ok).toBe(true);
    // Without a dialog (tests, or one cancelled) nothing is written.
    await expect(services.export.saveInventory(admin)).resolves.toEqual({ saved: false });
    expect(existsSync(join(folder, 'inventario.csv'))).toBe(false);
  });
});
