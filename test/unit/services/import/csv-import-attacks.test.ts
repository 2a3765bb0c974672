import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../../../main/ipc/handlers';
import { sealJson } from '../../../../main/vault/fields';
import { CSV_MAX_CHARS } from '../../../../shared/import';
import { KNOWN, rawVaultBytes, rotateApplied } from '../../../fixtures/vault';
import { MAPPING_BY_HEADER, SEED_B32, importContext, refusalOf, strongSecret, type ImportContext } from './import.context';

/**
 * The import as an attacker at the workstation tries it (issue 18, scope 3): the signed request's
 * payload re-sealed with other content, an imported account flipped to active with sqlite3,
 * hostile IPC payloads, a password taken by another account between proposal and approval. Each
 * is refused, typed, with nothing imported.
 */
let ctx: ImportContext;
beforeEach(async () => {
  ctx = await importContext();
});
afterEach(() => ctx.services.close());

const HEADER = 'Plataforma,Nombre de la cuenta,Usuario @,Enlace,Usuario de acceso,Correo vinculado,Contraseña,TOTP,Notas';
const NAME = 'Página Ñandutí Turquesa';
const line = (name: string, secret: string, extra = '') => `Facebook,${name},@turquesa,,turquesa@${KNOWN.domain},${extra},${secret},${SEED_B32},`;
const small = (secrets: string[]) => ({
  text: [HEADER, ...secrets.map((secret, i) => line(`${NAME} ${i + 1}`, secret))].join('\n'),
  delimiter: 'auto' as const,
  hasHeader: true,
  mapping: [...MAPPING_BY_HEADER],
});
const payloadRef = (id: string) => ({ table: 'change_requests', rowId: id, column: 'payload', version: 1 });
const statuses = (ids: string[]) => ids.map((id) => ctx.services.accounts.get(id).status);
const versions = () => ctx.services.vault.require().prepare('SELECT count(*) FROM credential_versions').pluck().get() as number;

describe('an «inventario inicial» changed behind the signatures', () => {
  it('a password swapped into the sealed payload with sqlite3 is refused by the digest (COSIGN_INTEGRITY), nothing imported', async () => {
    const { requestId, accountIds } = await ctx.propose(small([strongSecret(), strongSecret()]));
    // The attacker holds the vault key while unlocked: the forged payload is sealed properly, only the signed digest differs.
    const keys = ctx.services.sessions.require().keys.records;
    const forged = {
      entries: accountIds.map((accountId, i) => ({
        accountId,
        row: i + 2,
        account: { platform: 'facebook', kind: 'principal', displayName: `${NAME} ${i + 1}`, handle: '@turquesa', loginIdentifier: `turquesa@${KNOWN.domain}` },
        secret: 'Atacante#2026#Clave',
        seed: null,
        rotateNow: false,
      })),
      note: null,
    };
    ctx.editFile(
      'UPDATE change_requests SET payload = ? WHERE id = ?',
      Buffer.from(sealJson(ctx.services.sodium, keys, payloadRef(requestId), forged)),
      requestId,
    );
    expect(['COSIGN_INTEGRITY', 'VAULT_TAMPERED']).toContain(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head)).code);
    expect(statuses(accountIds)).toEqual(['pending', 'pending']);
    expect(versions()).toBe(1);
  });

  it('an imported account flipped from «en trámite» to active with sqlite3 shows no password and blocks the approval', async () => {
    const { requestId, accountIds } = await ctx.propose(small([strongSecret()]));
    ctx.editFile(`UPDATE accounts SET status = 'active' WHERE id = ?`, accountIds[0]);
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head)).code).toBe('VAULT_TAMPERED');
    expect(ctx.services.integrity.verify().faults).toContainEqual(
      expect.objectContaining({ kind: 'row_altered', table: 'accounts', key: expect.stringContaining(accountIds[0]!) }),
    );
    expect(refusalOf(() => ctx.services.credentials.reveal(ctx.admin, accountIds[0]!)).code).toMatch(/CREDENTIAL_NONE|VAULT_TAMPERED/);
    expect(versions()).toBe(1);
  });

  it('a password another account took between proposal and approval is refused at approval (POL-3)', async () => {
    const secret = strongSecret();
    const { requestId, accountIds } = await ctx.propose(small([secret]));
    rotateApplied(ctx, ctx.mailboxId, secret);
    expect(refusalOf(() => ctx.services.cosign.approve(requestId, ctx.head))).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'POL-3' });
    expect(statuses(accountIds)).toEqual(['pending']);
  });

  it('refused by the head, leaves its accounts rejected (never official, SUP-4) with no password or seed', async () => {
    const { requestId, accountIds } = await ctx.propose(small([strongSecret()]));
    ctx.services.cosign.reject(requestId, ctx.head, 'La hoja tiene cuentas que no son de la oficina');
    expect(statuses(accountIds)).toEqual(['rejected']);
    expect(versions()).toBe(1);
    expect(refusalOf(() => ctx.services.credentials.reveal(ctx.admin, accountIds[0]!))).toMatchObject({ code: 'ACCOUNT_REJECTED' });
  });
});

