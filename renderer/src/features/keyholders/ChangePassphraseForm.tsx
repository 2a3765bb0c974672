import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { useVaultSession } from '../vault/session';
import { changePassphraseForm, type ChangePassphraseValues } from './keyholder-forms';
import { PassphrasePair } from './PassphrasePair';

const empty: ChangePassphraseValues = { current: '', next: '', confirm: '' };

/** «Cambiar mi frase de acceso» (issue 16): the current one proven, the new one twice, held to the ceremony's rules. */
export function ChangePassphraseForm() {
  const { t } = useTranslation();
  const ids = useId();
  const { home } = useVaultSession();
  const me = home.keyholders.find((k) => k.id === home.session.keyholderId);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, control, reset, formState } = useForm<ChangePassphraseValues>({
    resolver: zodResolver(changePassphraseForm),
    defaultValues: empty,
  });
  const next = useWatch({ control, name: 'next' });
  const change = useAction((v: ChangePassphraseValues) => call(api().keyholders.changePassphrase(v)));
  const userInputs = useMemo(
    () => [me?.name ?? '', home.institution.name, home.institution.acronym].filter(Boolean),
    [me?.name, home.institution.name, home.institution.acronym],
  );
  const submit = handleSubmit(async (values) => {
    setDone(false);
    const changed = await change.run(values);
    // Passphrases never stay in the fields, whatever the outcome.
    reset(empty);
    if (changed.ok) setDone(true);
  });
  const errors = formState.errors;

  return (
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate aria-busy={change.busy}>
      <h2 id={`${ids}-title`}>{t('keyholders.passphrase.title')}</h2>
      <p className="muted">{t('keyholders.passphrase.intro')}</p>
      <Field label={t('keyholders.passphrase.current')} error={errors.current}>
        {({ id, describedBy, invalid }) => (
          <TextInput id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} aria-invalid={invalid} {...register('current')} />
        )}
      </Field>
      <PassphrasePair
        labels={{ passphrase: t('keyholders.passphrase.next'), confirm: t('keyholders.passphrase.confirm') }}
        hint={t('keyholders.passphrase.hint')}
        secret={next}
        userInputs={userInputs}
        passphrase={register('next')}
        confirm={register('confirm')}
        errors={{ passphrase: errors.next, confirm: errors.confirm }}
      />
      <ErrorNotice error={change.refusal} />
      {done ? (
        <p className="notice notice-ok" role="status">
          {t('keyholders.passphrase.done')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={change.busy}>
          {change.busy ? t('keyholders.passphrase.working') : t('keyholders.passphrase.submit')}
        </button>
      </div>
    </form>
  );
}
