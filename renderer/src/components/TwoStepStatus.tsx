import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { TWO_STEP_METHODS, type TwoStepMethod } from '../../../shared/totp';
import type { DeviceView, TwoStepView } from '../../../shared/two-step';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from './ErrorNotice';

/** How the account's second step is done, its recovery phone and e-mail, and whether SEC-1 and SEC-3 hold. */
export function TwoStepStatus({ accountId, keyholders }: { accountId: string; keyholders: KeyholderView[] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<TwoStepView | null>(null);
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [form, setForm] = useState<{ method: TwoStepMethod; deviceId: string; email: string }>({ method: 'totp_vault', deviceId: '', email: '' });
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const [status, all] = await Promise.all([call(api().twoStep.get({ accountId })), call(api().devices.list({}))]);
    setView(status);
    setDevices(all);
    setForm({ method: status.method ?? 'totp_vault', deviceId: status.recoveryDevice?.id ?? '', email: status.recoveryEmail ?? '' });
  }, [accountId]);
  useEffect(() => {
    load().catch((e: unknown) => setRefusal(asAppError(e)));
  }, [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    try {
      await call(
        api().twoStep.update({
          accountId,
          twoStep: { method: form.method, ...(form.deviceId ? { recoveryDeviceId: form.deviceId } : {}), ...(form.email.trim() ? { recoveryEmail: form.email } : {}) },
        }),
      );
      await load();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  if (!view) return <ErrorNotice error={refusal} />;
  return (
    <section aria-labelledby="two-step-status-title">
      <h3 id="two-step-status-title">{t('twoStatus.title')}</h3>
      <div data-testid="two-step-findings">
        {view.findings.length === 0 ? (
          <p className="notice notice-ok">{t('twoStatus.ok')}</p>
        ) : (
          view.findings.map((f) => (
            <p key={`${f.rule}-${f.reason}`} className="notice notice-error">
              {t(`twoStatus.findings.${f.reason}`)} · {t('rule', { rule: f.rule })}
            </p>
          ))
        )}
      </div>
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor="two-step-method">{t('twoStatus.method')}</label>
          <select id="two-step-method" value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as TwoStepMethod })}>
            {TWO_STEP_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`twoStatus.methods.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="two-step-phone">{t('twoStatus.phone')}</label>
          <select id="two-step-phone" value={form.deviceId} onChange={(e) => setForm({ ...form, deviceId: e.target.value })}>
            <option value="">{t('register.none')}</option>
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label} ({d.number}) · {t(d.institutionOwned ? 'devices.institutional' : 'devices.personal')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="two-step-email">{t('twoStatus.email')}</label>
          <input id="two-step-email" type="email" value={form.email} maxLength={254} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </div>
        <button type="submit">{t('twoStatus.save')}</button>
      </form>
      <NewDeviceForm keyholders={keyholders} onAdded={() => void load()} />
      <ErrorNotice error={refusal} />
    </section>
  );
}

function NewDeviceForm({ keyholders, onAdded }: { keyholders: KeyholderView[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [number, setNumber] = useState('');
  const [owned, setOwned] = useState(true);
  const [holder, setHolder] = useState('');
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    try {
      await call(api().devices.add({ label, number, institutionOwned: owned, ...(holder ? { holderKeyholderId: holder } : {}) }));
      setLabel('');
      setNumber('');
      onAdded();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <form className="inline-form" aria-labelledby="device-form-title" onSubmit={(e) => void submit(e)}>
      <h4 id="device-form-title" className="form-title">{t('devices.add')}</h4>
      <div className="field">
        <label htmlFor="device-label">{t('devices.label')}</label>
        <input id="device-label" value={label} required maxLength={100} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="device-number">{t('devices.number')}</label>
        <input id="device-number" type="tel" value={number} required maxLength={30} onChange={(e) => setNumber(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="device-holder">{t('devices.holder')}</label>
        <select id="device-holder" value={holder} onChange={(e) => setHolder(e.target.value)}>
          <option value="">{t('register.none')}</option>
          {keyholders.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({t(`roles.${k.role}`)})
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input type="checkbox" checked={owned} onChange={(e) => setOwned(e.target.checked)} />
        <span>{t('devices.owned')}</span>
      </label>
      <button type="submit">{t('devices.register')}</button>
      <ErrorNotice error={refusal} />
    </form>
  );
}
