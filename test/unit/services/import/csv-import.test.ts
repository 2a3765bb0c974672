import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvProposal } from '../../../../shared/import';
import { MAPPING_BY_HEADER, SEED_B32, refusalOf, spreadsheet, START, importContext, type Fixture, type ImportContext } from './import.context';

/**
 * Import from a spreadsheet (issue 18, scope 3): a 500-row CSV written here, with 20 bad rows of
 * different kinds, each reported with its row and reason (SEC-2, POL-3, formulas, broken quoting,
 * TOTP…); the rest proposed as one «inventario inicial» that imports nothing until the Jefe de la
 * Oficina authorizes it (POL-5, LIFE-1). The file is judged once, in beforeAll.
 */
let ctx: ImportContext;
let file: Fixture;
let proposal: CsvProposal;
const rowOf = (n: number) => proposal.preview.rows.find((r) => r.row === n)!;
const idOf = (n: number) => proposal.accountIds[proposal.preview.rows.filter((r) => r.verdict !== 'refused').findIndex((r) => r.row === n)]!;

beforeAll(async () => {
  ctx = await importContext();
  file = spreadsheet(500);
  proposal = await ctx.propose({ text: file.text, delimiter: 'auto', hasHeader: true, mapping: [...MAPPING_BY_HEADER], note: 'Inventario de la hoja de 2026' });
}, 120_000);
afterAll(() => ctx.services.close());

describe('the preview of a 500-row spreadsheet', () => {
  it('names every column and guesses its field from the header', () => {
    expect(proposal.preview.delimiter).toBe(';');
    expect(proposal.preview.columns.map((c) => c.suggested)).toEqual([
      'platform',
      'displayName',
      'handle',
      'profileUrl',
      'loginIdentifier',
      'linkedEmail',
      'password',
      'totp',
      'notes',
    ]);
  });

  it('reports each of the 20 bad rows with its row number, field and reason, and only those', () => {
    expect(file.bad.size).toBe(20);
    expect(proposal.preview.rows).toHaveLength(500);
    for (const [row, { reason, field }] of file.bad) {
      const view = rowOf(row);
      expect(view.verdict, `row ${row}`).toBe('refused');
      expect(view.problems, `row ${row}`).toContainEqual(expect.objectContaining({ reason, field }));
    }
    const refused = proposal.preview.rows.filter((r) => r.verdict === 'refused').map((r) => r.row);
    expect(refused.sort((a, b) => a - b)).toEqual([...file.bad.keys()].sort((a, b) => a - b));
    expect(proposal.preview.counts).toMatchObject({ rows: 500, refused: 20, rotateNow: 3, ok: 477 });
  });

  it('cites the rule a refusal or a «rotar ya» enforces (SEC-2, POL-1..3, SEC-1)', () => {
    const problem = (row: number) => rowOf(row).problems[0]!;
    const byReason = (reason: string) => [...file.bad].find(([, b]) => b.reason === reason)![0];
    expect(problem(byReason('free_email'))).toMatchObject({ rule: 'SEC-2', details: { domain: 'gmail.com' } });
    expect(problem(byReason('duplicate_in_vault'))).toMatchObject({ rule: 'POL-3' });
    const duplicate = problem(byReason('duplicate_in_file'));
    expect(duplicate).toMatchObject({ rule: 'POL-3' });
    expect(file.rotateNow.has(duplicate.details.firstRow as number)).toBe(true);
    expect(problem(byReason('totp_invalid'))).toMatchObject({ rule: 'SEC-1' });
    for (const row of file.rotateNow) {
      expect(rowOf(row).verdict).toBe('rotate_now');
      expect(rowOf(row).problems.map((p) => p.rule)).toEqual([expect.stringMatching(/^POL-[123]$/)]);
    }
  });

  it('never carries a password or a TOTP seed to the renderer', () => {
    const sent = JSON.stringify(proposal);
    for (const { secret } of file.secrets.values()) expect(sent).not.toContain(secret);
    expect(sent).not.toContain(SEED_B32);
  });
});

