import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reading a spreadsheet saved as CSV with csv-parse (a kept parser, issue 18: no hand-written
 * CSV). A row whose quoting is broken is reported with its number and the file is read on from
 * the line after its start, so one bad row never hides the others (nor swallows them into one cell).
 */
export type CsvRecord = { row: number; cells: string[] } | { row: number; malformed: string };

export interface CsvRead {
  delimiter: ',' | ';';
  records: CsvRecord[];
  /** Reading stopped at this row: too many broken rows to be a spreadsheet worth reading on (each costs a pass over the rest). */
  gaveUpAt: number | null;
}

/** Past this many unreadable rows the file is refused as a whole. */
export const MAX_MALFORMED_ROWS = 50;

/** Comma or semicolon, whichever the first line holds more of outside quotes (Spanish spreadsheets save with `;`). */
export function guessDelimiter(text: string): ',' | ';' {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Offsets at which each physical line starts (line 1 at 0), as csv-parse counts them for `\n` endings. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Every record with its spreadsheet row (the first record is row 1): cells as text, or the
 * parser's code for a row it could not read. Windows line endings are read as `\n`; a file of
 * old-Mac `\r` endings too. Blank rows keep their number and are given as one empty cell.
 */
export function readCsv(input: string, delimiter: ',' | ';' | 'auto'): CsvRead {
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!text.includes('\n')) text = text.replace(/\r/g, '\n');
  const chosen = delimiter === 'auto' ? guessDelimiter(text) : delimiter;
  const starts = lineStarts(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let malformed = 0;
  while (line <= starts.length && starts[line - 1]! < text.length) {
    let lastLine = line - 1;
    try {
      parse(text.slice(starts[line - 1]), {
        delimiter: chosen,
        record_delimiter: '\n',
        relax_column_count: true,
        skip_empty_lines: false,
        on_record: (record, context) => {
          records.push({ row: records.length + 1, cells: record });
          lastLine = line - 1 + context.lines;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const started = lastLine + 1;
      records.push({ row: records.length + 1, malformed: error.code });
      if (++malformed >= MAX_MALFORMED_ROWS) return { delimiter: chosen, records, gaveUpAt: records.length };
      // A broken quote runs on into the lines after it (to the end of the file when never closed):
      // those lines are read again, each as its own row, so one stray quote hides no other row.
      line = started + 1;
    }
  }
  return { delimiter: chosen, records, gaveUpAt: null };
}
