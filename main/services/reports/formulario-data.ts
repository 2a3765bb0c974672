import type { SettingChange } from '../../../shared/accounts';
import type { FormularioA } from '../../../shared/lifecycle';
import { platformById } from '../../../shared/platforms';
import { formularioOf } from '../../../shared/reports';
import type { StaffProfile } from '../../../shared/staff';
import { isExpired } from '../../domain/cosign';
import { CustodiaError } from '../../domain/errors';
import type { Db } from '../../vault/db';
import { findAccount } from '../../vault/repositories/accounts';
import { findLifecycle } from '../../vault/repositories/account-lifecycle';
import { listDevices } from '../../vault/repositories/devices';
import type { ChangeRequestRow } from '../../vault/repositories/change-requests';
import { findPerson } from '../../vault/repositories/people';
import { findGrant, liveGrants } from '../../vault/repositories/platform-roles';
import { keyholderLinks, staffProfileOf } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { accountCreate } from '../cosign/kinds/account-create';
import { accountDecommission } from '../cosign/kinds/account-decommission';
import { accountDataChanges, accountModify } from '../cosign/kinds/account-modify';
import { personDepart } from '../cosign/kinds/person-depart';
import { personRegister } from '../cosign/kinds/person-register';
import { personUpdate, profileChanges } from '../cosign/kinds/person-update';
import { roleGrant } from '../cosign/kinds/role-grant';
import { roleRevoke } from '../cosign/kinds/role-revoke';
import { keyholderRefs } from '../distribution/people';
import type { RowRef } from '../integrity/integrity';
import type { FormularioData, FormularioParty } from './formularios';
import { ACCOUNT_KIND_ES, fieldEs, FUNCTION_ES, LINK_ES, roleEs } from './words-es';

export interface FormularioContext {
  /** Every row the form reads, for the caller to check against the signed log before printing. */
  refs: RowRef[];
  db: Db;
  s: Sodium;
  key: Uint8Array;
  cosign: Pick<CosignService, 'payloadOf'>;
  now: string;
  institution: FormularioData['institution'];
}

type Body = Pick<FormularioData, 'description' | 'fields' | 'justification' | 'users'>;

/**
 * What a request's Formulario states (LIFE-4), read from its sealed, digested payload (what was
 * signed) and, for what the payload does not carry (a baja's account, a departure's record), from
 * the records as they stand. The caller checked the request row against the signed log.
 */
export function formularioData(ctx: FormularioContext, row: ChangeRequestRow): FormularioData {
  const kind = formularioOf(row.kind);
  if (!kind) throw new CustodiaError('FORM_NOT_APPLICABLE', { kind: row.kind }, 'LIFE-4');
  const { db, s, key } = ctx;
  const refs = keyholderRefs(db, s, key);
  const links = keyholderLinks(db).byKeyholder;
  const party = (keyholderId: string): FormularioParty => {
    const personId = links.get(keyholderId);
    if (personId) ctx.refs.push(['keyholder_people', keyholderId]);
    const person = personId ? personOf(ctx, personId) : undefined;
    return {
      name: person?.name ?? refs.get(keyholderId)?.name ?? '—',
      documentId: personId ? (profileOf(ctx, personId)?.documentId ?? null) : null,
    };
  };
  const body = kind.form === 'A' ? formA(ctx, row) : formB(ctx, row);
  const approved = row.status === 'approved' && row.decidedBy !== null && row.decidedAt !== null;
  return {
    ...kind,
    ...body,
    institution: ctx.institution,
    requestId: row.id,
    proposedBy: party(row.proposedBy).name,
    proposedAt: row.proposedAt,
    draft: approved ? null : row.status === 'rejected' ? 'rejected' : isExpired(row.expiresAt, ctx.now) ? 'expired' : 'pending',
    authorization: approved ? { ...party(row.decidedBy!), at: row.decidedAt! } : null,
    generatedAt: ctx.now,
  };
}

/** The reads of the records, each row remembered for the check against the log. */
function accountOf(ctx: FormularioContext, id: string) {
  const a = findAccount(ctx.db, ctx.s, ctx.key, id);
  if (a) ctx.refs.push(['accounts', id]);
  return a;
}
function personOf(ctx: FormularioContext, id: string) {
  const p = findPerson(ctx.db, ctx.s, ctx.key, id);
  if (p) ctx.refs.push(['people', id]);
  return p;
}
function profileOf(ctx: FormularioContext, id: string) {
  const p = staffProfileOf(ctx.db, ctx.s, ctx.key, id);
  if (p) ctx.refs.push(['staff', id]);
  return p;
}
const personName = (ctx: FormularioContext, personId: string): string => personOf(ctx, personId)?.name ?? '—';
const platformLabel = (id: string): string => platformById(id)?.label ?? id;
const withNote = (lines: string[], note: string | null): string[] => (note ? [...lines, `Motivo: «${note}»`] : lines);

