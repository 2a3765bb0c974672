import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MonthlySignResult } from '../../../../shared/reports';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useFocusTrap } from '../../ui/useFocusTrap';

/**
 * The head signs the month's report (SUP-3) by typing their passphrase at this workstation, as in
 * the co-sign dialog; main asks where to save the PDF and writes the signed JSON beside it.
 */
export function SignReportDialog({
  month,
  monthLabel,
  signerId,
  onDone,
  onCancel,
}: {
  month: string;
  monthLabel: string;
  signerId: string;
  onDone: (result: MonthlySignResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { register, handleSubmit, control, setValue, setFocus } = useForm<{ passphrase: string }>({ defaultValues: { passphrase: '' } });
  const passphrase = useWatch({ control, name: 'passphrase' });
  const sign = useAction((p: string) => call(api().reports.signMonthly({ month, signerId, passphrase: p })));
  const dialog = useRef<HTMLFormElement>(null);
  useFocusTrap(dialog, onCancel);
  useEffect(() => setFocus('passphrase'), [setFocus]);
  const submit = handleSubmit(async ({ passphrase: p }) => {
    const result = await sign.run(p);
    setValue('passphrase', '');
    if (result.ok) onDone(result.value);
  });
  return (
    <div className="overlay">
      <form ref={dialog} className="panel dialog" role="dialog" aria-modal="true" aria-labelledby="sign-report-title" onSubmit={submit} aria-busy={sign.busy}>
        <h2 id="sign-report-title">{t('reports.monthly.signTitle', { month: monthLabel })}</h2>
        <p>{t('reports.monthly.signIntro')}</p>
        <div className="field">
          <label htmlFor="sign-report-pass">{t('reports.monthly.passphrase')}</label>
          <TextInput id="sign-report-pass" type="password" autoComplete="off" {...register('passphrase')} />
        </div>
        <ErrorNotice error={sign.refusal} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('reports.monthly.cancel')}
          </button>
          <button type="submit" className="primary" disabled={sign.busy || !passphrase}>
            {sign.busy ? t('reports.monthly.working') : t('reports.monthly.sign')}
          </button>
        </div>
      </form>
    </div>
  );
}
