import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { ChangeReason } from '../../../shared/domain';
import type { OutsideChangeKind } from '../../../shared/incidents';
import type { MonthlyReportBody } from '../../../shared/reports';
import { officeTime } from '../handover/acta';
import { officeDay, officeDocument } from './pdf';

/**
 * The monthly report as the head signs it on paper (SUP-3; INPE P-E3.01.04 §7 applied to credential
 * changes; SUP-1's compliance summary): the figures of the signed JSON, the audit chain head, the
 * signer's key fingerprint and the digest of the signed file, and room for signature and seal.
 * Counts, dates and names only: never a password, code or seed.
 */
const REASON_ES: Readonly<Record<ChangeReason, string>> = {
  creation: 'Alta',
  scheduled: 'Programada (POL-4)',
  handover: 'Entrega de cargo (HAND-1)',
  incident: 'Incidente (SUP-2)',
  exposure: 'Exposición (HAND-3)',
  decommission: 'Baja (LIFE-3)',
};

const OUTSIDE_ES: Readonly<Record<OutsideChangeKind, string>> = {
  password_changed: 'Contraseña cambiada',
  two_step_changed: 'Verificación en dos pasos cambiada',
  role_added: 'Rol agregado',
  role_removed: 'Rol retirado',
  recovery_contact_changed: 'Correo o teléfono de recuperación cambiado',
  profile_changed: 'Datos del perfil cambiados',
  other: 'Otro',
};

