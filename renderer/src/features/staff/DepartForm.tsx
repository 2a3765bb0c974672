import { zodResolver } from '@hookform/resolvers/zod';
import { today } from '@internationalized/date';
import { useEffect, useId, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { staffDepartRequest } from '../../../../shared/staff';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextArea } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';

const departForm = staffDepartRequest.omit({ personId: true });
type DepartValues = z.input<typeof departForm>;

/**
 * «Marcar salida» (Formulario B, baja; HAND-2, HAND-3): a co-signed request. Once the head
 * authorizes it the person is «saliente» and the checklist of what they leave behind opens.
 */
export function DepartForm({ personId, name, timeZone }: { personId: string; name: string; timeZone: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, control } = useForm<DepartValues, unknown, z.output<typeof departForm>>({
    resolver: zodResolver(departForm),
    defaultValues: { date: today(timeZone).toString(), note: '' },
  });
  const depart = useAction(({ date, note }: z.output<typeof departForm>) => call(api().staff.depart({ personId, date, ...(note ? { note } : {}) })));
  // Focus goes to the form when it opens, and back to «Marcar salida…» when it is cancelled.
  const title = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) title.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const submit = handleSubmit(async (values) => {
    if (!(await depart.run(values)).ok) return;
    setSent(true);
    setOpen(false);
  });

  if (!open)
    return (
      <>
        {sent ? (
          <p className="notice notice-ok" role="status">
            {t('depart.sent')}
          </p>
        ) : (
          <button type="button" ref={opener} onClick={() => setOpen(true)}>
            {t('depart.mark')}
          </button>
        )}
      </>
    );
  return (
    <form className="subpanel depart-form" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h3 id={`${ids}-title`} ref={title} tabIndex={-1}>
        {t('depart.title', { name })}
      </h3>
      <p className="muted">{t('depart.intro')}</p>
      <Controller
        control={control}
        name="date"
        render={({ field, fieldState }) => (
          <DateField label={t('depart.date')} value={field.value} onChange={field.onChange} timeZone={timeZone} invalid={fieldState.invalid} />
        )}
      />
      <div className="field">
        <label htmlFor={`${ids}-note`}>{t('depart.note')}</label>
        <TextArea id={`${ids}-note`} maxLength={500} {...register('note')} />
      </div>
      <ErrorNotice error={depart.refusal} />
      <DuplicateLink refusal={depart.refusal} />
      <RoleNote action="staff.propose" what={t('depart.what')} />
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('depart.cancel')}
        </button>
        <button type="submit" className="primary" disabled={depart.busy}>
          {t('depart.submit')}
        </button>
      </div>
    </form>
  );
}
