/**
 * The inventory's CSV (issue 18, scope 5): RFC 4180 (comma, CRLF, every cell quoted, quotes doubled),
 * UTF-8 with a byte-order mark so that Excel reads the accents. No CSV writer is installed (only
 * csv-parse, which the tests use to read the file back), and quoting every cell is all it takes.
 * A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
 * is prefixed with an apostrophe: a handle or a note typed as `=HYPERLINK(…)` stays text (OWASP CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const BOM = '\uFEFF';

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
