import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { accountInput, type AccountInput, type AccountSummary } from '../../../shared/accounts';
import { ACCOUNT_KINDS } from '../../../shared/domain';
import { PLATFORMS } from '../../../shared/platforms';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { platformLabel } from '../format';

/** Zod's own messages are English sentences; the form shows our translated ones instead. */
const message = (error: FieldError | undefined) => (error ? (error.type === 'too_small' ? 'form.required' : 'form.invalid') : undefined);

const TEXT_FIELDS = ['displayName', 'handle', 'altHandle', 'profileUrl', 'loginIdentifier'] as const;

export function RegisterAccount({ onRegistered, onCancel }: { onRegistered: (accountId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [mailboxes, setMailboxes] = useState<AccountSummary[]>([]);
  const { register, handleSubmit, control, formState } = useForm<AccountInput>({
    resolver: zodResolver(accountInput),
    defaultValues: { platform: 'facebook', kind: 'principal', displayName: '' },
  });
  const kind = useWatch({ control, name: 'kind' });

  useEffect(() => {
    void call(api().accounts.list({})).then((all) => setMailboxes(all.filter((a) => a.kind === 'linked_email')), () => setMailboxes([]));
  }, []);

  const submit = handleSubmit(async (values) => {
    setRefusal(null);
    const cleaned = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as AccountInput;
    try {
      onRegistered((await call(api().accounts.register({ account: cleaned }))).accountId);
    } catch (e) {
      setRefusal(asAppError(e));
    }
  });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      <h1>{t('register.title')}</h1>
      <div className="row">
        <Field label={t('register.platform')}>
          {({ id }) => (
            <select id={id} {...register('platform')}>
              {PLATFORMS.map((p) => (
                <option key={p.id} value={p.id}>
                  {platformLabel(p.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.kind')}>
          {({ id }) => (
            <select id={id} {...register('kind')}>
              {ACCOUNT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {TEXT_FIELDS.map((name) => (
        <Field key={name} label={t(`register.${name}`)} error={message(formState.errors[name])}>
          {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(name)} />}
        </Field>
      ))}
      {kind !== 'linked_email' ? (
        <Field label={t('register.linkedEmail')}>
          {({ id }) => (
            <select id={id} {...register('linkedEmailAccountId', { setValueAs: (v: string) => v || undefined })}>
              <option value="">{t('register.none')}</option>
              {mailboxes.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === 'support' ? (
        <div className="row">
          <Field label={t('register.supportStart')}>{({ id }) => <input id={id} type="date" {...register('supportStart', { setValueAs: (v: string) => v || undefined })} />}</Field>
          <Field label={t('register.supportEnd')}>{({ id }) => <input id={id} type="date" {...register('supportEnd', { setValueAs: (v: string) => v || undefined })} />}</Field>
        </div>
      ) : null}
      <Field label={t('register.notes')}>{({ id }) => <textarea id={id} {...register('notes')} />}</Field>
      <ErrorNotice error={refusal} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('register.cancel')}
        </button>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('register.submit')}
        </button>
      </div>
    </form>
  );
}
