import type { Db } from '../../vault/db';
import type { VaultKeys } from '../../vault/keys';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import { csvText } from './csv';
import { inventoryRows } from './entries';

/** The columns, in the office's words (Spanish first: the file is read at the office). */
const HEADER = [
  'Plataforma',
  'Nombre de la cuenta',
  'Usuario',
  'URL',
  'Inicio de sesión',
  'Correo vinculado',
  'Doble factor registrado',
  'Estado',
  'Próxima rotación',
  'Última rotación',
];
const STATUS = { active: 'Activa', archived: 'Archivada', pending: 'En trámite', rejected: 'Rechazada' } as const;

/**
 * The inventory of accounts (issue 18, scope 5), without any secret: no password, seed or recovery
 * code is opened to write it. Dates are days in the institution's time zone.
 */
export function inventoryCsv(db: Db, s: Sodium, keys: VaultKeys): { text: string; accounts: number } {
  const { timeZone } = readInstitution(db, s, keys.records)!;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const date = (iso: string) => (iso ? day.format(new Date(iso)) : '');
  const rows = inventoryRows(db, s, keys);
  const lines = rows.map((r) => [
    r.platform,
    r.name,
    r.handle,
    r.url,
    r.login,
    r.linkedEmail,
    r.twoStep ? 'sí' : 'no',
    STATUS[r.status],
    date(r.dueAt),
    date(r.lastRotation),
  ]);
  return { text: csvText([HEADER, ...lines]), accounts: rows.length };
}
