/**
 * The rule catalogue: every rule Custodia enforces, with its stable id, its source clause and a
 * short text in each language. This file is the source: docs/rules.md is generated from it
 * (`npm run docs:rules`; test/unit/docs.test.ts fails when the two differ). Code, errors
 * (`AppError.rule`), tests and reports cite these ids and nothing else.
 */
export const RULE_SECTIONS = [
  'Passwords',
  'Account security',
  'People and roles',
  'Lifecycle (alta, modificación, baja)',
  'Handover and departures',
  'Supervision',
] as const;
export type RuleSection = (typeof RULE_SECTIONS)[number];

/** The procedures in `seeds/` (Spanish originals) that the rules come from. */
export const RULE_SOURCES = [
  {
    file: '000_06d5057af5a453a0.txt',
    what: "Congreso de la República del Perú, PTA N°01-2023-OCII-CR: creation, assignment and supervision of the institution's social-media accounts (the strictest on passwords)",
  },
  {
    file: '002_58bf57b52f371215.txt',
    what: 'INPE (Perú), procedure P-E3.01.04 "Gestión de Redes Sociales": the publishing workflow, official profiles, the monthly indicator',
  },
  {
    file: '003_369598a1d66fb7c5.txt',
    what: 'MITIC (Paraguay), Resolución 678/2022: guide for official accounts of state bodies: creation/modification/decommission (ABM) forms A and B, administrators and community managers, handover, incidents',
  },
] as const;

export interface Rule {
  id: string;
  section: RuleSection;
  /** The rule as the procedures state it (English). */
  text: string;
  /** The clauses it comes from. */
  source: string;
  /** What Custodia does about it: blocks the action, or flags it until fixed. */
  how: string;
  /** One line for screens and reports, in each language. */
  short: { es: string; en: string };
}

