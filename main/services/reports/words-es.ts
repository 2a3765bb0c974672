import type { AccountKind } from '../../../shared/domain';
import type { LinkKind, StaffFunction } from '../../../shared/staff';

/**
 * The words the printed forms use (Spanish only: public documents; main never imports the renderer's
 * strings, so these mirror renderer/src/features/staff and lifecycle's own).
 */
export const ROLE_ES: Readonly<Record<string, string>> = {
  full_control: 'Control total',
  partial_content: 'Editor (acceso parcial: contenido)',
  partial_messages: 'Moderador de mensajes (acceso parcial: mensajes)',
  partial_community: 'Moderador de comunidad (acceso parcial: actividad de la comunidad)',
  partial_ads: 'Anunciante (acceso parcial: anuncios)',
  partial_insights: 'Analista (acceso parcial: estadísticas)',
  owner: 'Propietario',
  delegate: 'Delegado',
  admin: 'Administrador',
  operator: 'Operador',
  analyst: 'Analista',
  manager: 'Gestor',
  editor: 'Editor',
  viewer: 'Lector',
  super_admin: 'Superadministrador',
  content_admin: 'Administrador de contenido',
  curator: 'Curador',
  employee: 'Empleado',
  author: 'Autor',
  member: 'Miembro',
};
export const roleEs = (role: string): string => ROLE_ES[role] ?? role;

export const FUNCTION_ES: Readonly<Record<StaffFunction, string>> = {
  office_head: 'Jefe de la Oficina',
  account_administrator: 'Administrador de Cuentas',
  backup_administrator: 'Administrador de respaldo',
  community_manager: 'Community manager',
  designer: 'Diseñador',
  analyst: 'Analista',
  other: 'Otra función',
};

export const LINK_ES: Readonly<Record<LinkKind, string>> = {
  permanent: 'Nombrado o permanente',
  contracted: 'Contratado',
  seconded: 'Comisionado',
  intern: 'Pasante',
  volunteer: 'Voluntario',
  outsourced: 'Tercerizado',
};

export const ACCOUNT_KIND_ES: Readonly<Record<AccountKind, string>> = {
  principal: 'Principal',
  support: 'De apoyo (campaña, programa o dependencia)',
  authority: 'De autoridad',
  linked_email: 'Correo institucional vinculado',
};

/** The fields a modificación changes, as the forms name them (shared/lifecycle.ts, shared/staff.ts). */
export const FIELD_ES: Readonly<Record<string, string>> = {
  kind: 'Tipo de cuenta',
  displayName: 'Nombre',
  handle: 'Nombre del perfil',
  altHandle: 'Nombre del perfil (alternativa)',
  profileUrl: 'Dirección del perfil',
  loginIdentifier: 'Usuario o correo de acceso',
  linkedEmailAccountId: 'Cuenta de correo institucional asociada',
  recoveryDevice: 'Teléfono de recuperación',
  supportStart: 'Inicio',
  supportEnd: 'Fin',
  notes: 'Notas',
  'form.description': 'Descripción de la cuenta',
  'form.objective': 'Objetivo',
  'form.postingPlan': 'Plan de publicaciones',
  'form.indicators': 'Indicadores',
  'form.authorizedUsers': 'Usuarios autorizados y roles',
  'form.otherData': 'Otros datos',
  name: 'Nombre y apellido',
  email: 'Correo electrónico institucional',
  names: 'Nombres',
  surnames: 'Apellidos',
  documentId: 'CI',
  dependency: 'Dependencia',
  link: 'Tipo de vínculo',
  linkDetail: 'Institución de origen',
  mobile: 'Celular',
  function: 'Perfil',
  'agreement.date': 'Acuerdo de confidencialidad (fecha)',
  'agreement.reference': 'Acuerdo de confidencialidad (referencia)',
  agreement: 'Acuerdo de confidencialidad',
  internalContactId: 'Contacto interno',
  startDate: 'Fecha de inicio',
};
export const fieldEs = (field: string): string => FIELD_ES[field] ?? field;
