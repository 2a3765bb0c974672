import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldErrors, type UseFormRegister, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { StrengthMeter } from '../components/StrengthMeter';
import { createVaultDefaults, createVaultForm, timeZones, toCreateRequest, type CreateVaultValues } from './create-vault-form';

type HolderKey = 'administrator' | 'head' | 'backup';
const ROLE_OF: Record<HolderKey, 'administrator' | 'head' | 'backup_administrator'> = { administrator: 'administrator', head: 'head', backup: 'backup_administrator' };

/** The vault-creation ceremony: institution, then each keyholder types a name and passphrase twice. */
export function CreateVault({ onCreated }: { onCreated: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const { register, handleSubmit, control, formState } = useForm<CreateVaultValues>({
    resolver: zodResolver(createVaultForm),
    defaultValues: createVaultDefaults,
  });
  const withBackup = useWatch({ control, name: 'withBackup' });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setRefusal(null);
    try {
      onCreated(await call(api().vault.create(toCreateRequest(values))));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      <h1>{t('create.title')}</h1>
      <p className="lead">{t('create.intro')}</p>
      <fieldset>
        <legend>{t('create.institution')}</legend>
        <Field label={t('create.name')} error={errors.name?.message}>
          {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="organization" {...register('name')} />}
        </Field>
        <div className="row">
          <Field label={t('create.acronym')} error={errors.acronym?.message}>
            {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('acronym')} />}
          </Field>
          <Field label={t('create.timeZone')} error={errors.timeZone?.message}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} {...register('timeZone')}>
                {timeZones().map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('create.idleLock')} error={errors.idleLockMinutes?.message}>
            {({ id, describedBy, invalid }) => <input id={id} type="number" min={1} max={60} aria-describedby={describedBy} aria-invalid={invalid} {...register('idleLockMinutes', { valueAsNumber: true })} />}
          </Field>
        </div>
        <Field label={t('create.domains')} hint={t('create.domainsHint')} error={errors.domains?.message}>
          {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('domains')} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('create.keyholders')}</legend>
        <HolderFields which="administrator" register={register} errors={errors} control={control} />
        <HolderFields which="head" register={register} errors={errors} control={control} />
        <label className="check">
          <input type="checkbox" {...register('withBackup')} /> {t('create.addBackup')}
        </label>
        {withBackup ? <HolderFields which="backup" register={register} errors={errors} control={control} /> : null}
      </fieldset>

      <ErrorNotice error={refusal} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('create.working') : t('create.submit')}
        </button>
      </div>
    </form>
  );
}

function HolderFields({ which, register, errors, control }: { which: HolderKey; register: UseFormRegister<CreateVaultValues>; errors: FieldErrors<CreateVaultValues>; control: Control<CreateVaultValues> }) {
  const { t } = useTranslation();
  const [name, passphrase, institution, acronym] = useWatch({ control, name: [`${which}.name`, `${which}.passphrase`, 'name', 'acronym'] });
  const e = errors[which];
  return (
    <section className="holder" aria-labelledby={`holder-${which}`}>
      <h2 id={`holder-${which}`}>{t(`roles.${ROLE_OF[which]}`)}</h2>
      <Field label={t('create.holderName')} error={e?.name?.message}>
        {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="name" {...register(`${which}.name`)} />}
      </Field>
      <div className="row">
        <Field label={t('create.passphrase')} hint={t('create.passphraseHint')} error={e?.passphrase?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...register(`${which}.passphrase`)} />}
        </Field>
        <Field label={t('create.confirm')} error={e?.confirm?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...register(`${which}.confirm`)} />}
        </Field>
      </div>
      <StrengthMeter secret={passphrase ?? ''} userInputs={[name ?? '', institution ?? '', acronym ?? ''].filter(Boolean)} />
    </section>
  );
}