describe('the «inventario inicial» before the head authorizes it', () => {
  it('is one request describing counts, never a secret', () => {
    const pending = ctx.services.cosign.pending().find((p) => p.id === proposal.requestId)!;
    expect(pending.description).toEqual({ kind: 'inventory.import', accounts: 480, withPassword: 480, withTotp: 2, rotateNow: 3 });
    expect(pending.account).toBeNull();
    const shown = JSON.stringify(ctx.services.cosign.requests());
    for (const { secret } of file.secrets.values()) expect(shown).not.toContain(secret);
  });

  it('lists the accounts «en trámite», shows no password and no TOTP code, and stores no version or seed', () => {
    const listed = new Map(ctx.services.accounts.list().map((a) => [a.id, a]));
    for (const id of proposal.accountIds) expect(listed.get(id)?.status).toBe('pending');
    const id = idOf(file.totpRows.base32);
    expect(refusalOf(() => ctx.services.credentials.reveal(ctx.admin, id))).toMatchObject({ code: 'ACCOUNT_PENDING', rule: 'LIFE-1' });
    const db = ctx.services.vault.require();
    const ids = JSON.stringify(proposal.accountIds);
    expect(db.prepare('SELECT count(*) FROM credential_versions WHERE account_id IN (SELECT value FROM json_each(?))').pluck().get(ids)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM totp_seeds WHERE account_id IN (SELECT value FROM json_each(?))').pluck().get(ids)).toBe(0);
  });

  it('is refused to its own proposer and to the backup administrator (POL-5)', () => {
    expect(refusalOf(() => ctx.services.cosign.approve(proposal.requestId, ctx.admin))).toMatchObject({ code: 'COSIGN_SELF_APPROVAL' });
    expect(refusalOf(() => ctx.services.cosign.approve(proposal.requestId, ctx.backup))).toMatchObject({ code: 'COSIGN_ROLE' });
    expect(ctx.services.accounts.get(proposal.accountIds[0]!).status).toBe('pending');
  });

  it('cannot be proposed by the head (LIFE-1, POL-5)', async () => {
    const request = {
      text: 'Plataforma;Nombre\nFacebook;Otra cuenta\n',
      delimiter: 'auto',
      hasHeader: true,
      mapping: [...MAPPING_BY_HEADER].slice(0, 2),
    } as const;
    await expect(ctx.services.csvImport.propose(ctx.head, { ...request, note: undefined })).rejects.toMatchObject({ code: 'ACTION_ROLE' });
    await expect(ctx.services.csvImport.preview(ctx.head, request)).rejects.toMatchObject({ code: 'ACTION_ROLE' });
  });
});

describe('once the head authorizes it', () => {
  beforeAll(() => {
    ctx.services.cosign.approve(proposal.requestId, ctx.head);
  });

  it('puts every account in force, registered without a Formulario A (flagged by LIFE-1 like migrated ones)', () => {
    const listed = new Map(ctx.services.accounts.list().map((a) => [a.id, a]));
    for (const id of proposal.accountIds) expect(listed.get(id)?.status).toBe('active');
    expect(ctx.services.lifecycle.lifecycle(proposal.accountIds[0]!)).toMatchObject({ registeredWithoutForm: true });
  });

  it('gives each its password as version 1 (creation), current and revealable through the audited path', () => {
    for (const row of [file.linkedRow, ...file.rotateNow, [...file.secrets.keys()].at(-1)!]) {
      const id = idOf(row);
      expect(ctx.services.credentials.reveal(ctx.admin, id)).toMatchObject({ secret: file.secrets.get(row)!.secret, versionN: 1 });
      expect(ctx.services.accounts.get(id).versions).toEqual([expect.objectContaining({ n: 1, reason: 'creation', appliedAt: new Date(START).toISOString() })]);
    }
  });

  it('makes a «rotar ya» password due at once and the others on the schedule (POL-4)', () => {
    for (const row of file.rotateNow) expect(ctx.services.accounts.get(idOf(row)).versions[0]!.dueAt).toBe(new Date(START).toISOString());
    expect(ctx.services.accounts.get(idOf(file.linkedRow)).versions[0]!.dueAt! > new Date(START).toISOString()).toBe(true);
  });

  it('links an account to the mailbox row of the same file', () => {
    expect(ctx.services.accounts.get(idOf(file.linkedRow)).linkedEmail).toMatchObject({ id: idOf(file.mailboxRow), displayName: 'Casilla Difusión' });
  });

  it('stores the TOTP seeds, whose codes are oathtool’s for the same seed and instant', () => {
    const at = new Date(START)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
    const oathtool = (secret: string) => execFileSync('oathtool', ['--totp', `--now=${at}`, '-b', secret], { encoding: 'utf8' }).trim();
    const codes = new Map(ctx.services.totp.codes(ctx.admin, [idOf(file.totpRows.base32), idOf(file.totpRows.uri)]).map((c) => [c.accountId, c.code]));
    expect(codes.get(idOf(file.totpRows.base32))).toBe(oathtool(SEED_B32));
    expect(codes.get(idOf(file.totpRows.uri))).toBe(oathtool('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'));
  });

  it('leaves the audit chain and every row verifiable', () => {
    expect(ctx.services.audit.verify()).toMatchObject({ ok: true });
    expect(ctx.services.integrity.verify().faults).toEqual([]);
  });
});