export const RULES = [
  {
    id: 'POL-1',
    section: 'Passwords',
    text: 'A password contains digits, lower-case and upper-case letters and symbols. Minimum length is not in the seeds: default 16, configurable, never below 12.',
    source: 'Congreso 6.2.4',
    how: 'blocks',
    short: {
      es: 'La contraseña combina dígitos, minúsculas, mayúsculas y símbolos, con la longitud mínima configurada.',
      en: 'A password mixes digits, lower case, upper case and symbols, at the configured minimum length.',
    },
  },
  {
    id: 'POL-2',
    section: 'Passwords',
    text: 'A password must not resemble words or names: no dictionary word (Spanish and English), no name of a person in the staff registry, no institution name or acronym, no account name, handle or platform name, no year. Feedback says which part failed.',
    source: 'Congreso 6.2.4; MITIC 6.1.1.IV ("no usar palabras fáciles como el nombre de la Institución o año")',
    how: 'blocks',
    short: {
      es: 'La contraseña no se parece a palabras, nombres, la institución, la cuenta ni a un año.',
      en: 'A password does not resemble words, names, the institution, the account or a year.',
    },
  },
  {
    id: 'POL-3',
    section: 'Passwords',
    text: "Every password is unique: a social account's password differs from its linked e-mail's (Congreso), each network has its own (MITIC), and no earlier version of any account is ever reused.",
    source: 'Congreso 6.2.4; MITIC 6.1.1.IV',
    how: 'blocks',
    short: { es: 'Cada contraseña es única y nunca se reutiliza una anterior.', en: 'Every password is unique and no earlier one is ever reused.' },
  },
  {
    id: 'POL-4',
    section: 'Passwords',
    text: 'Passwords rotate every 15 days (configurable per institution and per account kind); after a change, everyone who must know it is notified.',
    source: 'Congreso 6.2.5',
    how: 'flags overdue; shows "due soon"',
    short: { es: 'Las contraseñas se cambian cada 15 días (configurable).', en: 'Passwords rotate every 15 days (configurable).' },
  },
  {
    id: 'POL-5',
    section: 'Passwords',
    text: "Only the account administrator changes passwords, and only with the office head's prior authorization.",
    source: 'Congreso 6.2.6; MITIC 6.1.1.III',
    how: 'blocks: a change is applied only with both signatures',
    short: {
      es: 'Solo el Administrador de Cuentas cambia contraseñas, con autorización previa del Jefe de la Oficina.',
      en: "Only the account administrator changes passwords, with the office head's prior authorization.",
    },
  },
  {
    id: 'POL-6',
    section: 'Passwords',
    text: 'Passwords are shared only through institutional e-mail or in person, never by instant messaging.',
    source: 'Congreso 6.2.7',
    how: 'the distribution record accepts only those channels',
    short: {
      es: 'Las contraseñas se entregan solo por correo institucional o en persona.',
      en: 'Passwords are handed over only by institutional e-mail or in person.',
    },
  },
  {
    id: 'SEC-1',
    section: 'Account security',
    text: 'Two-step verification is on for every account and every linked e-mail.',
    source: 'Congreso 6.2.1',
    how: 'flags',
    short: {
      es: 'La verificación en dos pasos está activa en cada cuenta y cada correo vinculado.',
      en: 'Two-step verification is on for every account and linked e-mail.',
    },
  },
  {
    id: 'SEC-2',
    section: 'Account security',
    text: 'The login / linked e-mail is institutional (configured domains, e.g. `congreso.gob.pe`); free providers (gmail, outlook, hotmail, yahoo, …) are refused.',
    source: 'Congreso 6.2.2; MITIC 6.1.1.I',
    how: 'blocks on entry',
    short: {
      es: 'El correo de acceso o vinculado es institucional, nunca de un proveedor gratuito.',
      en: 'The login or linked e-mail is institutional, never a free provider.',
    },
  },
  {
    id: 'SEC-3',
    section: 'Account security',
    text: 'The recovery phone is an institution-owned device held by the administrator; any recovery e-mail is institutional.',
    source: 'Congreso 6.2.3; MITIC 6.1.1.I',
    how: 'flags',
    short: {
      es: 'El teléfono de recuperación es institucional y lo tiene el administrador; el correo de recuperación es institucional.',
      en: 'The recovery phone is institution-owned and held by the administrator; the recovery e-mail is institutional.',
    },
  },
  {
    id: 'SEC-4',
    section: 'Account security',
    text: "Each profile's platform verification is requested.",
    source: 'MITIC 6.1.1.I, 6.1.2, 6.1.6',
    how: 'flags (advice)',
    short: { es: 'Se solicita la verificación de cada perfil en su plataforma.', en: "Each profile's platform verification is requested." },
  },
  {
    id: 'ROLE-1',
    section: 'People and roles',
    text: 'On platforms with page roles (Facebook and alike), the administrator role belongs only to the office head, the account administrator and one designated backup administrator.',
    source: 'Congreso 6.1.4, 6.1.6',
    how: 'blocks the assignment',
    short: {
      es: 'El rol de administrador de la página es solo del Jefe, del Administrador de Cuentas y de un respaldo designado.',
      en: 'The page administrator role belongs only to the head, the account administrator and one designated backup.',
    },
  },
  {
    id: 'ROLE-2',
    section: 'People and roles',
    text: 'The working team gets editor, analyst or lower roles, as the head decides.',
    source: 'Congreso 6.1.5',
    how: 'blocks admin-level roles for team members',
    short: { es: 'El equipo recibe roles de editor, analista o menores.', en: 'The team gets editor, analyst or lower roles.' },
  },
  {
    id: 'ROLE-3',
    section: 'People and roles',
    text: 'The account administrator (and backup) is permanent staff ("plazo indeterminado"); no one outside the institution is ever an administrator.',
    source: 'Congreso 5.1.2, 6.1.3, 6.1.6; MITIC 6.1.1.II',
    how: 'blocks',
    short: {
      es: 'El administrador (y su respaldo) es personal a plazo indeterminado de la institución.',
      en: 'The administrator (and backup) is permanent staff of the institution.',
    },
  },
  {
    id: 'ROLE-4',
    section: 'People and roles',
    text: 'A community manager who is not direct staff (outsourced, volunteer, intern) needs a confidentiality agreement on file and an internal contact person.',
    source: 'MITIC 6.1.1.I, 6.1.1.II',
    how: 'blocks the assignment until recorded',
    short: {
      es: 'Un community manager externo necesita acuerdo de confidencialidad y un contacto interno.',
      en: 'An outside community manager needs a confidentiality agreement and an internal contact.',
    },
  },
  {
    id: 'ROLE-5',
    section: 'People and roles',
    text: 'No shared accounts: where a platform supports several users, each person uses their own.',
    source: 'MITIC 6.1.1.III, 6.1.6',
    how: 'flags',
    short: { es: 'Sin cuentas compartidas: cada persona usa su propio usuario.', en: 'No shared accounts: each person uses their own user.' },
  },
  {
    id: 'LIFE-1',
    section: 'Lifecycle (alta, modificación, baja)',
    text: 'A new account needs a written justification (technical report, posting plan, indicators, authorized users and roles) approved by the head.',
    source: 'Congreso 6.1.2; MITIC 6.1.1.I, Formulario A',
    how: 'blocks activation',
    short: {
      es: 'Una cuenta nueva necesita una justificación escrita aprobada por el Jefe.',
      en: 'A new account needs a written justification approved by the head.',
    },
  },
  {
    id: 'LIFE-2',
    section: 'Lifecycle (alta, modificación, baja)',
    text: 'A support account (campaign, programme, sub-unit) has a start and an end date; past the end it is decommissioned.',
    source: 'MITIC 4, 6.1.2',
    how: 'flags',
    short: {
      es: 'Una cuenta de apoyo tiene fecha de inicio y de fin; pasado el fin se da de baja.',
      en: 'A support account has a start and an end date; past the end it is decommissioned.',
    },
  },
  {
    id: 'LIFE-3',
    section: 'Lifecycle (alta, modificación, baja)',
    text: 'Decommissioning archives the profile, changes its password first and keeps its information.',
    source: 'MITIC 6.1.4',
    how: 'the baja workflow',
    short: {
      es: 'La baja archiva el perfil, cambia antes su contraseña y conserva su información.',
      en: 'Decommissioning archives the profile, changes its password first and keeps its information.',
    },
  },
  {
    id: 'LIFE-4',
    section: 'Lifecycle (alta, modificación, baja)',
    text: "Every creation, modification and decommission of a profile (Formulario A) or of an authorized user (Formulario B) is recorded with the head's authorization and can be printed for signature.",
    source: 'MITIC Anexo II',
    how: 'workflow + PDF',
    short: {
      es: 'Cada alta, modificación y baja queda registrada con la autorización del Jefe y se puede imprimir.',
      en: "Every creation, modification and decommission is recorded with the head's authorization and can be printed.",
    },
  },
  {
    id: 'HAND-1',
    section: 'Handover and departures',
    text: 'When the account administrator is replaced, the outgoing one hands over the credentials and the 2FA methods; the incoming one changes every password, assigns roles anew, closes all open sessions, and updates the linked e-mail and phone.',
    source: 'MITIC 6.1.1.III',
    how: 'handover checklist, completed and co-signed',
    short: {
      es: 'En el relevo del administrador, el entrante cambia todas las contraseñas, roles, sesiones, correo y teléfono.',
      en: 'At a handover, the incoming administrator changes every password, role, session, e-mail and phone.',
    },
  },
  {
    id: 'HAND-2',
    section: 'Handover and departures',
    text: 'When an administrator or community manager leaves, their user is removed from every institutional account.',
    source: 'MITIC 6.1.1.III',
    how: 'offboarding checklist',
    short: { es: 'Quien se va pierde su usuario en cada cuenta institucional.', en: 'Whoever leaves loses their user on every institutional account.' },
  },
  {
    id: 'HAND-3',
    section: 'Handover and departures',
    text: 'Every credential version that a departing person could have seen is rotated.',
    source: 'follows from Congreso 6.1.3 and 6.2.6',
    how: 'exposure list drives the rotations',
    short: { es: 'Se cambia toda contraseña que pudo ver quien se va.', en: 'Every password a departing person could have seen is rotated.' },
  },
  {
    id: 'SUP-1',
    section: 'Supervision',
    text: 'The head and the administrator constantly supervise roles, permissions and security mechanisms.',
    source: 'Congreso 6.2.8',
    how: 'compliance view, monthly report',
    short: {
      es: 'El Jefe y el administrador supervisan roles, permisos y mecanismos de seguridad.',
      en: 'The head and the administrator supervise roles, permissions and security mechanisms.',
    },
  },
  {
    id: 'SUP-2',
    section: 'Supervision',
    text: 'Security incidents are recorded, reported and acted upon at once (rotation, session closing).',
    source: 'MITIC 6.1.1.III, 6.1.6',
    how: 'incident log',
    short: {
      es: 'Los incidentes de seguridad se registran, se informan y se atienden de inmediato.',
      en: 'Security incidents are recorded, reported and acted upon at once.',
    },
  },
  {
    id: 'SUP-3',
    section: 'Supervision',
    text: 'Indicator: share of credential changes that were authorized, monthly (the INPE indicator, applied to credential changes).',
    source: 'INPE 7',
    how: 'monthly report',
    short: {
      es: 'Indicador mensual: proporción de cambios de credenciales autorizados.',
      en: 'Monthly indicator: share of credential changes that were authorized.',
    },
  },
  {
    id: 'SUP-4',
    section: 'Supervision',
    text: 'The official profiles of the institution are listed in one register; profiles not in it are not official.',
    source: 'INPE 8.1, 8.2, 8.12',
    how: 'account registry',
    short: {
      es: 'Los perfiles oficiales constan en un único registro; los demás no son oficiales.',
      en: 'Official profiles are listed in one register; others are not official.',
    },
  },
] as const satisfies readonly Rule[];

/** A rule id of the catalogue: the only ids an error, a finding or a report may cite. */
export type RuleId = (typeof RULES)[number]['id'];

/** Every id, in the catalogue's order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

export const isRuleId = (value: string): value is RuleId => (RULE_IDS as readonly string[]).includes(value);

/** A few ids of the catalogue, checked: `RuleSubset<'SEC-1' | 'SEC-3'>` fails to compile on an id not listed above. */
export type RuleSubset<T extends RuleId> = T;
