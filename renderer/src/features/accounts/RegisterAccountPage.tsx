import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { accountInput, type AccountInput, type ParsedAccountInput } from '../../../../shared/accounts';
import { ACCOUNT_KINDS } from '../../../../shared/domain';
import { PLATFORMS } from '../../../../shared/platforms';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { platformLabel } from '../../ui/format';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';

const TEXT_FIELDS = ['displayName', 'handle', 'altHandle', 'profileUrl', 'loginIdentifier'] as const;

/** Registering an official account, checked against the shared contract here and against the vault (SEC-2, LIFE-2) in main. */
export function RegisterAccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { may } = usePermissions();
  const timeZone = useVaultSession().home.institution.timeZone;
  const { register, handleSubmit, control, formState } = useForm<AccountInput, unknown, ParsedAccountInput>({
    resolver: zodResolver(accountInput),
    defaultValues: { platform: 'facebook', kind: 'principal', displayName: '' },
  });
  const kind = useWatch({ control, name: 'kind' });
  // Mailboxes a new account may name as its linked e-mail; without them the choice is just "none".
  const loadMailboxes = useCallback(async () => (await call(api().accounts.list({}))).filter((a) => a.kind === 'linked_email'), []);
  const mailboxes = useLoad(loadMailboxes).data ?? [];
  const save = useAction((account: ParsedAccountInput) => call(api().accounts.register({ account })));

  const submit = handleSubmit(async (values) => {
    const cleaned = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as ParsedAccountInput;
    const saved = await save.run(cleaned);
    // The form is done with: back goes to the register, not to a filled-in form.
    if (saved.ok) navigate(paths.account(saved.value.accountId), { replace: true });
  });

  if (!may('account.register')) return <RoleNote action="account.register" what={t('register.title')} />;
  return (
    <form className="panel" onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      <h1>{t('register.title')}</h1>
      <div className="row">
        <Field label={t('register.platform')}>
          {({ id }) => (
            <SelectInput id={id} {...register('platform')}>
              {PLATFORMS.map((p) => (
                <option key={p.id} value={p.id}>
                  {platformLabel(p.id)}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
        <Field label={t('register.kind')}>
          {({ id }) => (
            <SelectInput id={id} {...register('kind')}>
              {ACCOUNT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
      </div>
      {TEXT_FIELDS.map((name) => (
        <Field key={name} label={t(`register.${name}`)} error={formState.errors[name]}>
          {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(name)} />}
        </Field>
      ))}
      {kind !== 'linked_email' ? (
        <Field label={t('register.linkedEmail')}>
          {({ id }) => (
            <SelectInput id={id} {...register('linkedEmailAccountId', { setValueAs: (v: string) => v || undefined })}>
              <option value="">{t('register.none')}</option>
              {mailboxes.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
      ) : null}
      {kind === 'support' ? (
        <div className="row">
          {(['supportStart', 'supportEnd'] as const).map((name) => (
            <Controller
              key={name}
              control={control}
              name={name}
              render={({ field, fieldState }) => (
                <DateField
                  label={t(`register.${name}`)}
                  value={field.value ?? ''}
                  onChange={(v) => field.onChange(v || undefined)}
                  timeZone={timeZone}
                  invalid={fieldState.invalid}
                />
              )}
            />
          ))}
        </div>
      ) : null}
      <Field label={t('register.notes')}>{({ id }) => <TextArea id={id} {...register('notes')} />}</Field>
      <ErrorNotice error={save.refusal} />
      <div className="actions">
        <button type="button" onClick={() => navigate(paths.accounts)}>
          {t('register.cancel')}
        </button>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('register.submit')}
        </button>
      </div>
    </form>
  );
}
