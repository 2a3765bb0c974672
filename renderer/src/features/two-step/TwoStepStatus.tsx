import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { KeyholderView } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { TWO_STEP_METHODS } from '../../../../shared/totp';
import { twoStepInput, type DeviceView, type TwoStepView } from '../../../../shared/two-step';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { labelFor } from '../../i18n/keys';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { refusalOf } from '../../ui/form';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { NewDeviceForm } from './NewDeviceForm';

/** The contract's update, with the method as chosen: nothing until the person chooses one (never a pre-filled guess). */
const twoStepForm = twoStepInput.extend({
  method: z
    .string()
    .refine((v) => v !== '', { params: { reason: 'required' } })
    .pipe(twoStepInput.shape.method),
});
type TwoStepValues = z.input<typeof twoStepForm>;
const valuesOf = (view: TwoStepView): TwoStepValues => ({
  method: view.method ?? '',
  recoveryDeviceId: view.recoveryDevice?.id,
  recoveryEmail: view.recoveryEmail ?? '',
});
const orNone = (value: string) => value || undefined;

/** How the account's second step is done, its recovery phone and e-mail, and whether SEC-1 and SEC-3 hold. */
export function TwoStepStatus({ accountId, keyholders }: { accountId: string; keyholders: KeyholderView[] }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const loaded = useLoad(
    useCallback(async () => {
      const [status, devices] = await Promise.all([call(api().twoStep.get({ accountId })), call(api().devices.list({}))]);
      return { status, devices };
    }, [accountId]),
  );
  const save = useAction(async (twoStep: z.output<typeof twoStepInput>) => {
    await call(api().twoStep.update({ accountId, twoStep }));
    loaded.reload();
  });

  if (!loaded.data) return <ErrorNotice error={save.refusal ?? loaded.refusal} />;
  const { status, devices } = loaded.data;
  const values = valuesOf(status);
  return (
    <section aria-labelledby="two-step-status-title">
      <h3 id="two-step-status-title">{t('twoStatus.title')}</h3>
      <Findings findings={status.findings} />
      {/* What main holds is what the form shows; a new phone only adds a choice. */}
      {may('two_step.edit') ? (
        <TwoStepForm key={JSON.stringify(values)} values={values} devices={devices} onSave={(twoStep) => void save.run(twoStep)} onRefused={save.setRefusal} />
      ) : (
        <RoleNote action="two_step.edit" what={t('twoStatus.title')} />
      )}
      {may('device.add') ? <NewDeviceForm keyholders={keyholders} onAdded={loaded.reload} /> : null}
      <ErrorNotice error={save.refusal ?? loaded.refusal} />
    </section>
  );
}

function TwoStepForm({
  values,
  devices,
  onSave,
  onRefused,
}: {
  values: TwoStepValues;
  devices: DeviceView[];
  onSave: (twoStep: z.output<typeof twoStepInput>) => void;
  onRefused: (refusal: AppError) => void;
}) {
  const { t } = useTranslation();
  const { register, handleSubmit, getValues } = useForm<TwoStepValues, unknown, z.output<typeof twoStepForm>>({
    resolver: zodResolver(twoStepForm),
    defaultValues: values,
  });
  const submit = handleSubmit(onSave, () => onRefused(refusalOf(twoStepForm, getValues())));
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="two-step-method">{t('twoStatus.method')}</label>
        <SelectInput id="two-step-method" defaultValue={values.method} {...register('method')}>
          <option value="">{t('twoStatus.choose')}</option>
          {TWO_STEP_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`twoStatus.methods.${m}`)}
            </option>
          ))}
        </SelectInput>
      </div>
      <div className="field">
        <label htmlFor="two-step-phone">{t('twoStatus.phone')}</label>
        <SelectInput id="two-step-phone" defaultValue={values.recoveryDeviceId ?? ''} {...register('recoveryDeviceId', { setValueAs: orNone })}>
          <option value="">{t('register.none')}</option>
          {devices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label} ({d.number}) · {t(d.institutionOwned ? 'devices.institutional' : 'devices.personal')}
            </option>
          ))}
        </SelectInput>
        {values.recoveryDeviceId ? (
          <small className="hint" id="two-step-phone-hint">
            {t('twoStatus.phoneByRequest')}
          </small>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="two-step-email">{t('twoStatus.email')}</label>
        <TextInput id="two-step-email" type="email" maxLength={254} {...register('recoveryEmail', { setValueAs: (v: string) => v.trim() })} />
      </div>
      <button type="submit">{t('twoStatus.save')}</button>
    </form>
  );
}

function Findings({ findings }: { findings: TwoStepView['findings'] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="two-step-findings">
      {findings.length === 0 ? (
        <p className="notice notice-ok">{t('twoStatus.ok')}</p>
      ) : (
        findings.map((f) => (
          <p key={`${f.rule}-${f.reason}`} className="notice notice-error">
            {labelFor('twoStatus.findings', f.reason)} · {t('rule', { rule: f.rule })}
          </p>
        ))
      )}
    </div>
  );
}