/** One changed field as the form reads it: names, never ids. */
function changeLine(ctx: FormularioContext, c: SettingChange): string {
  const word = (v: SettingChange['from'], field: string): string => {
    if (v === null || v === '') return '(vacío)';
    if (field === 'linkedEmailAccountId') return accountLabel(ctx, String(v));
    if (field === 'recoveryDevice') return deviceLabel(ctx, String(v));
    if (field === 'kind') return ACCOUNT_KIND_ES[v as keyof typeof ACCOUNT_KIND_ES] ?? String(v);
    if (field === 'form.authorizedUsers')
      return String(v)
        .split(', ')
        .map((pair) => `${personName(ctx, pair.split(':')[0]!)} (${roleEs(pair.split(':')[1] ?? '')})`)
        .join(', ');
    return String(v);
  };
  return `${fieldEs(c.setting)}: de «${word(c.from, c.setting)}» a «${word(c.to, c.setting)}»`;
}

function deviceLabel(ctx: FormularioContext, deviceId: string): string {
  const d = listDevices(ctx.db, ctx.s, ctx.key).find((x) => x.id === deviceId);
  if (d) ctx.refs.push(['devices', d.id]);
  return d ? `${d.label} (${d.number})` : '—';
}

function accountLabel(ctx: FormularioContext, accountId: string): string {
  const a = accountOf(ctx, accountId);
  return a ? (a.loginIdentifier ?? a.displayName) : '—';
}

interface AccountShape {
  platform: string;
  kind: keyof typeof ACCOUNT_KIND_ES;
  displayName: string;
  handle?: string | null | undefined;
  altHandle?: string | null | undefined;
  profileUrl?: string | null | undefined;
  linkedEmailAccountId?: string | null | undefined;
  loginIdentifier?: string | null | undefined;
  supportStart?: string | null | undefined;
  supportEnd?: string | null | undefined;
}

function accountBody(ctx: FormularioContext, a: AccountShape, form: FormularioA | null, description: string[]): Body {
  const dates = a.kind === 'support' ? ` — del ${a.supportStart ?? '…'} al ${a.supportEnd ?? '…'}` : '';
  const linked = a.kind === 'linked_email' ? (a.loginIdentifier ?? a.displayName) : a.linkedEmailAccountId ? accountLabel(ctx, a.linkedEmailAccountId) : null;
  return {
    description,
    fields: [
      ['Descripción de la cuenta:', form?.description ?? null],
      ['Nombre del perfil:', a.handle ? `${a.displayName} (${a.handle})` : a.displayName],
      ['Nombre del perfil: (alternativa)', a.altHandle ?? null],
      ['Cuenta de correo institucional asociada al perfil (solo institucional)', linked],
      ['Nombre de la Red Social:', platformLabel(a.platform)],
      ['Objetivo:', form?.objective ?? null],
      [
        'Otros datos:',
        [`Tipo de cuenta: ${ACCOUNT_KIND_ES[a.kind]}${dates}`, a.profileUrl ? `Dirección: ${a.profileUrl}` : null, form?.otherData ?? null]
          .filter(Boolean)
          .join('\n'),
      ],
    ],
    justification: [
      ['Plan de publicaciones (resumen):', form?.postingPlan ?? null],
      ['Indicadores:', form?.indicators ?? null],
    ],
    users: (form?.authorizedUsers ?? []).map((u) => ({ who: personName(ctx, u.personId), role: roleEs(u.role) })),
  };
}

