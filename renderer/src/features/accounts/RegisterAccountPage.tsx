import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { altaRequest, type AltaRequest } from '../../../../shared/lifecycle';
import type { z } from 'zod';
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
import { FormularioAFields } from '../lifecycle/FormularioAFields';

const TEXT_FIELDS = ['displayName', 'handle', 'altHandle', 'profileUrl', 'loginIdentifier'] as const;
type ParsedAlta = z.output<typeof altaRequest>;

/**
 * The alta of an official account (LIFE-1): its data, its Formulario A and optionally its first
 * password, checked against the shared contract here and against the vault (SEC-2, LIFE-2, POL-1..3)
 * in main. The account stays «en trámite» until the Jefe de la Oficina authorizes the request.
 */
export function RegisterAccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { may } = usePermissions();
  const timeZone = useVaultSession().home.institution.timeZone;
  const { register, handleSubmit, control, formState } = useForm<AltaRequest, unknown, ParsedAlta>({
    resolver: zodResolver(altaRequest),
    defaultValues: {
      account: { platform: 'facebook', kind: 'principal', displayName: '' },
      form: { description: '', objective: '', postingPlan: '', indicators: '', authorizedUsers: [] },
    },
  });
  const kind = useWatch({ control, name: 'account.kind' });
  const platform = useWatch({ control, name: 'account.platform' });
  // Mailboxes a new account may name as its linked e-mail; without them the choice is just "none".
  const loadMailboxes = useCallback(async () => (await call(api().accounts.list({}))).filter((a) => a.kind === 'linked_email'), []);
  const mailboxes = useLoad(loadMailboxes).data ?? [];
  const save = useAction((alta: ParsedAlta) => call(api().accounts.register(alta)));

  const submit = handleSubmit(async (values) => {
    const account = Object.fromEntries(Object.entries(values.account).filter(([, v]) => v !== '' && v !== undefined)) as ParsedAlta['account'];
    const saved = await save.run({ ...values, account, ...(values.secret ? {} : { secret: undefined }) });
    // The form is done with: back goes to the register, not to a filled-in form.
    if (saved.ok) navigate(paths.account(saved.value.accountId), { replace: true });
  });

  if (!may('account.register')) return <RoleNote action="account.register" what={t('lifecycle.alta.title')} />;
  return (
    <form className="panel" onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      <h1>{t('lifecycle.alta.title')}</h1>
      <p className="hint">{t('lifecycle.alta.intro')}</p>
      <div className="row">
        <Field label={t('register.platform')}>
          {({ id }) => (
            <SelectInput id={id} {...register('account.platform')}>
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
            <SelectInput id={id} {...register('account.kind')}>
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
        <Field key={name} label={t(`register.${name}`)} error={formState.errors.account?.[name]}>
          {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(`account.${name}`)} />}
        </Field>
      ))}
      {kind !== 'linked_email' ? (
        <Field label={t('register.linkedEmail')}>
          {({ id }) => (
            <SelectInput id={id} {...register('account.linkedEmailAccountId', { setValueAs: (v: string) => v || undefined })}>
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
          {(['account.supportStart', 'account.supportEnd'] as const).map((name) => (
            <Controller
              key={name}
              control={control}
              name={name}
              render={({ field, fieldState }) => (
                <DateField
                  label={t(name === 'account.supportStart' ? 'register.supportStart' : 'register.supportEnd')}
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
      <Field label={t('register.notes')}>{({ id }) => <TextArea id={id} {...register('account.notes')} />}</Field>
      <FormularioAFields register={register} control={control} errors={formState.errors} platform={platform} />
      <Field label={t('lifecycle.alta.password')} hint={t('lifecycle.alta.passwordHint')}>
        {({ id, describedBy }) => (
          <TextInput
            id={id}
            type="password"
            autoComplete="new-password"
            aria-describedby={describedBy}
            {...register('secret', { setValueAs: (v: string) => v || undefined })}
          />
        )}
      </Field>
      <ErrorNotice error={save.refusal} />
      <div className="actions">
        <button type="button" onClick={() => navigate(paths.accounts)}>
          {t('register.cancel')}
        </button>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('lifecycle.alta.submit')}
        </button>
      </div>
    </form>
  );
}
