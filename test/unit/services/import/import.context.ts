import { randomInt } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { csvProposeRequest, type CsvProposeRequest, type ImportReason } from '../../../../shared/import';
import { CustodiaError } from '../../../../main/domain/errors';
import { ACCOUNTS, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

/**
 * What the import tests share (issue 18, scope 3): a vault unlocked as the administrator with the
 * head and backup as actors, holding one mailbox whose password is known (for POL-3 against the
 * vault), and spreadsheets written by the test, with the row and reason of every bad row stated.
 */
export type ImportContext = Awaited<ReturnType<typeof importContext>>;

/** Already the password of an account of the vault: a row reusing it is refused (POL-3). */
export const VAULT_SECRET = 'Qx8#Lm2&Vd6%Rk9*Tp';

/** The test's clock: fixed, so that TOTP codes are compared with oathtool's at the same instant; moved forward by hand. */
export const START = Date.UTC(2026, 9, 1, 15);

export async function importContext() {
  const clock = { now: START };
  const ctx = await unlockedWithActors({ clock: () => new Date(clock.now) });
  const mailboxId = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.mailbox);
  rotateApplied(ctx, mailboxId, VAULT_SECRET);
  return {
    ...ctx,
    clock,
    mailboxId,
    propose(request: CsvProposeRequest) {
      return ctx.services.csvImport.propose(ctx.admin, csvProposeRequest.parse(request));
    },
    /** An edit of the vault file through a connection of its own, as with sqlite3. */
    editFile(sql: string, ...params: unknown[]) {
      const db = new Database(ctx.services.vault.path);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    eventCount(): number {
      return ctx.services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    },
  };
}

/** The refusal a call throws (a typed CustodiaError), for toMatchObject. */
export function refusalOf(run: () => unknown): { code: string; rule: string | undefined; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof CustodiaError) return { code: error.code, rule: error.rule, details: error.details };
    throw error;
  }
  expect.fail('expected a refusal');
}

// No l33t digits (0 1 3 4 5 7) nor symbols read as letters, and never three letters in a row: no
// dictionary word or name can hide in it (POL-2), and 20 random characters are unguessable.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '2689';
const SYMBOLS = '#%&*?^~=+';
const pick = (set: string) => set[randomInt(set.length)]!;

/** A password that passes POL-1..3 without a dictionary pass per candidate (500 of them). */
export function strongSecret(): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += pick(LOWER) + pick(UPPER) + pick(DIGITS) + pick(SYMBOLS);
  return out;
}

export const SEED_B32 = 'JBSWY3DPEHPK3PXP';
export const SEED_URI = 'otpauth://totp/Zafiroquinta:prensa?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Zafiroquinta&digits=6&period=30';

export const HEADER = 'Plataforma;Nombre de la cuenta;Usuario @;Enlace;Usuario de acceso;Correo vinculado;Contraseña;TOTP;Notas';
export const MAPPING_BY_HEADER = [
  { column: 'Plataforma', field: 'platform' },
  { column: 'Nombre de la cuenta', field: 'displayName' },
  { column: 'Usuario @', field: 'handle' },
  { column: 'Enlace', field: 'profileUrl' },
  { column: 'Usuario de acceso', field: 'loginIdentifier' },
  { column: 'Correo vinculado', field: 'linkedEmail' },
  { column: 'Contraseña', field: 'password' },
  { column: 'TOTP', field: 'totp' },
  { column: 'Notas', field: 'notes' },
] as const;

const domain = KNOWN.domain;
const cells = (c: {
  platform?: string;
  name?: string;
  handle?: string;
  url?: string;
  login?: string;
  linked?: string;
  secret?: string;
  totp?: string;
  notes?: string;
}) => [c.platform ?? '', c.name ?? '', c.handle ?? '', c.url ?? '', c.login ?? '', c.linked ?? '', c.secret ?? '', c.totp ?? '', c.notes ?? ''].join(';');

export interface Fixture {
  text: string;
  /** Row number → the reason (and field) it must be refused for. */
  bad: Map<number, { reason: ImportReason; field: string | null }>;
  /** Rows imported but due at once («rotar ya»). */
  rotateNow: Set<number>;
  /** Row → its password and seed, for the rows imported. */
  secrets: Map<number, { secret: string; seed?: string }>;
  /** Rows of note: the file's mailbox, the account linked to it, the rows with a TOTP seed. */
  mailboxRow: number;
  linkedRow: number;
  totpRows: { base32: number; uri: number };
  rows: number;
}

/**
 * `rows` account rows (after the header, row 1) of which 20 are bad in 20 ways, each at a row the
 * fixture names; the rest are good, three of them with passwords that break POL-1/2/3 («rotar ya»).
 */
