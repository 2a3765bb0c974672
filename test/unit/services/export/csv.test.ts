import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvText } from '../../../../main/services/export/csv';

/** The inventory's minimal CSV writer (issue 18): RFC 4180 quoting, and formulas kept as text (CSV injection). */
describe('csvCell', () => {
  it.each([
    ['plain', 'Página Oficial', '"Página Oficial"'],
    ['a quote doubled', 'La "oficial"', '"La ""oficial"""'],
    ['a comma and a line break kept inside the quotes', 'a,b\nc', '"a,b\nc"'],
    ['= formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+ formula', '+51 987', '"\'+51 987"'],
    ['- formula', '-2+3', '"\'-2+3"'],
    ['@ formula', '@SUM(A1)', '"\'@SUM(A1)"'],
    ['leading tab', '\t=1', '"\'\t=1"'],
    ['leading carriage return', '\r=1', '"\'\r=1"'],
    ['empty', '', '""'],
    ['a formula character inside is left alone', 'a=b', '"a=b"'],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('reads back with csv-parse to the same cells (formulas with their apostrophe)', () => {
    const rows = [
      ['Plataforma', 'Nombre'],
      ['X', 'Año «ñandú», "citado"\r\nsegunda línea'],
      ['Facebook', '=1+1'],
    ];
    const text = csvText(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(parse(text, { bom: true })).toEqual([rows[0], rows[1], ['Facebook', "'=1+1"]]);
  });
});
