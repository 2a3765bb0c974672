import { zodResolver } from '@hookform/resolvers/zod';
import { today } from '@internationalized/date';
import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { OUTSIDE_CHANGE_KINDS, REPORT_RECIPIENTS, incidentReportRequest, outsideChangeRequest, type IncidentView } from '../../../../shared/incidents';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';

const reportForm = incidentReportRequest.omit({ incidentId: true });
type ReportValues = z.input<typeof reportForm>;

/** To whom the incident was reported, with the reference and the day (MITIC Res. 346/2020); audited. */
export function ReportForm({ incidentId, timeZone }: { incidentId: string; timeZone: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const { register, handleSubmit, control, reset } = useForm<ReportValues, unknown, z.output<typeof reportForm>>({
    resolver: zodResolver(reportForm),
    defaultValues: { recipient: 'security_officer', reference: '', reportedOn: today(timeZone).toString() },
  });
  const report = useAction((values: z.output<typeof reportForm>) => call(api().incidents.report({ incidentId, ...values })));
  const submit = handleSubmit(async (values) => {
    if ((await report.run(values)).ok) reset();
  });
  return (
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h3 id={`${ids}-title`}>{t('incidents.reportForm.title')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-recipient`}>{t('incidents.reportForm.recipient')}</label>
        <SelectInput id={`${ids}-recipient`} {...register('recipient')}>
          {REPORT_RECIPIENTS.map((r) => (
            <option key={r} value={r}>
              {t(`incidents.recipients.${r}`)}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reference`}>{t('incidents.reportForm.reference')}</label>
        <TextInput id={`${ids}-reference`} maxLength={200} {...register('reference')} />
      </div>
      <Controller
        control={control}
        name="reportedOn"
        render={({ field, fieldState }) => (
          <DateField label={t('incidents.reportForm.date')} value={field.value} onChange={field.onChange} timeZone={timeZone} invalid={fieldState.invalid} />
        )}
      />
      <ErrorNotice error={report.refusal} />
      <div className="actions">
        <button type="submit" disabled={report.busy}>
          {t('incidents.reportForm.submit')}
        </button>
      </div>
    </form>
  );
}

const changeForm = outsideChangeRequest.omit({ incidentId: true });
type ChangeValues = z.input<typeof changeForm>;

/** A change found to have been made on the platform outside Custodia: it counts against the monthly indicator (SUP-3). */
export function OutsideChangeForm({ incident, timeZone }: { incident: IncidentView; timeZone: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const { register, handleSubmit, control, reset } = useForm<ChangeValues, unknown, z.output<typeof changeForm>>({
    resolver: zodResolver(changeForm),
    defaultValues: {
      accountId: incident.accounts[0]?.accountId ?? '',
      kind: 'password_changed',
      changedOn: today(timeZone).toString(),
      changedTime: '00:00',
      description: '',
    },
  });
  const record = useAction((values: z.output<typeof changeForm>) => call(api().incidents.recordOutsideChange({ incidentId: incident.incidentId, ...values })));
  const submit = handleSubmit(async (values) => {
    if ((await record.run(values)).ok) reset();
  });
  return (
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h3 id={`${ids}-title`}>{t('incidents.outsideForm.title')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-account`}>{t('incidents.outsideForm.account')}</label>
        <SelectInput id={`${ids}-account`} {...register('accountId')}>
          {incident.accounts.map((a) => (
            <option key={a.accountId} value={a.accountId}>
              {a.accountName}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-kind`}>{t('incidents.outsideForm.kind')}</label>
        <SelectInput id={`${ids}-kind`} {...register('kind')}>
          {OUTSIDE_CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`incidents.outsideKinds.${k}`)}
            </option>
          ))}
        </SelectInput>
      </div>
      <Controller
        control={control}
        name="changedOn"
        render={({ field, fieldState }) => (
          <DateField label={t('incidents.outsideForm.date')} value={field.value} onChange={field.onChange} timeZone={timeZone} invalid={fieldState.invalid} />
        )}
      />
      <div className="field">
        <label htmlFor={`${ids}-time`}>{t('incidents.outsideForm.time')}</label>
        <TextInput id={`${ids}-time`} type="time" {...register('changedTime')} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>{t('incidents.outsideForm.description')}</label>
        <TextArea id={`${ids}-description`} maxLength={2000} {...register('description')} />
      </div>
      <ErrorNotice error={record.refusal} />
      <div className="actions">
        <button type="submit" disabled={record.busy}>
          {t('incidents.outsideForm.submit')}
        </button>
      </div>
    </form>
  );
}