export function spreadsheet(rows = 500): Fixture {
  const lines = [HEADER];
  const bad = new Map<number, { reason: ImportReason; field: string | null }>();
  const rotateNow = new Set<number>();
  const secrets = new Map<number, { secret: string; seed?: string }>();
  const rowOf = () => lines.length + 1;
  const good = (extra: Parameters<typeof cells>[0] = {}) => {
    const n = rowOf();
    const secret = extra.secret ?? strongSecret();
    secrets.set(n, { secret, ...(extra.totp ? { seed: extra.totp } : {}) });
    lines.push(
      cells({
        platform: 'Facebook',
        name: `Cuenta Ñandutí ${n}`,
        handle: `@nanduti${n}`,
        url: `https://facebook.com/nanduti${n}`,
        login: `redes${n}@${domain}`,
        ...extra,
        secret,
      }),
    );
    return n;
  };
  const refused = (reason: ImportReason, field: string | null, line: string) => {
    bad.set(rowOf(), { reason, field });
    lines.push(line);
  };
  const mailboxRow = good({ platform: 'Correo institucional', name: 'Casilla Difusión', handle: '', url: '', login: `difusion@${domain}` });
  const linkedRow = good({ platform: 'Instagram', linked: `difusion@${domain}` });
  const base32 = good({ platform: 'TikTok', totp: SEED_B32 });
  const uri = good({ platform: 'X', totp: SEED_URI });
  const shared = strongSecret();
  const sharedFirst = good({ secret: shared });
  rotateNow.add(sharedFirst);
  rotateNow.add(good({ secret: 'corta1A#' }));
  rotateNow.add(good({ secret: `Zafiroquinta${new Date().getFullYear()}!` }));
  refused('free_email', 'loginIdentifier', cells({ platform: 'Facebook', name: 'Página Gmail', login: 'prensa.oficina@gmail.com', secret: strongSecret() }));
  refused('duplicate_in_file', 'password', cells({ platform: 'LinkedIn', name: 'Empresa duplicada', secret: shared }));
  refused('duplicate_in_vault', 'password', cells({ platform: 'Threads', name: 'Hilo reusado', secret: VAULT_SECRET }));
  refused('platform_missing', 'platform', cells({ name: 'Sin plataforma', secret: strongSecret() }));
  refused('platform_unknown', 'platform', cells({ platform: 'MySpace', name: 'Red antigua', secret: strongSecret() }));
  refused('malformed', null, `Facebook;"Página "rota" del concurso";;;;;${strongSecret()};;`);
  refused('formula', 'displayName', cells({ platform: 'Facebook', name: '"=HYPERLINK(""http://x"";""y"")"', secret: strongSecret() }));
  refused('formula', 'notes', cells({ platform: 'Facebook', name: 'Notas con fórmula', notes: '+cmd|calc', secret: strongSecret() }));
  refused('formula', 'handle', cells({ platform: 'Facebook', name: 'Arroba con fórmula', handle: '@SUMA(A1)', secret: strongSecret() }));
  refused('formula', 'displayName', cells({ platform: 'Facebook', name: '-2+3', secret: strongSecret() }));
  refused('totp_invalid', 'totp', cells({ platform: 'TikTok', name: 'Semilla rota', totp: 'NO-ES-BASE32!!', secret: strongSecret() }));
  refused(
    'totp_invalid',
    'totp',
    cells({ platform: 'TikTok', name: 'Semilla HOTP', totp: `otpauth://hotp/x?secret=${SEED_B32}&counter=1`, secret: strongSecret() }),
  );
  refused('name_missing', 'displayName', cells({ platform: 'Flickr', secret: strongSecret() }));
  refused('not_institutional_email', 'loginIdentifier', cells({ platform: 'Zoom', name: 'Zoom ajeno', login: 'prensa@otraentidad.gob.pe' }));
  refused('invalid_url', 'profileUrl', cells({ platform: 'Facebook', name: 'Enlace inseguro', url: 'http://facebook.com/inseguro' }));
  refused('linked_email_unknown', 'linkedEmail', cells({ platform: 'Facebook', name: 'Correo sin registrar', linked: `nadie@${domain}` }));
  refused('email_required', 'loginIdentifier', cells({ platform: 'Correo institucional', name: 'Casilla sin dirección', secret: strongSecret() }));
  refused('invalid_text', 'displayName', cells({ platform: 'Facebook', name: 'Nombre \u202Eoculto', secret: strongSecret() }));
  refused('free_email', 'linkedEmail', cells({ platform: 'Facebook', name: 'Vinculado gratuito', linked: 'casilla@yahoo.com' }));
  // An unclosed quote: the rows after it are read on their own.
  refused('malformed', null, `Facebook;"Nombre sin cerrar;;;;;${strongSecret()};;`);
  while (lines.length - 1 < rows) good();
  return { text: lines.join('\r\n') + '\r\n', bad, rotateNow, secrets, mailboxRow, linkedRow, totpRows: { base32, uri }, rows };
}
