import { fieldNames } from './refusal-details.es';

/** Words every screen shares: roles, kinds, reasons, platforms, form messages. */
export const commonEs = {
  roles: {
    administrator: 'Administrador de Cuentas',
    head: 'Jefe de la Oficina',
    backup_administrator: 'Administrador de respaldo',
  },
  status: { active: 'Activo', retired: 'Retirado' },
  platforms: { institutional_email: 'Correo institucional', other: 'Otra' },
  kinds: { principal: 'Principal', support: 'De apoyo', authority: 'De autoridad', linked_email: 'Correo vinculado' },
  reasons: {
    creation: 'Alta',
    scheduled: 'Rotación programada',
    handover: 'Entrega de cargo',
    incident: 'Incidente',
    exposure: 'Exposición',
    decommission: 'Baja',
  },
  accountStatus: { active: 'Activa', archived: 'Archivada', pending: 'En trámite', rejected: 'Alta rechazada' },
  classes: { digit: 'números', lower: 'minúsculas', upper: 'mayúsculas', symbol: 'símbolos' },
  rule: 'Regla {{rule}}',
  form: {
    required: 'Obligatorio.',
    tooShort: 'Demasiado corto.',
    tooLong: 'Demasiado largo.',
    passphraseShort: 'La frase de acceso necesita al menos 12 caracteres.',
    mismatch: 'Las dos frases no coinciden.',
    domain: 'Escriba dominios válidos, por ejemplo congreso.gob.pe.',
    number: 'Escriba un número entre 1 y 60.',
    invalid: 'Valor no válido.',
  },
  fields: fieldNames,
  dates: { clear: 'Borrar la fecha: {{label}}' },
  yes: 'Sí',
  no: 'No',
};
