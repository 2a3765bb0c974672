import { z } from 'zod';
import { KEYHOLDER_ROLES, PASSPHRASE_MIN_LENGTH, type KeyholderRole } from '../../../../shared/domain';
import { kitEnrolRequest, type RecoveryState } from '../../../../shared/kit';

/** A new keyholder in recovery mode: a person of the registry (ROLE-3) or a typed name, a role, the passphrase twice. */
export const enrolFormSchema = z
  .object({
    personId: z.string(),
    name: z.string(),
    role: z.enum(KEYHOLDER_ROLES),
    passphrase: z.string().refine((p) => [...p.normalize('NFC')].length >= PASSPHRASE_MIN_LENGTH, 'form.passphraseShort'),
    confirm: z.string(),
  })
  .refine((v) => v.personId !== '' || kitEnrolRequest.shape.name.safeParse(v.name).success, { message: 'form.required', path: ['name'] })
  .refine((v) => v.passphrase === v.confirm, { message: 'form.mismatch', path: ['confirm'] });

export type EnrolFormValues = z.input<typeof enrolFormSchema>;

export const enrolDefaults = (role: KeyholderRole = 'head'): EnrolFormValues => ({ personId: '', name: '', role, passphrase: '', confirm: '' });

/** The request: a person of the registry is named by main from the registry; a typed name is sent as typed. */
export function toEnrolRequest(v: EnrolFormValues, state: RecoveryState): z.input<typeof kitEnrolRequest> {
  const person = state.candidates.find((c) => c.personId === v.personId);
  return { personId: person ? person.personId : null, name: person ? person.name : v.name, role: v.role, passphrase: v.passphrase, confirm: v.confirm };
}
