import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { KeyholderDetail } from '../../../../shared/keyholders';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextArea } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { noteOf, revokeForm, type RevokeValues } from './keyholder-forms';

const empty: RevokeValues = { keyholderId: '', note: '' };

/**
 * A revocation outside a handover (HAND-1): any other active keyholder; main refuses one's own and
 * one that would leave the vault without a head or an account administrator (KEYHOLDER_LAST).
 */
export function RevokeForm({ keyholders, self }: { keyholders: KeyholderDetail[]; self: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const [sent, setSent] = useState(false);
  const others = keyholders.filter((k) => k.status === 'active' && k.id !== self);
  const { register, handleSubmit, reset, formState } = useForm<RevokeValues>({ resolver: zodResolver(revokeForm), defaultValues: empty });
  const revoke = useAction((v: RevokeValues) => call(api().keyholders.proposeRevoke({ keyholderId: v.keyholderId, handoverId: null, ...noteOf(v.note) })));
  const submit = handleSubmit(async (values) => {
    setSent(false);
    if (!(await revoke.run(values)).ok) return;
    reset(empty);
    setSent(true);
  });

  return (
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate aria-busy={revoke.busy}>
      <h2 id={`${ids}-title`}>{t('keyholders.revoke.title')}</h2>
      <p className="muted">{t('keyholders.revoke.intro')}</p>
      <Field label={t('keyholders.revoke.who')} error={formState.errors.keyholderId}>
        {({ id, describedBy, invalid }) => (
          <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('keyholderId')}>
            <option value="">{t('keyholders.enrol.choose')}</option>
            {others.map((k) => (
              <option key={k.id} value={k.id}>
                {t('keyholders.option', { name: k.name, role: t(`roles.${k.role}`), fingerprint: k.fingerprint })}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('keyholders.revoke.note')}</label>
        <TextArea id={`${ids}-note`} maxLength={500} {...register('note')} />
      </div>
      <ErrorNotice error={revoke.refusal} />
      <DuplicateLink refusal={revoke.refusal} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('keyholders.revoke.sent')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={revoke.busy}>
          {t('keyholders.revoke.submit')}
        </button>
      </div>
    </form>
  );
}
