import { writeFileSync } from 'node:fs';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { KeyholderRole } from '../../../shared/domain';
import type { HandoverItemId, HandoverItemState, HandoverMissing } from '../../../shared/handover';
import { officeDocument, pdfBytes } from '../reports/pdf';

/**
 * The «Acta de entrega y recepción» (issue 16, HAND-1): what the outgoing and incoming keyholders
 * and the third signatory sign on paper. Built here from plain data (the service gathers it from
 * records checked against the log); it names items, people, counts, times, the audit chain head
 * and signing-key fingerprints, never a password, code or seed. Spanish only: it is a public
 * office's document.
 *
 * pdfmake 0.3 in Node reads fonts by path through pdfkit; the Roboto files come from the pdfmake
 * package itself (resolved from this module: node_modules in development, app.asar's in the packaged
 * app, where Electron's fs reads them; scripts/build-main.mjs keeps pdfmake external and
 * electron-builder packs it as a dependency). pdfkit embeds the glyphs used, so the file opens
 * anywhere. No URL is ever fetched and no other local file is read.
 */
export interface ActaParty {
  /** Cargo as written in the acta. */
  role: KeyholderRole;
  name: string;
  /** The cédula / DNI from the staff registry (Formulario B), when on record. */
  documentId: string | null;
  fingerprint: string;
}

export interface ActaItem {
  item: HandoverItemId;
  state: HandoverItemState;
  by: string | null;
  at: string | null;
  missing: HandoverMissing | null;
}

export interface ActaData {
  institution: { name: string; acronym: string; timeZone: string };
  role: KeyholderRole;
  completed: boolean;
  startedAt: string;
  completedAt: string | null;
  generatedAt: string;
  outgoing: ActaParty;
  incoming: ActaParty;
  /** The head (or, in a head's handover, the account administrator). */
  witness: ActaParty;
  accounts: { name: string; platform: string; items: ActaItem[] }[];
  /** HAND-3: what the outgoing person saw that is still in force (empty once complete). */
  exposures: { account: string; kind: 'password' | 'recovery_codes' | 'seed'; version: number | null }[];
  departure: { done: number; total: number; open: string[] } | null;
  rotated: number;
  chain: { seq: number; hash: string; short: string };
}

export const ROLE_ES: Readonly<Record<KeyholderRole, string>> = {
  administrator: 'Administrador de Cuentas',
  backup_administrator: 'Administrador de respaldo',
  head: 'Jefe de la Oficina',
};

export const ITEM_ES: Readonly<Record<HandoverItemId, string>> = {
  password_changed: 'Contraseña cambiada',
  roles_reassigned: 'Roles reasignados',
  sessions_closed: 'Sesiones cerradas',
  recovery_contacts_updated: 'Correo y teléfono actualizados',
  seed_replaced: 'Semilla 2FA reemplazada',
  recovery_codes_replaced: 'Códigos de recuperación reemplazados',
};

const STATE_ES: Readonly<Record<HandoverItemState, string>> = { done: 'Hecho', open: 'Pendiente', not_applicable: 'No aplica' };

const MISSING_ES: Readonly<Record<HandoverMissing, string>> = {
  rotation_missing: 'falta el cambio por entrega de cargo',
  awaiting_apply: 'autorizado, falta aplicarlo',
  rotated_by_outgoing: 'el saliente cambió la contraseña después',
  outgoing_admin_role: 'el saliente conserva un rol de administración',
  incoming_admin_missing: 'el entrante no tiene rol de administración',
  confirmation_missing: 'falta confirmar el cierre',
  contacts_not_updated: 'falta registrarlos de nuevo',
  phone_not_incoming: 'el teléfono no está en manos del entrante',
  seed_not_replaced: 'falta reemplazarla',
  codes_not_replaced: 'falta reemplazarlos',
};

const EXPOSURE_ES = { password: 'Contraseña', recovery_codes: 'Códigos de recuperación', seed: 'Semilla de dos pasos' } as const;

