import type { ColumnMapping, ImportColumnView, ImportField } from '../../../shared/import';
import { PLATFORMS, type PlatformId } from '../../../shared/platforms';
import type { AppError } from '../../../shared/result';

/** Case, accents and punctuation aside: «Contraseña» and «contrasena», «E-mail» and «email». */
export const foldHeader = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim();

/**
 * The first guess of the mapping screen, from the header's words (Spanish first, and what
 * KeePassXC, Bitwarden and office spreadsheets call them). Checked in this order, so that
 * «nombre de usuario» is a login, «usuario @» a handle and «correo vinculado» not a login.
 */
const SUGGESTIONS: readonly [ImportField, readonly string[]][] = [
  ['password', ['contrasena', 'clave', 'password', 'pass']],
  ['totp', ['totp', '2fa', 'otp', 'semilla', 'doble factor', 'dos pasos']],
  ['linkedEmail', ['vinculad', 'linked', 'recuperacion']],
  ['handle', ['handle', 'arroba', 'alias', '@']],
  ['loginIdentifier', ['usuario', 'login', 'username', 'user', 'acceso', 'inicio de sesion', 'correo', 'email', 'e mail', 'mail']],
  ['platform', ['plataforma', 'red social', 'red', 'platform', 'servicio']],
  ['profileUrl', ['url', 'enlace', 'link', 'web', 'perfil', 'direccion']],
  ['notes', ['nota', 'observacion', 'comentario', 'notes', 'detalle']],
  ['displayName', ['nombre', 'cuenta', 'name', 'title', 'titulo', 'entidad']],
];

export function suggestField(header: string | null): ImportField {
  if (!header) return 'ignore';
  const folded = foldHeader(header);
  const words = ` ${folded} `;
  for (const [field, keys] of SUGGESTIONS) if (keys.some((k) => words.includes(` ${k}`))) return field;
  return 'ignore';
}

export function columnViews(width: number, headers: readonly string[] | null): ImportColumnView[] {
  return Array.from({ length: width }, (_, index) => {
    const header = headers ? (headers[index] ?? '').trim() || null : null;
    return { index, header, suggested: suggestField(header) };
  });
}

/** Field → column index, once the mapping is resolved. */
export type ResolvedMapping = Partial<Record<Exclude<ImportField, 'ignore'>, number>>;

/**
 * A mapping against the file's columns: a header's text must name one column of the header row,
 * a position must be within the widest row, and no field is given twice (which column would win?).
 */
export function resolveMapping(mapping: readonly ColumnMapping[], headers: readonly string[] | null, width: number): ResolvedMapping | AppError {
  const resolved: ResolvedMapping = {};
  const used = new Set<number>();
  for (const { column, field } of mapping) {
    let index: number;
    if (typeof column === 'number') index = column;
    else {
      const wanted = foldHeader(column);
      index = headers ? headers.findIndex((h) => foldHeader(h) === wanted) : -1;
      if (index < 0) return { code: 'IMPORT_MAPPING_INVALID', details: { reason: headers ? 'header_unknown' : 'no_header_row', column: column.slice(0, 80) } };
    }
    if (index >= width) return { code: 'IMPORT_MAPPING_INVALID', details: { reason: 'column_out_of_range', column: index + 1, columns: width } };
    if (used.has(index)) return { code: 'IMPORT_MAPPING_INVALID', details: { reason: 'column_twice', column: index + 1 } };
    used.add(index);
    if (field === 'ignore') continue;
    if (resolved[field] !== undefined) return { code: 'IMPORT_MAPPING_INVALID', details: { reason: 'field_twice', field } };
    resolved[field] = index;
  }
  return resolved;
}

const PLATFORM_ALIASES: Readonly<Record<string, PlatformId>> = {
  twitter: 'x',
  'x twitter': 'x',
  'twitter x': 'x',
  whatsapp: 'whatsapp_business',
  'google drive': 'google',
  'google workspace': 'google',
  correo: 'institutional_email',
  email: 'institutional_email',
  'e mail': 'institutional_email',
  mail: 'institutional_email',
  'correo electronico': 'institutional_email',
  otro: 'other',
  otra: 'other',
};

/** A platform as an office writes it: its id, its label, or a common other name («Twitter», «Correo»). */
export function platformOf(cell: string): PlatformId | null {
  const folded = foldHeader(cell);
  for (const p of PLATFORMS) if (folded === foldHeader(p.id) || folded === foldHeader(p.label)) return p.id;
  return PLATFORM_ALIASES[folded] ?? null;
}
