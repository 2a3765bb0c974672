import { z } from 'zod';
import { institutionInput, type CreateVaultRequest } from '../../../../shared/contract';
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_TIME_ZONE, PASSPHRASE_MIN_LENGTH } from '../../../../shared/domain';

/** The ceremony's form: the shared contract plus what only a form has (confirmation, toggles). Messages are i18n keys. */
const holder = z
  .object({
    name: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
    passphrase: z.string().refine((p) => [...p.normalize('NFC')].length >= PASSPHRASE_MIN_LENGTH, 'form.passphraseShort'),
    confirm: z.string(),
  })
  .refine((h) => h.passphrase === h.confirm, { message: 'form.mismatch', path: ['confirm'] });

const blankHolder = z.object({ name: z.string(), passphrase: z.string(), confirm: z.string() });

export const splitDomains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

export const createVaultForm = z
  .object({
    name: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
    acronym: z.string().trim().min(1, 'form.required').max(30, 'form.tooLong'),
    domains: z.string().refine((text) => institutionInput.shape.emailDomains.safeParse(splitDomains(text)).success, 'form.domain'),
    timeZone: z.string().min(1, 'form.required'),
    idleLockMinutes: z.number({ message: 'form.number' }).int('form.number').min(1, 'form.number').max(60, 'form.number'),
    administrator: holder,
    head: holder,
    withBackup: z.boolean(),
    backup: blankHolder,
  })
  .superRefine((values, ctx) => {
    if (!values.withBackup) return;
    const result = holder.safeParse(values.backup);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['backup', ...issue.path] });
  });

export type CreateVaultValues = z.input<typeof createVaultForm>;

const emptyHolder = { name: '', passphrase: '', confirm: '' };

export const createVaultDefaults: CreateVaultValues = {
  name: '',
  acronym: '',
  domains: '',
  timeZone: DEFAULT_TIME_ZONE,
  idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
  administrator: emptyHolder,
  head: emptyHolder,
  withBackup: false,
  backup: emptyHolder,
};

export function toCreateRequest(v: CreateVaultValues): CreateVaultRequest {
  const holderOf = (role: 'administrator' | 'head' | 'backup_administrator', h: { name: string; passphrase: string }) => ({
    role,
    name: h.name.trim(),
    passphrase: h.passphrase,
  });
  return {
    institution: {
      name: v.name.trim(),
      acronym: v.acronym.trim(),
      emailDomains: splitDomains(v.domains),
      timeZone: v.timeZone,
      idleLockMinutes: v.idleLockMinutes,
    },
    keyholders: [holderOf('administrator', v.administrator), holderOf('head', v.head), ...(v.withBackup ? [holderOf('backup_administrator', v.backup)] : [])],
  };
}

export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(DEFAULT_TIME_ZONE) ? zones : [DEFAULT_TIME_ZONE, ...zones];
}