function formA(ctx: FormularioContext, row: ChangeRequestRow): Body {
  const { db, s, key, cosign } = ctx;
  if (row.kind === 'account.create') {
    const p = cosign.payloadOf(accountCreate, row);
    return accountBody(ctx, p.account, p.form, withNote([`Alta del perfil en ${platformLabel(p.account.platform)} (LIFE-1).`], p.note));
  }
  const account = accountOf(ctx, row.accountId ?? '');
  if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN', undefined, 'LIFE-4');
  if (row.kind === 'account.modify') {
    const p = cosign.payloadOf(accountModify, row);
    const changes = accountDataChanges(p).map((c) => changeLine(ctx, c));
    return accountBody(
      ctx,
      { ...p.account, platform: account.platform },
      p.form ?? p.from.form,
      withNote(['Modificación de los datos del perfil:', ...changes], p.note),
    );
  }
  const p = cosign.payloadOf(accountDecommission, row);
  const lifecycle = findLifecycle(db, s, key, account.id);
  if (lifecycle) ctx.refs.push(['account_lifecycle', account.id]);
  const form = lifecycle?.form ?? null;
  return accountBody(ctx, account, form, withNote(['Baja del perfil: se cambia su contraseña y se archiva con toda su información (LIFE-3).'], p.note));
}

function profileFields(name: string, email: string, profile: StaffProfile | null): Body['fields'] {
  return [
    ['Nombre y Apellido', profile ? `${profile.names} ${profile.surnames}` : name],
    ['CI', profile?.documentId ?? null],
    ['Dependencia', profile?.dependency ?? null],
    ['Tipo vínculo (nombrado, contratado, comisionado, pasante, etc.)', profile ? LINK_ES[profile.link] : null],
    ['Institución de origen (si aplica)', profile?.linkDetail ?? null],
    ['Correo electrónico institucional', profile?.email ?? email],
    ['Celular', profile?.mobile ?? null],
  ];
}

function formB(ctx: FormularioContext, row: ChangeRequestRow): Body {
  const { db, cosign } = ctx;
  const current = (personId: string) => ({ person: personOf(ctx, personId), profile: profileOf(ctx, personId) });
  let personId: string;
  let fields: Body['fields'];
  let profile: StaffProfile | null;
  let description: string[];
  if (row.kind === 'person.register') {
    const p = cosign.payloadOf(personRegister, row);
    ({ personId, profile } = p);
    fields = profileFields(p.name, p.email, p.profile);
    description = withNote(['Alta del usuario autorizado (LIFE-4).'], p.note);
  } else if (row.kind === 'person.update') {
    const p = cosign.payloadOf(personUpdate, row);
    ({ personId, profile } = p);
    fields = profileFields(p.name, p.email, p.profile);
    description = withNote(['Modificación de los datos del usuario:', ...profileChanges(p.from, p).map((c) => changeLine(ctx, c))], p.note);
  } else {
    const p =
      row.kind === 'person.depart'
        ? cosign.payloadOf(personDepart, row)
        : row.kind === 'role.grant'
          ? cosign.payloadOf(roleGrant, row)
          : cosign.payloadOf(roleRevoke, row);
    personId = p.personId;
    const now = current(personId);
    profile = now.profile;
    fields = profileFields(now.person?.name ?? '—', now.person?.email ?? '', profile);
    const account = row.accountId ? accountOf(ctx, row.accountId) : undefined;
    const where = account ? `${account.displayName} (${platformLabel(account.platform)})` : '—';
    const line =
      row.kind === 'person.depart'
        ? `Baja del usuario desde el ${'date' in p ? p.date : ''}: se le retiran los roles de todas las cuentas (HAND-2).`
        : row.kind === 'role.grant'
          ? `Alta del rol «${roleEs('role' in p ? p.role : '')}» en ${where} (ROLE-1 a ROLE-4).`
          : `Baja del rol «${roleEs(findGrant(db, 'grantId' in p ? p.grantId : '')?.role ?? '')}» en ${where}.`;
    description = withNote([line], p.note);
  }
  const grants = liveGrants(db, { personId });
  const users = grants.map((g) => {
    ctx.refs.push(['platform_roles', g.id]);
    const a = accountOf(ctx, g.accountId);
    return { who: a ? `${a.displayName} (${platformLabel(a.platform)})` : '—', role: roleEs(g.role) };
  });
  return {
    description,
    fields: [
      ...fields,
      ['Perfil y cuentas autorizadas', [profile ? FUNCTION_ES[profile.function] : null, ...users.map((u) => u.who)].filter(Boolean).join('\n') || null],
      ['Roles', users.map((u) => `${u.who}: ${u.role}`).join('\n') || null],
      ['Otros datos:', profile?.agreement ? `Acuerdo de confidencialidad ${profile.agreement.reference} del ${profile.agreement.date}` : null],
    ],
    justification: [],
    users,
  };
}
