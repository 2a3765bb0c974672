import type { Content } from 'pdfmake/interfaces';
import { officeDay, officeDocument, pdfBytes } from '../reports/pdf';

/**
 * The emergency kit on paper (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): what it is,
 * where it is kept, how it is used, and that its use is recorded and forces a new kit; the chain
 * head when it was issued; the recovery key in groups and as a QR code (pdfmake's vector `qr` node:
 * no image file, nothing fetched). Split k-of-n, the first page says so and each share has a page of
 * its own with its holder's name. Spanish only: a public office's document. The bytes hold the key:
 * the service writes them only to the path the person chose, never anywhere else.
 */
export interface KitPdfData {
  institution: { name: string; acronym: string; timeZone: string };
  kitId: string;
  fingerprint: string;
  issuedAt: string;
  chain: { seq: number; short: string };
  /** The whole key (a single kit), or one entry per share. */
  key: string | null;
  shares: { holder: string; number: number; n: number; k: number; text: string }[];
}

const keyBlock = (text: string, label: string): Content[] => [
  { text: label, style: 'h2' },
  {
    columns: [
      { width: '*', stack: text.split('-').map((g, i) => ({ text: `${String(i + 1).padStart(2, ' ')}.  ${g}`, style: 'group' })) },
      { width: 170, qr: text, fit: 170, eccLevel: 'M' },
    ],
    columnGap: 20,
  } as Content,
  { text: [{ text: 'En una línea: ' }, { text, bold: true }], margin: [0, 8, 0, 0] },
  { text: 'El último grupo es de control: si una letra se escribe mal, Custodia lo dice antes de intentar abrir la bóveda.', style: 'small' },
];

function instructions(d: KitPdfData): Content[] {
  const split = d.shares.length > 0;
  const need = split ? `${d.shares[0]!.k} de las ${d.shares[0]!.n} partes` : 'la clave de esta hoja';
  return [
    { text: d.institution.name, style: 'institution' },
    { text: 'Kit de emergencia de Custodia', style: 'title' },
    { text: `Emitido el ${officeDay(d.issuedAt, d.institution.timeZone)} · kit ${d.fingerprint}`, alignment: 'center', margin: [0, 4, 0, 10] },
    { text: 'Qué es', style: 'h2' },
    {
      text:
        'Este kit abre la bóveda de credenciales de la institución cuando todos los custodios (el Jefe de la Oficina y el ' +
        'Administrador de Cuentas) han perdido sus frases de acceso. Abre un modo de recuperación cuya única acción es registrar ' +
        'nuevos custodios; no muestra ninguna contraseña.',
    },
    { text: 'Dónde guardarlo', style: 'h2' },
    {
      ul: [
        split
          ? 'Cada parte se entrega a la autoridad nombrada en su página, en sobre cerrado y firmado; cada una la guarda por separado.'
          : 'En sobre cerrado, firmado sobre el cierre por el Jefe de la Oficina y el Administrador de Cuentas, en la caja fuerte de la institución.',
        'Nunca en el mismo lugar que el equipo de Custodia, ni fotografiado, escaneado o copiado.',
      ],
    },
    { text: 'Cómo usarlo', style: 'h2' },
    {
      ol: [
        'En el equipo de Custodia, en la pantalla de desbloqueo, elija «Usar el kit de emergencia».',
        `Escriba ${need} tal como están impresas (o lea el código QR).`,
        'Registre a los nuevos custodios: al menos un Jefe de la Oficina y un Administrador de Cuentas, cada uno con su frase de acceso escrita dos veces.',
        'Termine la recuperación: los custodios anteriores quedan revocados y la bóveda cambia de clave.',
      ],
    },
    { text: 'Qué queda registrado', style: 'h2' },
    {
      text:
        'Cada uso del kit queda en el registro de auditoría, firmado con la clave del propio kit. Usado una vez, este kit ya no ' +
        'abre la bóveda: la recuperación la cambia de clave y se debe emitir un kit nuevo de inmediato.',
    },
    { text: 'Cadena de auditoría al emitir', style: 'h2' },
    { text: `Evento n.º ${d.chain.seq} · ${d.chain.short}` },
  ];
}

export function kitDocument(d: KitPdfData) {
  const content: Content[] = instructions(d);
  if (d.key) content.push(...keyBlock(d.key, 'Clave de recuperación'));
  for (const share of d.shares) {
    content.push(
      { text: d.institution.name, style: 'institution', pageBreak: 'before' },
      { text: `Kit de emergencia — parte ${share.number} de ${share.n}`, style: 'title' },
      { text: `Custodia de esta parte: ${share.holder}`, alignment: 'center', margin: [0, 6, 0, 2] },
      {
        text: `Se necesitan ${share.k} partes distintas de este mismo kit (kit ${d.fingerprint}) para abrir la bóveda; una sola no revela nada.`,
        alignment: 'center',
        margin: [0, 0, 0, 8],
      },
      ...keyBlock(share.text, `Parte ${share.number} de ${share.n}`),
    );
  }
  return officeDocument({
    title: `Kit de emergencia — ${d.institution.acronym}`,
    footer: `Kit de emergencia · ${d.institution.acronym} · CONFIDENCIAL`,
    draft: false,
    content,
    styles: { group: { fontSize: 15, bold: true, characterSpacing: 2, lineHeight: 1.3 }, small: { fontSize: 8, italics: true, margin: [0, 6, 0, 0] } },
  });
}

export async function kitPdf(d: KitPdfData): Promise<Buffer> {
  return pdfBytes(kitDocument(d));
}
