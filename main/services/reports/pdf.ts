import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDFs made in the main process, as the acta is (main/services/handover/acta.ts): pdfmake 0.3 reads
 * the Roboto files of the pdfmake package itself, no URL is ever fetched and no other local file is
 * read; pdfkit embeds the glyphs used, so the file opens anywhere. Spanish only: public documents.
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const FONT_DIR = dirname(FONT_FILES.normal);

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  configured = true;
}

export async function pdfBytes(doc: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(doc).getBuffer();
}

export async function writePdf(doc: TDocumentDefinitions, path: string): Promise<void> {
  writeFileSync(path, await pdfBytes(doc));
}

/** A calendar day as the office writes it («15 de diciembre de 2026»), in its zone. */
export function officeDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('es-PE', { timeZone, dateStyle: 'long' }).format(new Date(iso));
}

/** A file name part made of the acronym's letters, digits and dashes only. */
export const fileSafe = (text: string): string => text.replace(/[^\w-]/g, '');
