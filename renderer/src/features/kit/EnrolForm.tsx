import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { KEYHOLDER_ROLES } from '../../../../shared/domain';
import type { RecoveryState } from '../../../../shared/kit';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { StrengthMeter } from '../vault/StrengthMeter';
import { enrolDefaults, enrolFormSchema, toEnrolRequest, type EnrolFormValues } from './enrol-form';

/**
 * Recovery mode's one action (issue 18, scope 6): a new keyholder types their passphrase twice,
 * with the vault creation's strength meter; main derives their key and holds it until «Terminar».
 * A person of the staff registry must be permanent staff (ROLE-3), which main checks again.
 */
export function EnrolForm({ state, onEnrolled }: { state: RecoveryState; onEnrolled: (state: RecoveryState) => void }) {
  const { t } = useTranslation();
  const { register, handleSubmit, control, formState, reset } = useForm<EnrolFormValues>({
    resolver: zodResolver(enrolFormSchema),
    defaultValues: enrolDefaults(state.missingRoles[0]),
  });
  const [personId, name, passphrase] = useWatch({ control, name: ['personId', 'name', 'passphrase'] });
  const enrol = useAction((values: EnrolFormValues) => call(api().kit.enrol(toEnrolRequest(values, state))));
  const errors = formState.errors;
  const chosen = state.candidates.find((c) => c.personId === personId);

  const submit = handleSubmit(async (values) => {
    const result = await enrol.run(values);
    if (result.ok) {
      reset(enrolDefaults(result.value.missingRoles[0]));
      onEnrolled(result.value);
    } else reset({ ...values, passphrase: '', confirm: '' });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="kit-enrol-title" aria-busy={enrol.busy}>
      <h2 id="kit-enrol-title">{t('kit.recovery.enrolTitle')}</h2>
      {state.candidates.length > 0 ? (
        <Field label={t('kit.recovery.person')} hint={t('kit.recovery.personHint')}>
          {({ id, describedBy }) => (
            <SelectInput id={id} aria-describedby={describedBy} {...register('personId')}>
              <option value="">{t('kit.recovery.typed')}</option>
              {state.candidates.map((c) => (
                <option key={c.personId} value={c.personId}>
                  {c.name}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
      ) : null}
      {chosen ? null : (
        <Field label={t('kit.recovery.fullName')} error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" maxLength={120} {...register('name')} />
          )}
        </Field>
      )}
      <Field label={t('kit.recovery.role')} error={errors.role}>
        {({ id, describedBy }) => (
          <SelectInput id={id} aria-describedby={describedBy} {...register('role')}>
            {KEYHOLDER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <div className="row">
        <Field label={t('kit.recovery.passphrase')} hint={t('kit.recovery.passphraseHint')} error={errors.passphrase}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...register('passphrase')} />
          )}
        </Field>
        <Field label={t('kit.recovery.confirm')} error={errors.confirm}>
          {({ id, describedBy, invalid }) => (
            <TextInput id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...register('confirm')} />
          )}
        </Field>
      </div>
      <StrengthMeter secret={passphrase ?? ''} userInputs={[chosen?.name ?? name ?? '', state.institution.name, state.institution.acronym].filter(Boolean)} />
      <ErrorNotice error={enrol.refusal} />
      <div className="actions">
        <button type="submit" className="primary" disabled={enrol.busy}>
          {enrol.busy ? t('kit.recovery.enrolling') : t('kit.recovery.enrol')}
        </button>
      </div>
    </form>
  );
}