/** A moment as the office reads it: date, time and the zone with its offset («America/Lima, GMT-05:00»). */
export function officeTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat('es-PE', { timeZone, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(date);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value;
  return `${text} (${timeZone}${offset ? `, ${offset}` : ''})`;
}

const shortTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-PE', { timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

export function actaDocument(d: ActaData): TDocumentDefinitions {
  const zone = d.institution.timeZone;
  const cargo = ROLE_ES[d.role];
  const when = d.completed && d.completedAt ? d.completedAt : d.generatedAt;
  const parties: [string, ActaParty][] = [
    [`${cargo} saliente`, d.outgoing],
    [`${cargo} entrante`, d.incoming],
    [ROLE_ES[d.witness.role], d.witness],
  ];
  const header = (text: string): TableCell => ({ text, style: 'th' });
  const accountRows: TableCell[][] = d.accounts.flatMap((a) =>
    a.items.map((i, n): TableCell[] => [
      n === 0 ? { text: [{ text: a.name, bold: true }, `\n${a.platform}`], rowSpan: a.items.length } : '',
      ITEM_ES[i.item],
      { text: STATE_ES[i.state], bold: i.state === 'open', color: i.state === 'open' ? '#9a1c1c' : undefined },
      i.state === 'done' ? (i.by ?? '—') : i.state === 'open' && i.missing ? { text: MISSING_ES[i.missing], italics: true } : '',
      i.at ? shortTime(i.at, zone) : '',
    ]),
  );
  const content: Content[] = [
    ...(d.completed ? [] : [{ text: 'BORRADOR — entrega en curso: este documento no es el acta final y no se firma.', style: 'draft' } as Content]),
    { text: d.institution.name.toUpperCase(), style: 'institution' },
    { text: d.institution.acronym, alignment: 'center', margin: [0, 0, 0, 8] },
    { text: 'ACTA DE ENTREGA Y RECEPCIÓN', style: 'title' },
    { text: `del cargo de ${cargo}`, alignment: 'center', margin: [0, 0, 0, 10] },
    {
      text: [
        `En la fecha ${officeTime(when, zone)}, `,
        d.completed ? 'concluida la entrega iniciada el ' : 'en la entrega iniciada el ',
        officeTime(d.startedAt, zone),
        `, se deja constancia de la entrega de las credenciales y los métodos de verificación en dos pasos de las cuentas oficiales de la institución, `,
        'conforme a la Directiva MITIC 678/2022, numeral 6.1.1.III, según lo registrado en Custodia.',
      ],
      margin: [0, 0, 0, 10],
    },
    { text: 'Intervinientes', style: 'h2' },
    {
      table: {
        headerRows: 1,
        widths: ['*', '*', 'auto', 'auto'],
        body: [
          [header('Cargo'), header('Nombre'), header('Cédula / DNI'), header('Huella de su clave de firma')],
          ...parties.map(([role, p]) => [role, p.name, p.documentId ?? '—', { text: p.fingerprint, style: 'mono' }]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 10],
    },
    { text: 'Cuentas y acciones', style: 'h2' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [92, 158, 42, '*', 56],
        body: [[header('Cuenta'), header('Acción'), header('Estado'), header('Quién / qué falta'), header('Cuándo')], ...accountRows],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
      margin: [0, 0, 0, 10],
    },
    // A heading never left alone at the foot of a page.
    {
      unbreakable: true,
      stack: [
        { text: 'Credenciales vistas por el saliente aún vigentes (HAND-3)', style: 'h2' },
        d.exposures.length === 0
          ? { text: 'Ninguna: toda credencial que pudo ver fue cambiada.', margin: [0, 0, 0, 10] }
          : {
              ul: d.exposures.map((e) => `${e.account}: ${EXPOSURE_ES[e.kind]}${e.version !== null ? ` (versión ${e.version})` : ''}`),
              margin: [0, 0, 0, 10],
            },
      ],
    } as Content,
    ...(d.departure
      ? [
          { text: 'Lista de baja del saliente (HAND-2)', style: 'h2' } as Content,
          {
            text: `${d.departure.done} de ${d.departure.total} ítems cumplidos.${d.departure.open.length ? ' Pendientes:' : ''}`,
            margin: [0, 0, 0, d.departure.open.length ? 2 : 10],
          } as Content,
          ...(d.departure.open.length ? [{ ul: d.departure.open, margin: [0, 0, 0, 10] } as Content] : []),
        ]
      : []),
    { text: 'Constancia del registro', style: 'h2' },
    {
      ul: [
        `Contraseñas cambiadas durante la entrega: ${d.rotated}.`,
        `Cuentas oficiales comprendidas: ${d.accounts.length}.`,
        { text: [`Cabeza de la cadena de auditoría (evento n.º ${d.chain.seq}): `, { text: d.chain.short, bold: true }] },
        { text: d.chain.hash, style: 'mono' },
      ],
      margin: [0, 0, 0, 24],
    },
    {
      unbreakable: true,
      columns: parties.map(([role, p]) => ({
        width: '*',
        stack: [
          { text: '\n\n\n______________________________', alignment: 'center' },
          { text: p.name, alignment: 'center', bold: true },
          { text: role, alignment: 'center' },
          { text: `DNI ${p.documentId ?? '__________'}`, alignment: 'center' },
        ],
      })),
      columnGap: 10,
    } as Content,
  ];
  return officeDocument({
    title: `Acta de entrega y recepción — ${d.institution.acronym}`,
    footer: `Acta de entrega y recepción · ${d.institution.acronym}`,
    draft: !d.completed,
    content,
  });
}

/** The acta's bytes. */
export async function actaPdf(d: ActaData): Promise<Buffer> {
  return pdfBytes(actaDocument(d));
}

/** Writes the acta to the path the person chose (a save dialog in the app, a temp path in tests). */
export async function writeActa(d: ActaData, path: string): Promise<void> {
  writeFileSync(path, await actaPdf(d));
}
