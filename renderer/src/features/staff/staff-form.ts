import { z } from 'zod';
import {
  DIRECT_LINKS,
  LINK_DETAIL_REQUIRED,
  LINK_KINDS,
  STAFF_FUNCTIONS,
  staffProfile,
  staffRegisterRequest,
  type StaffDetail,
} from '../../../../shared/staff';

/** Formulario B as the form holds it: every control a string, until the link says which fields count. */
export interface StaffFormValues {
  profile: {
    names: string;
    surnames: string;
    documentId: string;
    dependency: string;
    link: string;
    linkDetail: string;
    email: string;
    mobile: string;
    function: string;
    agreement: { date: string; reference: string };
    internalContactId: string;
    startDate: string;
  };
  note: string;
}

/** The institution of origin (comisionado) or the company (tercerizado). */
export const needsDetail = (link: string) => (LINK_DETAIL_REQUIRED as readonly string[]).includes(link);
/** ROLE-4: the agreement and the internal contact, for anyone not directly employed. */
export const needsAgreement = (link: string) => link !== '' && !(DIRECT_LINKS as readonly string[]).includes(link);

const typed = z.string();
const asTyped = z
  .object({
    profile: z.object({
      names: typed,
      surnames: typed,
      documentId: typed,
      dependency: typed,
      link: typed,
      linkDetail: typed,
      email: typed,
      mobile: typed,
      function: typed,
      agreement: z.object({ date: typed, reference: typed }),
      internalContactId: typed,
      startDate: typed,
    }),
    note: typed,
  })
  // Fields the chosen link hides do not count: a detail typed under «tercerizado», then «nombrado», is dropped.
  .transform(({ profile: { linkDetail, ...p }, note }) => ({
    profile: {
      ...p,
      ...(needsDetail(p.link) ? { linkDetail } : {}),
      agreement: needsAgreement(p.link) && (p.agreement.date !== '' || p.agreement.reference.trim() !== '') ? p.agreement : null,
      internalContactId: needsAgreement(p.link) && p.internalContactId !== '' ? p.internalContactId : null,
    },
    ...(note === '' ? {} : { note }),
  }));

/** The contract's own Formulario B (shared/staff.ts), with a blank choice read as «obligatorio». */
export const staffForm = asTyped.pipe(
  z.object({
    profile: staffProfile.extend({
      link: z.string().pipe(z.enum(LINK_KINDS, { error: 'required' })),
      function: z.string().pipe(z.enum(STAFF_FUNCTIONS, { error: 'required' })),
    }),
    note: staffRegisterRequest.shape.note,
  }),
);
export type StaffFormOutput = z.output<typeof staffForm>;

const blank = { date: '', reference: '' };

/** A new person's form, or the record of one known so far by name and e-mail (names split at the first space). */
export function emptyForm(startDate: string, known?: { name: string; email: string }): StaffFormValues {
  const [names = '', ...surnames] = (known?.name ?? '').trim().split(/\s+/);
  return {
    profile: {
      names,
      surnames: surnames.join(' '),
      documentId: '',
      dependency: '',
      link: '',
      linkDetail: '',
      email: known?.email ?? '',
      mobile: '',
      function: '',
      agreement: blank,
      internalContactId: '',
      startDate,
    },
    note: '',
  };
}

/** A registered person's Formulario B as the form edits it. */
export function formOf(profile: NonNullable<StaffDetail['profile']>): StaffFormValues {
  return {
    profile: {
      ...profile,
      linkDetail: profile.linkDetail ?? '',
      agreement: profile.agreement ?? blank,
      internalContactId: profile.internalContactId ?? '',
    },
    note: '',
  };
}
