import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDFs made in the main process (the acta, Formularios A and B, the monthly report): pdfmake 0.3 reads
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

/**
 * The office's page for a public document (the acta, Formularios A and B, the monthly report): A4,
 * Spanish, its title in the file's properties, «BORRADOR» across every page until it is in force,
 * a footer naming it on every page, and the styles they share (`extra` adds or overrides some).
 */
export function officeDocument(d: { title: string; footer: string; draft: boolean; content: Content[]; styles?: StyleDictionary }): TDocumentDefinitions {
  return {
    info: { title: d.title, creator: 'Custodia', producer: 'Custodia' },
    language: 'es-PE',
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    ...(d.draft ? { watermark: { text: 'BORRADOR', opacity: 0.12, bold: true } } : {}),
    footer: (page: number, pages: number) => ({
      text: `${d.draft ? 'BORRADOR — ' : ''}${d.footer} · página ${page} de ${pages}`,
      alignment: 'center',
      fontSize: 7,
      margin: [0, 20, 0, 0],
    }),
    content: d.content,
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    styles: {
      institution: { fontSize: 12, bold: true, alignment: 'center' },
      title: { fontSize: 15, bold: true, alignment: 'center' },
      h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
      th: { bold: true, fontSize: 8.5 },
      mono: { fontSize: 8 },
      draft: { fontSize: 11, bold: true, color: '#9a1c1c', alignment: 'center', margin: [0, 0, 0, 8] },
      ...d.styles,
    },
  };
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