const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
export const monthWords = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS_ES[m - 1]} de ${y}`;
};

const th = (text: string): TableCell => ({ text, style: 'th' });
const table = (rows: [string, string | number][]): Content => ({
  table: { widths: ['*', 90], body: rows.map(([label, value]) => [label, { text: String(value), alignment: 'right' }]) },
  layout: 'lightHorizontalLines',
  margin: [0, 0, 0, 8],
});

export function monthlyDocument(r: MonthlyReportBody, signed: { digest: string } | null): TDocumentDefinitions {
  const zone = r.period.timeZone;
  const f = r.figures;
  const share = f.changes.sharePercent === null ? 'sin cambios registrados en el mes' : `${f.changes.sharePercent} %`;
  const draft = signed === null;
  const content: Content[] = [
    ...(draft ? [{ text: 'BORRADOR — vista previa sin firma: no es el informe que se entrega.', style: 'draft' } as Content] : []),
    { text: r.institution.name.toUpperCase(), style: 'institution' },
    { text: r.institution.acronym, alignment: 'center', margin: [0, 0, 0, 8] },
    { text: 'INFORME MENSUAL DE CUSTODIA DE CREDENCIALES', style: 'title' },
    { text: `Mes de ${monthWords(r.month)}${r.complete ? '' : ' (en curso: cifras parciales)'}`, alignment: 'center', margin: [0, 0, 0, 10] },
    {
      text: [
        `Período del ${officeTime(r.period.from, zone)} al ${officeTime(r.period.to, zone)}. `,
        `Generado el ${officeTime(r.generatedAt, zone)} a partir del registro de Custodia. `,
        'Las cifras son las del archivo JSON firmado que acompaña a este informe.',
      ],
      margin: [0, 0, 0, 10],
    },
    { text: 'Indicador: cambios de credenciales autorizados (SUP-3)', style: 'h2' },
    {
      text: [{ text: `${f.changes.authorized} de ${f.changes.total}`, bold: true }, ' cambios autorizados: ', { text: share, bold: true }],
      fontSize: 12,
      margin: [0, 0, 0, 4],
    },
    table([
      ['Contraseñas aplicadas con autorización del Jefe de la Oficina (POL-5)', f.changes.passwords],
      ['Semillas de dos pasos y códigos de recuperación cambiados con autorización', f.changes.twoStep],
      ['Cambios hechos fuera de Custodia, registrados en incidentes (SUP-2)', f.changes.outside],
      ...Object.entries(f.changes.outsideByKind)
        .filter(([, n]) => n > 0)
        .map(([k, n]): [string, number] => [`— ${OUTSIDE_ES[k as OutsideChangeKind]}`, n]),
    ]),
    { text: 'Rotaciones de contraseñas (POL-4)', style: 'h2' },
    table([
      ['Rotaciones aplicadas', f.rotations.applied],
      ['A tiempo (antes del vencimiento de la contraseña anterior)', f.rotations.onTime],
      ['Tarde', f.rotations.late],
      ...Object.entries(f.rotations.byReason)
        .filter(([, n]) => n > 0)
        .map(([k, n]): [string, number] => [`— Motivo: ${REASON_ES[k as ChangeReason]}`, n]),
      [`Cuentas vencidas al cierre del mes (de ${f.rotations.accountsAtMonthEnd} vigentes)`, f.rotations.overdueAtMonthEnd],
    ]),
    { text: 'Exposiciones', style: 'h2' },
    table([
      ['Contraseñas mostradas', f.exposures.revealed],
      ['Contraseñas copiadas', f.exposures.copied],
      ['Contraseñas entregadas por correo institucional o en persona (POL-6)', f.exposures.institutional_email + f.exposures.in_person],
      ['Contraseñas y semillas escritas en una exportación a KeePass autorizada', f.exposures.exported],
      ['Semillas de dos pasos mostradas para llevarlas a otro autenticador', f.exposures.seedsShown],
      ['Códigos de recuperación vistos o entregados', f.exposures.recoveryCodes],
    ]),
    { text: 'Roles, personal y cuentas (autorizaciones del mes)', style: 'h2' },
    table([
      ['Roles otorgados (ROLE-1 a ROLE-4)', f.requests.roleGrants],
      ['Roles retirados', f.requests.roleRevocations],
      ['Altas de personal (Formulario B)', f.requests.peopleRegistered],
      ['Modificaciones de personal (Formulario B)', f.requests.peopleUpdated],
      ['Bajas de personal (HAND-2)', f.requests.departures],
      ['Altas de cuentas (Formulario A, LIFE-1)', f.requests.altas],
      ['Modificaciones de cuentas (Formulario A)', f.requests.modificaciones],
      ['Bajas de cuentas (LIFE-3)', f.requests.bajas],
      ['Inventarios importados (hoja de cálculo o archivo KeePass)', f.requests.inventoryImports],
      ['Exportaciones de la bóveda a un archivo KeePass', f.requests.vaultExports],
      ['Solicitudes rechazadas por el Jefe de la Oficina', f.requests.rejected],
    ]),
    { text: 'Incidentes y entregas de cargo', style: 'h2' },
    table([
      ['Incidentes registrados (SUP-2)', f.incidents.recorded],
      ['Incidentes cerrados', f.incidents.closed],
      ['Incidentes abiertos al cierre del mes', f.incidents.openAtMonthEnd],
      ['Entregas de cargo iniciadas (HAND-1)', f.handovers.started],
      ['Entregas de cargo completadas', f.handovers.completed],
    ]),
    {
      unbreakable: true,
      stack: [
        { text: `Cumplimiento al generar el informe (SUP-1), ${officeTime(r.compliance.at, zone)}`, style: 'h2' },
        {
          text: `${r.compliance.red} celdas en rojo y ${r.compliance.amber} en ámbar; ${r.compliance.accountsRed} cuentas y ${r.compliance.peopleRed} personas con alguna en rojo.`,
          margin: [0, 0, 0, 4],
        },
        r.compliance.byRule.length === 0
          ? { text: 'Ninguna regla en rojo ni en ámbar.', margin: [0, 0, 0, 8] }
          : {
              table: {
                headerRows: 1,
                widths: ['*', 60, 60],
                body: [[th('Regla'), th('Rojo'), th('Ámbar')], ...r.compliance.byRule.map((x) => [x.rule, String(x.red), String(x.amber)])],
              },
              layout: 'lightHorizontalLines',
              margin: [0, 0, 0, 8],
            },
      ],
    } as Content,
    { text: 'Constancia', style: 'h2' },
    {
      ul: [
        { text: [`Cabeza de la cadena de auditoría al generar (evento n.º ${r.audit.seq}): `, { text: r.audit.head, style: 'mono' }] },
        ...(r.signer ? [{ text: [`Huella de la clave de firma del Jefe de la Oficina: `, { text: r.signer.fingerprint, bold: true }] }] : []),
        ...(signed ? [{ text: ['SHA-256 del archivo firmado: ', { text: signed.digest, style: 'mono' }] }] : []),
        'El archivo JSON firmado se verifica sin conexión con: node scripts/verify-report.mjs informe.json --key <huella publicada>',
      ],
      margin: [0, 0, 0, 24],
    },
    {
      unbreakable: true,
      stack: [
        { text: 'Firma y sello del Jefe de la Oficina:', bold: true },
        { text: '\n\n\n______________________________', alignment: 'center' },
        { text: r.signer?.name ?? '—', alignment: 'center', bold: true },
        { text: `Aclaración / C.I.: ${r.signer?.documentId ?? '__________'}`, alignment: 'center' },
        { text: `Fecha: ${officeDay(r.generatedAt, zone)}`, alignment: 'center' },
      ],
    } as Content,
  ];
  return officeDocument({
    title: `Informe mensual ${r.month} — ${r.institution.acronym}`,
    footer: `Informe mensual ${r.month} · ${r.institution.acronym}`,
    draft,
    content,
    styles: { mono: { fontSize: 7.5 } },
  });
}
