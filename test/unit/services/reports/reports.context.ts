import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CustodiaError } from '../../../../main/domain/errors';
import { ReportService } from '../../../../main/services/reports/reports';
import type { Services } from '../../../../main/services';
import { keyholderId, KNOWN, tempDir } from '../../../fixtures/vault';
import { personOfKeyholder, profile, registerStaff, type Ctx } from '../people/people.context';

/** Shared by the reports tests (issue 17; LIFE-4, SUP-3): PDFs read back, pictures kept, refusals caught. */
export const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

/** Text as pdftotext lays it out, with runs of spaces and line breaks made one space (long values wrap). */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** Which box of «Alta / Baja / Modif.» holds the X, read from pdftotext's layout (the column under which it sits). */
export function markedAction(path: string): string {
  const lines = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\n');
  const at = lines.findIndex((l) => /Alta\s+Baja\s+Modif\.\s+Descripción/.test(l));
  const header = lines[at]!;
  const row = lines.slice(at + 1).find((l) => /(^|\s)X(\s|$)/.test(l))!;
  const x = row.search(/(^|\s)X(\s|$)/) + (row.startsWith('X') ? 0 : 1);
  const centres = ['Alta', 'Baja', 'Modif.'].map((word) => ({ word, centre: header.indexOf(word) + word.length / 2 }));
  return centres.reduce((a, b) => (Math.abs(a.centre - x) <= Math.abs(b.centre - x) ? a : b)).word;
}

export const documentsDir = tempDir('custodia-reports-');

/** The first page, rendered with pdftoppm, into the e2e artifacts to be looked at. */
export function keepFirstPage(pdf: string, name: string): string {
  const dir = join(process.cwd(), 'test-artifacts', 'e2e');
  mkdirSync(dir, { recursive: true });
  const prefix = join(documentsDir, name);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, prefix]);
  const target = join(dir, `${name}.png`);
  copyFileSync(`${prefix}-1.png`, target);
  return target;
}

export async function refusal(f: () => unknown): Promise<CustodiaError> {
  try {
    await f();
  } catch (error) {
    if (error instanceof CustodiaError) return error;
    throw error;
  }
  throw new Error('not refused');
}

/** The head's own record in the staff registry (Formulario B), so the forms print their cédula. */
export const HEAD_CI = '09871234';
export function headOnRecord(ctx: Ctx): void {
  const headId = keyholderId(ctx.services, 'head');
  registerStaff(
    ctx,
    profile({ names: 'Teodomiro', surnames: 'Huamanchumo Barreda', documentId: HEAD_CI, function: 'office_head' }),
    personOfKeyholder(ctx.services, headId),
  );
}

/** A report service whose save dialog answers `answer` (a path, or null: cancelled), recording what it was offered. */
export function withDialog(services: Services, clock: () => Date, answer: string | null, asked: string[]) {
  return new ReportService(
    services.sodium,
    services.vault,
    services.sessions,
    services.cosign,
    services.compliance,
    services.integrity,
    clock,
    async (name) => {
      asked.push(name);
      return answer;
    },
  );
}

export { KNOWN };
