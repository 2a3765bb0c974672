import { z } from 'zod';
import { KEYHOLDER_ROLES, PASSPHRASE_MIN_LENGTH } from '../../../../shared/domain';

/**
 * The keyholder forms (HAND-1): the shared requests (shared/keyholders.ts) plus what only a form
 * checks before the KDF runs (length, the two copies equal). Messages are i18n keys; strength and
 * everything else is main's to refuse, shown through <ErrorNotice>.
 */
const newPassphrase = z.string().refine((p) => [...p.normalize('NFC')].length >= PASSPHRASE_MIN_LENGTH, 'form.passphraseShort');
const note = z.string().max(500, 'form.tooLong');
const chosen = z.string().min(1, 'form.required');

export const changePassphraseForm = z
  .object({ current: z.string().min(1, 'form.required'), next: newPassphrase, confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: 'form.mismatch', path: ['confirm'] });
export type ChangePassphraseValues = z.input<typeof changePassphraseForm>;

export const enrolForm = z
  .object({
    role: z.union([z.enum(KEYHOLDER_ROLES), z.literal('')]).refine((r) => r !== '', 'form.required'),
    personId: chosen,
    passphrase: newPassphrase,
    confirm: z.string(),
    note,
  })
  .refine((v) => v.passphrase === v.confirm, { message: 'form.mismatch', path: ['confirm'] });
export type EnrolValues = z.input<typeof enrolForm>;

export const handoverStartForm = z
  .object({ outgoingId: chosen, personId: chosen, passphrase: newPassphrase, confirm: z.string(), note })
  .refine((v) => v.passphrase === v.confirm, { message: 'form.mismatch', path: ['confirm'] });
export type HandoverStartValues = z.input<typeof handoverStartForm>;

export const revokeForm = z.object({ keyholderId: chosen, note });
export type RevokeValues = z.input<typeof revokeForm>;

/** A note as the contract takes it: absent when blank. */
export const noteOf = (text: string): { note?: string } => (text.trim() ? { note: text.trim() } : {});
