import { describe, expect, it } from 'vitest';
import { readCsv, MAX_MALFORMED_ROWS } from '../../../main/domain/import/csv';
import { platformOf, resolveMapping, suggestField } from '../../../main/domain/import/mapping';
import { checkRow } from '../../../main/domain/import/rows';

/**
 * The pure part of the spreadsheet import (issue 18, scope 3): rows read by csv-parse with their
 * spreadsheet numbers, broken quoting reported per row, the mapping, and each row's own checks.
 */
const DOMAINS = ['zafiroquinta.gob.pe'];
const MAPPING = { platform: 0, displayName: 1, handle: 2, loginIdentifier: 3, linkedEmail: 4, password: 5, totp: 6, notes: 7 } as const;
const row = (cells: string[]) => checkRow({ row: 7, cells }, MAPPING, DOMAINS);
const base = ['Facebook', 'Página Oficial', '@pagina', 'prensa@zafiroquinta.gob.pe', '', 'Xk2#Pq8&Rm6%', '', ''];
const withCell = (index: number, value: string) => base.map((c, i) => (i === index ? value : c));

describe('reading a CSV (csv-parse)', () => {
  it('numbers rows as the spreadsheet does: a quoted cell over several lines is one row, a blank row keeps its number', () => {
    const read = readCsv('a;b\r\n1;"dos\r\nlíneas"\r\n\r\n3;4\r\n', 'auto');
    expect(read.delimiter).toBe(';');
    expect(read.records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', 'dos\nlíneas'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['3', '4'] },
    ]);
  });

  it('reports a broken quote with its row and reads every later row on its own (an unclosed one too)', () => {
    const read = readCsv('a,b\n1,2\n"x"y,3\n4,5\n"abierta,6\n7,8\n', ',');
    expect(read.records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, malformed: 'CSV_INVALID_CLOSING_QUOTE' },
      { row: 4, cells: ['4', '5'] },
      { row: 5, malformed: 'CSV_QUOTE_NOT_CLOSED' },
      { row: 6, cells: ['7', '8'] },
    ]);
    expect(read.gaveUpAt).toBeNull();
  });

  it('gives up on a file of broken quotes (each costs a pass over the rest)', () => {
    const read = readCsv(Array.from({ length: 200 }, () => '"x"y,1').join('\n'), ',');
    expect(read.gaveUpAt).toBe(MAX_MALFORMED_ROWS);
  });

  it('guesses the delimiter from the first line, outside quotes', () => {
    expect(readCsv('"a,b";c;d\n1;2;3', 'auto').delimiter).toBe(';');
    expect(readCsv('a,b;c,d\n1,2,3', 'auto').delimiter).toBe(',');
  });
});

describe('the mapping', () => {
  it.each([
    ['Contraseña', 'password'],
    ['Nombre de usuario', 'loginIdentifier'],
    ['Usuario @', 'handle'],
    ['Correo vinculado', 'linkedEmail'],
    ['Red social', 'platform'],
    ['Semilla 2FA', 'totp'],
    ['Observaciones', 'notes'],
    ['Nombre de la cuenta', 'displayName'],
    ['Columna X', 'ignore'],
  ] as const)('suggests %s → %s', (header, field) => expect(suggestField(header)).toBe(field));

  it('resolves headers case- and accent-insensitively, and refuses what cannot be resolved', () => {
    const headers = ['Plataforma', 'Contraseña'];
    expect(
      resolveMapping(
        [
          { column: 'CONTRASENA', field: 'password' },
          { column: 0, field: 'platform' },
        ],
        headers,
        2,
      ),
    ).toEqual({ password: 1, platform: 0 });
    expect(resolveMapping([{ column: 'Red', field: 'platform' }], headers, 2)).toMatchObject({ details: { reason: 'header_unknown' } });
    expect(resolveMapping([{ column: 'Plataforma', field: 'platform' }], null, 2)).toMatchObject({ details: { reason: 'no_header_row' } });
    expect(resolveMapping([{ column: 5, field: 'platform' }], headers, 2)).toMatchObject({ details: { reason: 'column_out_of_range' } });
    expect(
      resolveMapping(
        [
          { column: 0, field: 'platform' },
          { column: 1, field: 'platform' },
        ],
        headers,
        2,
      ),
    ).toMatchObject({ details: { reason: 'field_twice' } });
    expect(
      resolveMapping(
        [
          { column: 0, field: 'platform' },
          { column: 0, field: 'notes' },
        ],
        headers,
        2,
      ),
    ).toMatchObject({ details: { reason: 'column_twice' } });
  });

  it.each([
    ['Facebook', 'facebook'],
    ['twitter', 'x'],
    ['Correo institucional', 'institutional_email'],
    ['WhatsApp', 'whatsapp_business'],
    ['MySpace', null],
  ] as const)('reads the platform %s as %s', (cell, platform) => expect(platformOf(cell)).toBe(platform));
});

