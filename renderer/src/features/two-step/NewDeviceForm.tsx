import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { KeyholderView } from '../../../../shared/contract';
import { deviceInput } from '../../../../shared/two-step';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { refusalOf } from '../../ui/form';

type DeviceValues = z.input<typeof deviceInput>;

/** A phone that may receive recovery codes: whose it is and who holds it decide SEC-3. */
export function NewDeviceForm({ keyholders, onAdded }: { keyholders: KeyholderView[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const { register, handleSubmit, setValue, getValues } = useForm<DeviceValues, unknown, z.output<typeof deviceInput>>({
    resolver: zodResolver(deviceInput),
    defaultValues: { label: '', number: '', institutionOwned: true },
  });
  const add = useAction((device: z.output<typeof deviceInput>) => call(api().devices.add(device)));
  const submit = handleSubmit(
    async (device) => {
      if (!(await add.run(device)).ok) return;
      setValue('label', '');
      setValue('number', '');
      onAdded();
    },
    () => add.setRefusal(refusalOf(deviceInput, getValues())),
  );

  return (
    <form className="inline-form" aria-labelledby="device-form-title" onSubmit={submit}>
      <h4 id="device-form-title" className="form-title">
        {t('devices.add')}
      </h4>
      <div className="field">
        <label htmlFor="device-label">{t('devices.label')}</label>
        <TextInput id="device-label" required maxLength={100} {...register('label')} />
      </div>
      <div className="field">
        <label htmlFor="device-number">{t('devices.number')}</label>
        <TextInput id="device-number" type="tel" required maxLength={30} {...register('number')} />
      </div>
      <div className="field">
        <label htmlFor="device-holder">{t('devices.holder')}</label>
        <SelectInput id="device-holder" {...register('holderKeyholderId', { setValueAs: (v: string) => v || undefined })}>
          <option value="">{t('register.none')}</option>
          {keyholders.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({t(`roles.${k.role}`)})
            </option>
          ))}
        </SelectInput>
      </div>
      <label className="choice">
        <input type="checkbox" {...register('institutionOwned')} />
        <span>{t('devices.owned')}</span>
      </label>
      <button type="submit">{t('devices.register')}</button>
      <ErrorNotice error={add.refusal} />
    </form>
  );
}
