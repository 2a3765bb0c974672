import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_KINDS, SETTING_BOUNDS, type AccountKind, type BoundedSetting } from '../../../shared/domain';
import type { InstitutionSettings } from '../../../shared/rotation';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';

const GROUPS: { title: string; fields: BoundedSetting[] }[] = [
  { title: 'settings.policy', fields: ['policyMinLength'] },
  { title: 'settings.rotationTitle', fields: ['rotationIntervalDays', 'rotationWarningDays', 'applyWindowHours', 'rotateAfterUseHours', 'cosignExpiryHours'] },
  { title: 'settings.session', fields: ['idleLockMinutes', 'clipboardSeconds', 'revealSeconds'] },
];

/**
 * The institution's settings. Nothing changes here directly: the form sends a co-signed request
 * (POL-5) that the head authorizes on the home screen; the bounds are checked again in main.
 */
export function Settings() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<InstitutionSettings | null>(null);
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    call(api().settings.get({}))
      .then(setSettings)
      .catch((e: unknown) => setRefusal(asAppError(e)));
  }, []);

  if (!settings) return <ErrorNotice error={refusal} />;
  const set = (patch: Partial<InstitutionSettings>) => {
    setSent(false);
    setSettings({ ...settings, ...patch });
  };
  const setKind = (kind: AccountKind, text: string) => {
    const { [kind]: _dropped, ...others } = settings.kindIntervals;
    set({ kindIntervals: text === '' ? others : { ...others, [kind]: Number(text) } });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    try {
      await call(api().settings.propose({ settings, ...(note.trim() ? { note } : {}) }));
      setSent(true);
      setNote('');
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <form className="panel" noValidate onSubmit={(e) => void submit(e)}>
      <h1>{t('settings.title')}</h1>
      <p className="muted">{t('settings.intro')}</p>
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="settings-group">
          <legend>{t(group.title)}</legend>
          {group.fields.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`setting-${field}`}>{t(`settings.fields.${field}`)}</label>
              <input
                id={`setting-${field}`}
                type="number"
                step={1}
                min={SETTING_BOUNDS[field].min}
                max={SETTING_BOUNDS[field].max}
                value={settings[field]}
                onChange={(e) => set({ [field]: Number(e.target.value) })}
              />
            </div>
          ))}
          {group.title === 'settings.rotationTitle' ? (
            <>
              <label className="choice">
                <input type="checkbox" checked={settings.rotateAfterUse} onChange={(e) => set({ rotateAfterUse: e.target.checked })} />
                <span>{t('settings.fields.rotateAfterUse')}</span>
              </label>
              {ACCOUNT_KINDS.map((kind) => (
                <div className="field" key={kind}>
                  <label htmlFor={`setting-kind-${kind}`}>{t('settings.kindOverride', { kind: t(`kinds.${kind}`) })}</label>
                  <input id={`setting-kind-${kind}`} type="number" step={1} value={settings.kindIntervals[kind] ?? ''} onChange={(e) => setKind(kind, e.target.value)} />
                </div>
              ))}
            </>
          ) : null}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="settings-note">{t('settings.note')}</label>
        <textarea id="settings-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ErrorNotice error={refusal} />
      {sent ? <p className="notice notice-ok" role="status">{t('settings.proposed')}</p> : null}
      <button type="submit" className="primary">
        {t('settings.submit')}
      </button>
    </form>
  );
}