describe("a row's own checks", () => {
  it('takes a good row as an alta would', () => {
    expect(row(base)).toMatchObject({
      problems: [],
      account: { platform: 'facebook', kind: 'principal', displayName: 'Página Oficial' },
      secret: 'Xk2#Pq8&Rm6%',
    });
  });

  it.each([
    ['a formula in the name', 1, '=HYPERLINK("http://x","y")', { field: 'displayName', reason: 'formula' }],
    ['a formula in the notes', 7, '+cmd|calc', { field: 'notes', reason: 'formula' }],
    ['a formula after a tab', 1, '\t=1+1', { field: 'displayName', reason: 'formula' }],
    ['a formula in the handle', 2, '@SUM(A1:A9)', { field: 'handle', reason: 'formula' }],
    ['a free-mail login (SEC-2)', 3, 'prensa@gmail.com', { field: 'loginIdentifier', reason: 'free_email', rule: 'SEC-2' }],
    ['a login of another institution (SEC-2)', 3, 'prensa@otra.gob.pe', { field: 'loginIdentifier', reason: 'not_institutional_email', rule: 'SEC-2' }],
    ['a free-mail linked e-mail (SEC-2)', 4, 'casilla@outlook.com', { field: 'linkedEmail', reason: 'free_email', rule: 'SEC-2' }],
    ['an unknown platform', 0, 'Orkut', { field: 'platform', reason: 'platform_unknown' }],
    ['no platform', 0, ' ', { field: 'platform', reason: 'platform_missing' }],
    ['no name', 1, '', { field: 'displayName', reason: 'name_missing' }],
    ['a direction override in the name', 1, 'Página \u202Eoficial', { field: 'displayName', reason: 'invalid_text' }],
    ['a TOTP secret that is not base32 (SEC-1)', 6, 'ABC!', { field: 'totp', reason: 'totp_invalid', rule: 'SEC-1' }],
    ['an HOTP URI (SEC-1)', 6, 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', { field: 'totp', reason: 'totp_invalid', rule: 'SEC-1' }],
    ['a password over 256 characters', 5, 'x'.repeat(257), { field: 'password', reason: 'invalid_text' }],
  ] as const)('refuses %s', (_, index, value, expected) => {
    const draft = row(withCell(index, value));
    expect(draft.problems).toContainEqual(expect.objectContaining(expected));
    expect(draft.account).toBeNull();
  });

  it('keeps a plain handle, a password starting with a symbol, and a seed as URI or base32', () => {
    expect(row(withCell(5, '=Xk2#Pq8&Rm6%')).problems).toEqual([]);
    expect(row(withCell(6, 'jbsw y3dp ehpk 3pxp')).seed).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 });
    expect(row(withCell(6, 'otpauth://totp/X:prensa?secret=JBSWY3DPEHPK3PXP&issuer=X')).seed).toMatchObject({ issuer: 'X', label: 'prensa' });
  });

  it('reports an unreadable row by its number, naming the parser’s reason', () => {
    expect(checkRow({ row: 12, malformed: 'CSV_INVALID_CLOSING_QUOTE' }, MAPPING, DOMAINS).problems).toEqual([
      { field: null, reason: 'malformed', rule: null, details: { code: 'CSV_INVALID_CLOSING_QUOTE' } },
    ]);
  });
});
