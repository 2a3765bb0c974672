import type { AuditEventView } from '../../../../shared/audit-log';

/** One CSV cell (RFC 4180): quoted when it must be; a leading = + - @ is defused so that a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface CsvColumns {
  header: string[];
  row: (event: AuditEventView) => (string | number)[];
}

/** The filtered log as a CSV file's text, with a BOM so that spreadsheets read the accents as UTF-8. */
export function auditCsv(events: readonly AuditEventView[], columns: CsvColumns): string {
  const lines = [columns.header, ...events.map(columns.row)].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Hands the text to the browser as a file download (an <a download> on a blob: URL). In the
 * desktop app this reaches the window's download handling (a save dialog), never a navigation.
 */
export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob once it starts.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