describe('what the import keeps sealed', () => {
  it('the request and its accounts hold names, passwords and seeds only as ciphertext in the file', async () => {
    const secret = strongSecret();
    await ctx.propose(small([secret]));
    const raw = rawVaultBytes(ctx.services);
    for (const known of [NAME, secret, SEED_B32, `turquesa@${KNOWN.domain}`]) expect(raw.includes(Buffer.from(known))).toBe(false);
  });

  it('links a row to a mailbox already in force in the vault, by its address', async () => {
    const { accountIds, requestId } = await ctx.propose({
      ...small([]),
      text: [HEADER, line(NAME, strongSecret(), 'Prensa.Zafiroquinta@zafiroquinta.gob.pe')].join('\n'),
    });
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.accounts.get(accountIds[0]!).linkedEmail).toMatchObject({ id: ctx.mailboxId });
  });
});

describe('hostile or unusable requests', () => {
  const table = () => createHandlerTable(ctx.services);
  const valid = () => ({ ...small([strongSecret()]), note: 'Inventario' });

  const HOSTILE: [string, Record<string, unknown>][] = [
    ['a text over the limit', { text: 'x'.repeat(CSV_MAX_CHARS + 1) }],
    ['an unknown field', { field: 'secret' }],
    ['a mapping that is not a list', { mapping: { platform: 0 } }],
    ['a column given as an object', { mapping: [{ column: { index: 0 }, field: 'platform' }] }],
    ['a negative column', { mapping: [{ column: -1, field: 'platform' }] }],
    ['an unknown target field', { mapping: [{ column: 0, field: 'accountId' }] }],
    ['a mapping entry with extra keys', { mapping: [{ column: 0, field: 'platform', rotateNow: false }] }],
    ['a header flag as text', { hasHeader: 'sí' }],
    ['an unknown delimiter', { delimiter: '\t' }],
    ['ids chosen by the caller', { accountIds: ['5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d'] }],
  ];

  // One vault for every case (a fresh one costs three Argon2id derivations): each case must leave it as it was.
  it('a hostile payload is refused by the contract (INVALID_REQUEST), nothing written', async () => {
    const events = ctx.eventCount();
    for (const [what, change] of HOSTILE) {
      for (const channel of ['import.csvPreview', 'import.csvPropose']) {
        const result = await dispatch(table(), channel, { ...valid(), ...change });
        expect(result, `${what} on ${channel}`).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      }
    }
    expect(ctx.eventCount()).toBe(events);
    expect(ctx.services.accounts.list()).toHaveLength(1);
  });

  const UNUSABLE: [string, Record<string, unknown>, string, string | undefined][] = [
    ['a header the file lacks', { mapping: [{ column: 'Red social', field: 'platform' }] }, 'IMPORT_MAPPING_INVALID', 'header_unknown'],
    [
      'a field given twice',
      {
        mapping: [
          { column: 0, field: 'platform' },
          { column: 1, field: 'platform' },
        ],
      },
      'IMPORT_MAPPING_INVALID',
      'field_twice',
    ],
    ['no platform column', { mapping: [{ column: 1, field: 'displayName' }] }, 'IMPORT_MAPPING_INVALID', 'platform_unmapped'],
    ['only a header', { text: HEADER }, 'IMPORT_CSV_INVALID', 'empty'],
    [
      'no row that can be imported',
      { text: `${HEADER}\n${line(NAME, strongSecret()).replace('turquesa@', 'turquesa.gmail@').replace(KNOWN.domain, 'gmail.com')}` },
      'IMPORT_NOTHING',
      undefined,
    ],
  ];

  it('an unusable file or mapping is refused with its own code, nothing written', async () => {
    const events = ctx.eventCount();
    for (const [what, change, code, reason] of UNUSABLE) {
      const result = await dispatch(table(), 'import.csvPropose', { ...valid(), ...change });
      expect(result, what).toMatchObject({ ok: false, error: { code, ...(reason ? { details: { reason } } : {}) } });
    }
    expect(ctx.eventCount()).toBe(events);
    expect(ctx.services.accounts.list()).toHaveLength(1);
  });

  it('a preview through the handler table writes nothing and carries no secret', async () => {
    const events = ctx.eventCount();
    const secret = strongSecret();
    const result = await dispatch(table(), 'import.csvPreview', small([secret]));
    expect(result).toMatchObject({ ok: true, value: { counts: { rows: 1, ok: 1 } } });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(ctx.eventCount()).toBe(events);
  });
});
