import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { FormularioMark, FormularioKind } from '../../../shared/reports';
import { officeTime } from '../handover/acta';
import { officeDay, officeDocument } from './pdf';

/**
 * Formularios A and B of MITIC 678/2022, Anexo II (LIFE-4), as the annex lays them out: the action
 * marked with an X (Alta / Baja / Modif.) beside its description, the fields to complete, and the
 * authorization block («Firma y Sello de la MAI», «Aclaración/C.I.», «Fecha») filled with the head
 * who authorized the request in Custodia. Formulario A also carries what LIFE-1 asks besides the
 * annex's fields (posting plan, indicators, authorized users and roles). A request not authorized
 * prints as a draft («BORRADOR»), as the acta does before its completion. Plain data in, never a secret.
 */
export interface FormularioParty {
  name: string;
  documentId: string | null;
}

export interface FormularioData {
  form: FormularioKind;
  mark: FormularioMark;
  institution: { name: string; acronym: string; timeZone: string };
  requestId: string;
  /** What the request does, in words (the «Descripción» beside the action). */
  description: string[];
  /** The rows to complete, in the annex's order: label, value (null: left blank on the form). */
  fields: [label: string, value: string | null][];
  /** Formulario A: the written justification LIFE-1 asks for besides the annex's fields. */
  justification: [label: string, value: string | null][];
  /** Formulario A: authorized users and their roles; Formulario B: the accounts and roles the person holds. */
  users: { who: string; role: string }[];
  proposedBy: string;
  proposedAt: string;
  /** Why it is a draft, when it is one: pending, expired or rejected. */
  draft: 'pending' | 'expired' | 'rejected' | null;
  /** The head's authorization, once given. */
  authorization: (FormularioParty & { at: string }) | null;
  generatedAt: string;
}

const TITLES: Readonly<Record<FormularioKind, { title: string; section: string; usersHeader: [string, string] }>> = {
  A: {
    title: 'Altas, Bajas y Modificaciones (ABM) de perfiles de cuentas oficiales institucionales en redes sociales',
    section: '1. Datos básicos del perfil:',
    usersHeader: ['Usuario autorizado', 'Rol'],
  },
  B: {
    title: 'Altas, Bajas y Modificaciones (ABM) de usuarios de cuentas oficiales institucionales en redes sociales',
    section: '2. Datos del personal autorizado a la acción solicitada (alta, baja o modificación)',
    usersHeader: ['Cuenta autorizada', 'Rol'],
  },
};

const DRAFT_ES = {
  pending: 'BORRADOR — solicitud pendiente de la autorización del Jefe de la Oficina: no se firma.',
  expired: 'BORRADOR — solicitud vencida sin autorización: no se firma.',
  rejected: 'BORRADOR — solicitud rechazada por el Jefe de la Oficina: no se firma.',
} as const;

const box = (marked: boolean): TableCell => ({ text: marked ? 'X' : ' ', bold: true, alignment: 'center', fontSize: 12 });
const label = (text: string): TableCell => ({ text, bold: true });
const value = (text: string | null): TableCell => (text === null || text === '' ? { text: ' ' } : { text });

export function formularioDocument(d: FormularioData): TDocumentDefinitions {
  const zone = d.institution.timeZone;
  const t = TITLES[d.form];
  const who = d.authorization;
  const content: Content[] = [
    ...(d.draft ? [{ text: DRAFT_ES[d.draft], style: 'draft' } as Content] : []),
    { text: d.institution.name.toUpperCase(), style: 'institution' },
    { text: d.institution.acronym, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: 'Resolución MITIC N° 678/2022 — Anexo II', alignment: 'center', fontSize: 8.5, margin: [0, 0, 0, 8] },
    { text: `Formulario ${d.form}`, style: 'title' },
    { text: t.title, style: 'subtitle' },
    { text: t.section, style: 'h2' },
    { text: 'Tipo de acción solicitada (marcar con una X la opción seleccionada)', italics: true, margin: [0, 0, 0, 4] },
    {
      table: {
        widths: [34, 34, 40, '*'],
        body: [
          [label('Alta'), label('Baja'), label('Modif.'), label('Descripción')],
          [box(d.mark === 'alta'), box(d.mark === 'baja'), box(d.mark === 'modificacion'), { stack: d.description }],
        ],
      },
      margin: [0, 0, 0, 10],
    },
    { text: 'Completar los datos', italics: true, margin: [0, 0, 0, 4] },
    {
      table: { widths: [170, '*'], body: d.fields.map(([l, v]) => [label(l), value(v)]) },
      margin: [0, 0, 0, 10],
    },
    ...(d.justification.length > 0
      ? [
          { text: 'Justificación escrita (LIFE-1: plan de publicaciones, indicadores, usuarios y roles)', style: 'h2' } as Content,
          { table: { widths: [170, '*'], body: d.justification.map(([l, v]) => [label(l), value(v)]) }, margin: [0, 0, 0, 6] } as Content,
        ]
      : []),
    // Formulario B names the accounts and roles among its own fields.
    ...(d.form === 'A'
      ? [
          {
            table: {
              headerRows: 1,
              widths: ['*', '*'],
              body: [
                [label(t.usersHeader[0]), label(t.usersHeader[1])],
                ...(d.users.length === 0 ? [[{ text: 'Ninguno', italics: true }, ' ']] : d.users.map((u) => [u.who, u.role])),
              ],
            },
            layout: 'lightHorizontalLines',
            margin: [0, 0, 0, 10],
          } as Content,
        ]
      : []),
    {
      text: `Solicitado en Custodia por ${d.proposedBy} el ${officeTime(d.proposedAt, zone)} (solicitud ${d.requestId}).`,
      fontSize: 8,
      margin: [0, 0, 0, 10],
    },
    {
      unbreakable: true,
      stack: [
        { text: 'Autorización:', style: 'h2' },
        {
          table: {
            widths: [170, '*'],
            heights: [48, 'auto', 'auto'],
            body: [
              [label('Firma y Sello de la MAI:'), ' '],
              [label('Aclaración/C.I.:'), value(who ? `${who.name} — C.I. ${who.documentId ?? '__________'}` : null)],
              [label('Fecha:'), value(who ? officeDay(who.at, zone) : null)],
            ],
          },
        },
        ...(who
          ? [{ text: `Autorizado en Custodia por el Jefe de la Oficina el ${officeTime(who.at, zone)}.`, fontSize: 8, margin: [0, 4, 0, 0] } as Content]
          : []),
      ],
    } as Content,
  ];
  return officeDocument({
    title: `Formulario ${d.form} — ${d.institution.acronym}`,
    footer: `Formulario ${d.form} · ${d.institution.acronym} · generado el ${officeDay(d.generatedAt, zone)}`,
    draft: d.draft !== null,
    content,
    styles: { subtitle: { fontSize: 10.5, bold: true, alignment: 'center', margin: [0, 2, 0, 10] } },
  });
}
