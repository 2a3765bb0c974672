import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { KeyholderDetail } from '../../../../shared/keyholders';
import type { StaffSummary } from '../../../../shared/staff';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextArea } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { handoverStartForm, noteOf, type HandoverStartValues } from './keyholder-forms';
import { PassphrasePair } from './PassphrasePair';
import { PersonOptions } from './PersonOptions';

const empty: HandoverStartValues = { outgoingId: '', personId: '', passphrase: '', confirm: '', note: '' };

/**
 * «Iniciar entrega de cargo» (HAND-1; MITIC 678/2022 §6.1.1.III): the outgoing keyholder, the
 * incoming permanent staff member, who types their own passphrase twice here. It is an enrolment
 * that replaces the outgoing keyholder's role; the head's authorization opens the checklist.
 */
export function HandoverStartForm({ keyholders, people, institution }: { keyholders: KeyholderDetail[]; people: StaffSummary[]; institution: string[] }) {
  const { t } = useTranslation();
  const ids = useId();
  const [sent, setSent] = useState(false);
  const active = keyholders.filter((k) => k.status === 'active');
  const { register, handleSubmit, control, reset, resetField, formState } = useForm<HandoverStartValues>({
    resolver: zodResolver(handoverStartForm),
    defaultValues: empty,
  });
  const [passphrase, personId] = useWatch({ control, name: ['passphrase', 'personId'] });
  const start = useAction((v: HandoverStartValues) => {
    const outgoing = active.find((k) => k.id === v.outgoingId)!;
    return call(
      api().keyholders.proposeEnrol({
        personId: v.personId,
        role: outgoing.role,
        passphrase: v.passphrase,
        confirm: v.confirm,
        replaces: outgoing.id,
        ...noteOf(v.note),
      }),
    );
  });
  const submit = handleSubmit(async (values) => {
    setSent(false);
    const proposed = await start.run(values);
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
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate aria-busy={start.busy}>
      <h2 id={`${ids}-title`}>{t('keyholders.handover.title')}</h2>
      <p className="muted">{t('keyholders.handover.intro')}</p>
      <div className="row">
        <Field label={t('keyholders.handover.outgoing')} error={errors.outgoingId}>
          {({ id, describedBy, invalid }) => (
            <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('outgoingId')}>
              <option value="">{t('keyholders.enrol.choose')}</option>
              {active.map((k) => (
                <option key={k.id} value={k.id}>
                  {t('keyholders.option', { name: k.name, role: t(`roles.${k.role}`), fingerprint: k.fingerprint })}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
        <Field label={t('keyholders.handover.incoming')} hint={t('keyholders.enrol.personHint')} error={errors.personId}>
          {({ id, describedBy, invalid }) => (
            <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('personId')}>
              <PersonOptions people={people} />
            </SelectInput>
          )}
        </Field>
      </div>
      <PassphrasePair
        labels={{ passphrase: t('keyholders.handover.passphrase'), confirm: t('keyholders.handover.confirm') }}
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
      <ErrorNotice error={start.refusal} />
      <DuplicateLink refusal={start.refusal} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('keyholders.handover.sent')}
        </p>
      ) : null}
      <RoleNote action="keyholder.propose" what={t('keyholders.enrol.what')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={start.busy}>
          {start.busy ? t('keyholders.enrol.working') : t('keyholders.handover.submit')}
        </button>
      </div>
    </form>
  );
}
