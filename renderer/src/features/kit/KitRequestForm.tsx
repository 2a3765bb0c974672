import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { SHARE_COUNTS, kitFormDefaults, kitFormSchema, toKitRequest, type KitFormValues } from './kit-form';

/** «Solicitar un kit»: the administrator's request (POL-5: the head authorizes it in the pending requests). */
export function KitRequestForm() {
  const { t } = useTranslation();
  const [proposed, setProposed] = useState(false);
  const { register, handleSubmit, control, formState, reset, setValue, getValues } = useForm<KitFormValues>({
    resolver: zodResolver(kitFormSchema),
    defaultValues: kitFormDefaults,
  });
  const [split, n] = useWatch({ control, name: ['split', 'n'] });
  // Fewer shares than needed would open nothing: k follows n down.
  const followN = (e: { target: { value: string } }) => {
    const shares = Number(e.target.value);
    if (getValues('k') > shares) setValue('k', shares);
  };
  const propose = useAction((values: KitFormValues) => call(api().kit.propose(toKitRequest(values))));
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setProposed(false);
    const result = await propose.run(values);
    if (result.ok) {
      setProposed(true);
      reset(kitFormDefaults);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="kit-request-title">
      <h2 id="kit-request-title">{t('kit.request.title')}</h2>
      <p>{t('kit.request.intro')}</p>
      <fieldset>
        <legend>{t('kit.request.how')}</legend>
        <label className="choice">
          <input type="radio" value="single" {...register('split')} /> <span>{t('kit.request.single')}</span>
        </label>
        <label className="choice">
          <input type="radio" value="shares" {...register('split')} /> <span>{t('kit.request.split')}</span>
        </label>
      </fieldset>
      {split === 'shares' ? (
        <fieldset>
          <legend>{t('kit.request.split')}</legend>
          <div className="row">
            <Field label={t('kit.request.n')} error={errors.n}>
              {({ id, describedBy }) => (
                <SelectInput id={id} aria-describedby={describedBy} {...register('n', { valueAsNumber: true, onChange: followN })}>
                  {SHARE_COUNTS.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
            <Field label={t('kit.request.k')} error={errors.k}>
              {({ id, describedBy, invalid }) => (
                <SelectInput id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register('k', { valueAsNumber: true })}>
                  {SHARE_COUNTS.filter((c) => c <= n).map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
          </div>
          {Array.from({ length: n }, (_, i) => (
            <Field key={i} label={t('kit.request.holder', { number: i + 1 })} error={errors.holders?.[i]}>
              {({ id, describedBy, invalid }) => (
                <TextInput id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" {...register(`holders.${i}`)} />
              )}
            </Field>
          ))}
        </fieldset>
      ) : null}
      <Field label={t('kit.request.note')} error={errors.note}>
        {({ id, describedBy, invalid }) => <TextArea id={id} aria-describedby={describedBy} aria-invalid={invalid} maxLength={500} {...register('note')} />}
      </Field>
      <ErrorNotice error={propose.refusal} />
      {proposed ? (
        <p className="notice notice-ok" role="status" data-testid="kit-proposed">
          {t('kit.request.proposed')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={propose.busy}>
          {propose.busy ? t('kit.request.submitting') : t('kit.request.submit')}
        </button>
      </div>
    </form>
  );
}
