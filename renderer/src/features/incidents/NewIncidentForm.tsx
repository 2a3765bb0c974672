import { zodResolver } from '@hookform/resolvers/zod';
import { now, today } from '@internationalized/date';
import { useCallback, useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { INCIDENT_KINDS, incidentRecordRequest } from '../../../../shared/incidents';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { fieldMessage } from '../../ui/form';
import { RoleNote } from '../vault/RoleNote';

type Values = z.input<typeof incidentRecordRequest>;

/** «Registrar un incidente» (SUP-2): at once, by the administrator alone; the actions it opens follow from its kind. */
export function NewIncidentForm({ timeZone, onDone, onCancel }: { timeZone: string; onDone: (incidentId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const accounts = useLoad(useCallback(() => call(api().accounts.list({})), []));
  const moment = now(timeZone);
  const { register, handleSubmit, control, formState } = useForm<Values, unknown, z.output<typeof incidentRecordRequest>>({
    resolver: zodResolver(incidentRecordRequest),
    defaultValues: {
      kind: 'device_lost',
      occurredOn: today(timeZone).toString(),
      occurredTime: `${String(moment.hour).padStart(2, '0')}:${String(moment.minute).padStart(2, '0')}`,
      accountIds: [],
      description: '',
    },
  });
  const record = useAction((values: z.output<typeof incidentRecordRequest>) => call(api().incidents.record(values)));
  const submit = handleSubmit(async (values) => {
    const result = await record.run(values);
    if (result.ok) onDone(result.value.incidentId);
  });
  const active = (accounts.data ?? []).filter((a) => a.status === 'active');
  const message = (name: keyof Values) => {
    const key = fieldMessage(formState.errors[name] as Parameters<typeof fieldMessage>[0]);
    return key ? <p className="field-error">{t(key)}</p> : null;
  };
  return (
    <form className="subpanel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h2 id={`${ids}-title`}>{t('incidents.form.title')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-kind`}>{t('incidents.form.kind')}</label>
        <SelectInput id={`${ids}-kind`} {...register('kind')}>
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`incidents.kinds.${k}`)}
            </option>
          ))}
        </SelectInput>
      </div>
      <Controller
        control={control}
        name="occurredOn"
        render={({ field, fieldState }) => (
          <DateField label={t('incidents.form.date')} value={field.value} onChange={field.onChange} timeZone={timeZone} invalid={fieldState.invalid} />
        )}
      />
      <div className="field">
        <label htmlFor={`${ids}-time`}>{t('incidents.form.time')}</label>
        <TextInput id={`${ids}-time`} type="time" {...register('occurredTime')} />
        {message('occurredTime')}
      </div>
      <fieldset className="field">
        <legend>{t('incidents.form.accounts')}</legend>
        <ErrorNotice error={accounts.refusal} />
        {active.map((a) => (
          <label key={a.id} className="check">
            <input type="checkbox" value={a.id} {...register('accountIds')} /> {a.displayName}
          </label>
        ))}
        {message('accountIds')}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-description`}>{t('incidents.form.description')}</label>
        <TextArea id={`${ids}-description`} maxLength={4000} {...register('description')} />
        {message('description')}
      </div>
      <ErrorNotice error={record.refusal} />
      <RoleNote action="incident.record" what={t('incidents.form.what')} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('incidents.form.cancel')}
        </button>
        <button type="submit" className="primary" disabled={record.busy}>
          {t('incidents.form.submit')}
        </button>
      </div>
    </form>
  );
}
