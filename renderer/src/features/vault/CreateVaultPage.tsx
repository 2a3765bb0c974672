import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch, type FieldErrors, type UseFormRegister, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { SelectInput, TextInput } from '../../ui/controls';
import { Field } from '../../ui/Field';
import { StrengthMeter } from './StrengthMeter';
import { createVaultDefaults, createVaultForm, timeZones, toCreateRequest, type CreateVaultValues } from './create-vault-form';

type HolderKey = 'administrator' | 'head' | 'backup';
const ROLE_OF: Record<HolderKey, 'administrator' | 'head' | 'backup_administrator'> = {
  administrator: 'administrator',
  head: 'head',
  backup: 'backup_administrator',
};

/** The vault-creation ceremony: institution, then each keyholder types a name and passphrase twice. */
export function CreateVaultPage({ onCreated }: { onCreated: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const create = useAction((values: CreateVaultValues) => call(api().vault.create(toCreateRequest(values))));
  const { register, handleSubmit, control, formState } = useForm<CreateVaultValues>({
    resolver: zodResolver(createVaultForm),
    defaultValues: createVaultDefaults,
  });
  const withBackup = useWatch({ control, name: 'withBackup' });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    const created = await create.run(values);
    if (created.ok) onCreated(created.value);
  });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-busy={formState.isSubmitting}>
      <h1>{t('create.title')}</h1>
      <p className="lead">{t('create.intro')}</p>
      <fieldset>
        <legend>{t('create.institution')}</legend>
        <Field label={t('create.name')} error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="organization" {...register('name')} />
          )}
        </Field>
        <div className="row">
          <Field label={t('create.acronym')} error={errors.acronym}>
            {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('acronym')} />}
          </Field>
          <Field label={t('create.timeZone')} error={errors.timeZone}>
            {({ id, describedBy }) => (
              <SelectInput id={id} aria-describedby={describedBy} {...register('timeZone')}>
                {timeZones().map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
          <Field label={t('create.idleLock')} error={errors.idleLockMinutes}>
            {({ id, describedBy, invalid }) => (
              <TextInput
                id={id}
                type="number"
                min={1}
                max={60}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...register('idleLockMinutes', { valueAsNumber: true })}
              />
            )}
          </Field>
        </div>
        <Field label={t('create.domains')} hint={t('create.domainsHint')} error={errors.domains}>
          {({ id, describedBy, invalid }) => <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('domains')} />}
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

      <ErrorNotice error={create.refusal} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('create.working') : t('create.submit')}
        </button>
      </div>
    </form>
  );
}

function HolderFields({
  which,
  register,
  errors,
  control,
}: {
  which: HolderKey;
  register: UseFormRegister<CreateVaultValues>;
  errors: FieldErrors<CreateVaultValues>;
  control: Control<CreateVaultValues>;
}) {
  const { t } = useTranslation();
  const [name, passphrase, institution, acronym] = useWatch({ control, name: [`${which}.name`, `${which}.passphrase`, 'name', 'acronym'] });
  const e = errors[which];
  return (
    <section className="holder" aria-labelledby={`holder-${which}`}>
      <h2 id={`holder-${which}`}>{t(`roles.${ROLE_OF[which]}`)}</h2>
      <Field label={t('create.holderName')} error={e?.name}>
        {({ id, describedBy, invalid }) => (
          <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="name" {...register(`${which}.name`)} />
        )}
      </Field>
      <div className="row">
        <Field label={t('create.passphrase')} hint={t('create.passphraseHint')} error={e?.passphrase}>
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...register(`${which}.passphrase`)}
            />
          )}
        </Field>
        <Field label={t('create.confirm')} error={e?.confirm}>
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              {...register(`${which}.confirm`)}
            />
          )}
        </Field>
      </div>
      <StrengthMeter secret={passphrase ?? ''} userInputs={[name ?? '', institution ?? '', acronym ?? ''].filter(Boolean)} />
    </section>
  );
}
