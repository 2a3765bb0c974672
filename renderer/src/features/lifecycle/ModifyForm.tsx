import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AccountDetail } from '../../../../shared/accounts';
import { modifyRequest, type AccountLifecycle } from '../../../../shared/lifecycle';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import type { DeviceView } from '../../../../shared/two-step';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { FormularioAFields } from './FormularioAFields';

const changes = modifyRequest.omit({ accountId: true });
type Changes = z.input<typeof changes>;
const TEXT_FIELDS = ['displayName', 'handle', 'altHandle', 'profileUrl', 'loginIdentifier'] as const;
const orUndefined = (v: string | null) => v ?? undefined;

/** The office's phones, and the account's recovery phone in force (SEC-3). */
export interface Phones {
  devices: DeviceView[];
  current: string | null;
}

/** The modificación's form: every field prefilled with what is in force; main words the from → to for the head. */
export function ModifyForm({ account, life, phones }: { account: AccountDetail; life: AccountLifecycle; phones: Phones }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  // A profile registered without a Formulario A is regularized by adding one here (LIFE-1).
  const [withForm, setWithForm] = useState(life.form !== null);
  const { register, handleSubmit, control, formState } = useForm<Changes, unknown, z.output<typeof changes>>({
    resolver: zodResolver(changes),
    defaultValues: {
      account: {
        kind: account.kind,
        displayName: account.displayName,
        handle: orUndefined(account.handle),
        altHandle: orUndefined(account.altHandle),
        profileUrl: orUndefined(account.profileUrl),
        loginIdentifier: orUndefined(account.loginIdentifier),
        linkedEmailAccountId: account.linkedEmail?.id,
        supportStart: orUndefined(account.supportStart),
        supportEnd: orUndefined(account.supportEnd),
        notes: orUndefined(account.notes),
      },
      form: life.form
        ? { ...life.form, authorizedUsers: life.form.authorizedUsers.map((u) => ({ personId: u.personId, role: u.role })) }
        : { description: '', objective: '', postingPlan: '', indicators: '', authorizedUsers: [] },
      recoveryDeviceId: phones.current,
      note: '',
    },
  });
  // The recovery phone travels only when it changes: the head reads it from → to.
  const request = useAction(({ recoveryDeviceId, ...values }: z.output<typeof changes>) =>
    call(
      api().lifecycle.requestModify({
        accountId: account.id,
        ...values,
        ...(withForm ? {} : { form: undefined }),
        ...((recoveryDeviceId ?? null) !== phones.current ? { recoveryDeviceId: recoveryDeviceId ?? null } : {}),
      }),
    ),
  );
  const submit = handleSubmit(async (values) => {
    if ((await request.run(values)).ok) setSent(true);
  });
  return (
    <form onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      {TEXT_FIELDS.map((name) => (
        <Field key={name} label={t(`lifecycle.fields.${name}`)} error={formState.errors.account?.[name]}>
          {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(`account.${name}`)} />}
        </Field>
      ))}
      {account.kind === 'support' ? (
        <div className="row">
          {(['supportStart', 'supportEnd'] as const).map((name) => (
            <Field key={name} label={t(`lifecycle.fields.${name}`)} error={formState.errors.account?.[name]} hint="AAAA-MM-DD">
              {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(`account.${name}`)} />}
            </Field>
          ))}
        </div>
      ) : null}
      <Field label={t('lifecycle.fields.recoveryDevice')}>
        {({ id }) => (
          <SelectInput id={id} defaultValue={phones.current ?? ''} {...register('recoveryDeviceId', { setValueAs: (v: string | null) => v || null })}>
            <option value="">{t('register.none')}</option>
            {phones.devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label} ({d.number}) · {t(d.institutionOwned ? 'devices.institutional' : 'devices.personal')}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <Field label={t('lifecycle.fields.notes')}>{({ id }) => <TextArea id={id} {...register('account.notes')} />}</Field>
      {withForm ? (
        <FormularioAFields register={register} control={control} errors={formState.errors} platform={account.platform} />
      ) : (
        <p>
          {t('lifecycle.form.withoutForm')}{' '}
          <button type="button" onClick={() => setWithForm(true)}>
            {t('lifecycle.form.title')}
          </button>
        </p>
      )}
      <Field label={t('rotation.note')}>{({ id }) => <TextArea id={id} {...register('note')} />}</Field>
      <ErrorNotice error={request.refusal} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('lifecycle.modify.requested')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('lifecycle.modify.submit')}
        </button>
      </div>
    </form>
  );
}
