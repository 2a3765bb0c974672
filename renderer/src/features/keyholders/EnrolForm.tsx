import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { KEYHOLDER_ROLES, type KeyholderRole } from '../../../../shared/domain';
import type { KeyholderDetail } from '../../../../shared/keyholders';
import type { StaffSummary } from '../../../../shared/staff';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextArea } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { enrolForm, noteOf, type EnrolValues } from './keyholder-forms';
import { PassphrasePair } from './PassphrasePair';
import { PersonOptions } from './PersonOptions';

const empty: EnrolValues = { role: '', personId: '', passphrase: '', confirm: '', note: '' };

/**
 * A person of the registry enrolled into a role no active keyholder holds (a backup administrator
 * the vault never had): they type their own passphrase here; the head authorizes (HAND-1).
 */
export function EnrolForm({ keyholders, people, institution }: { keyholders: KeyholderDetail[]; people: StaffSummary[]; institution: string[] }) {
  const { t } = useTranslation();
  const ids = useId();
  const [sent, setSent] = useState(false);
  const vacant = KEYHOLDER_ROLES.filter((role) => !keyholders.some((k) => k.status === 'active' && k.role === role));
  const { register, handleSubmit, control, reset, resetField, formState } = useForm<EnrolValues>({ resolver: zodResolver(enrolForm), defaultValues: empty });
  const [passphrase, personId] = useWatch({ control, name: ['passphrase', 'personId'] });
  const enrol = useAction((v: EnrolValues) =>
    call(
      api().keyholders.proposeEnrol({
        personId: v.personId,
        role: v.role as KeyholderRole,
        passphrase: v.passphrase,
        confirm: v.confirm,
        replaces: null,
        ...noteOf(v.note),
      }),
    ),
  );
  const submit = handleSubmit(async (values) => {
    setSent(false);
    const proposed = await enrol.run(values);
    if (proposed.ok) {
      reset(empty);
      setSent(true);
    } else {
      resetField('passphrase');
      resetField('confirm');
    }
  });
  const errors = formState.errors;
  const name = people.find((p) => p.id === personId)?.name ?? '';

  return (
    <section className="subpanel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('keyholders.enrol.title')}</h2>
      <p className="muted">{t('keyholders.enrol.intro')}</p>
      {vacant.length === 0 ? (
        <p className="muted">{t('keyholders.enrol.none')}</p>
      ) : (
        <form aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate aria-busy={enrol.busy}>
          <div className="row">
            <Field label={t('keyholders.enrol.role')} error={errors.role}>
              {({ id, describedBy, invalid }) => (
                <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('role')}>
                  <option value="">{t('keyholders.enrol.choose')}</option>
                  {vacant.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
            <Field label={t('keyholders.enrol.person')} hint={t('keyholders.enrol.personHint')} error={errors.personId}>
              {({ id, describedBy, invalid }) => (
                <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('personId')}>
                  <PersonOptions people={people} />
                </SelectInput>
              )}
            </Field>
          </div>
          <PassphrasePair
            labels={{ passphrase: t('keyholders.enrol.passphrase'), confirm: t('keyholders.enrol.confirm') }}
            hint={t('keyholders.passphrase.hint')}
            secret={passphrase}
            userInputs={[name, ...institution].filter(Boolean)}
            passphrase={register('passphrase')}
            confirm={register('confirm')}
            errors={{ passphrase: errors.passphrase, confirm: errors.confirm }}
          />
          <div className="field">
            <label htmlFor={`${ids}-note`}>{t('keyholders.enrol.note')}</label>
            <TextArea id={`${ids}-note`} maxLength={500} {...register('note')} />
          </div>
          <ErrorNotice error={enrol.refusal} />
          <DuplicateLink refusal={enrol.refusal} />
          {sent ? (
            <p className="notice notice-ok" role="status">
              {t('keyholders.enrol.sent')}
            </p>
          ) : null}
          <RoleNote action="keyholder.propose" what={t('keyholders.enrol.what')} />
          <div className="actions">
            <button type="submit" className="primary" disabled={enrol.busy}>
              {enrol.busy ? t('keyholders.enrol.working') : t('keyholders.enrol.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
