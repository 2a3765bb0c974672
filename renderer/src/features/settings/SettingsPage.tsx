import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ACCOUNT_KINDS, SETTING_BOUNDS, type BoundedSetting } from '../../../../shared/domain';
import { institutionSettings, proposeSettingsRequest, type InstitutionSettings } from '../../../../shared/rotation';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { refusalOf } from '../../ui/form';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';

const GROUPS = [
  { title: 'settings.policy', fields: ['policyMinLength'] },
  { title: 'settings.rotationTitle', fields: ['rotationIntervalDays', 'rotationWarningDays', 'applyWindowHours', 'rotateAfterUseHours', 'cosignExpiryHours'] },
  { title: 'settings.session', fields: ['idleLockMinutes', 'clipboardSeconds', 'revealSeconds'] },
  { title: 'settings.backupTitle', fields: ['backupReminderDays'] },
] as const satisfies readonly { title: string; fields: readonly BoundedSetting[] }[];

/** The contract's proposal, with the per-kind intervals as typed (blank: the general interval applies). */
const settingsForm = proposeSettingsRequest.extend({
  settings: institutionSettings.extend({
    kindIntervals: z
      .partialRecord(z.enum(ACCOUNT_KINDS), z.string().optional())
      .transform((typed) => Object.fromEntries(Object.entries(typed).flatMap(([kind, days]) => (days ? [[kind, Number(days)]] : []))))
      .pipe(institutionSettings.shape.kindIntervals),
  }),
});
type SettingsValues = z.input<typeof settingsForm>;

const asFormValues = (settings: InstitutionSettings): SettingsValues => ({
  settings: { ...settings, kindIntervals: Object.fromEntries(Object.entries(settings.kindIntervals).map(([kind, days]) => [kind, String(days)])) },
  note: '',
});

/**
 * The institution's settings. Nothing changes here directly: the form sends a co-signed request
 * (POL-5) that the head authorizes on the home screen; the bounds are checked in main, which names them.
 */
export function SettingsPage() {
  const { may } = usePermissions();
  const current = useLoad(useCallback(() => call(api().settings.get({})), []));
  if (!current.data) return <ErrorNotice error={current.refusal} />;
  return may('settings.propose') ? <SettingsForm current={current.data} /> : <SettingsView current={current.data} />;
}

/** The settings in force, to read: for whoever decides changes to them and never proposes one. */
function SettingsView({ current }: { current: InstitutionSettings }) {
  const { t } = useTranslation();
  const kinds = ACCOUNT_KINDS.filter((kind) => current.kindIntervals[kind] !== undefined);
  return (
    <div className="panel">
      <h1>{t('settings.title')}</h1>
      <RoleNote action="settings.propose" what={t('settings.changes')} />
      {GROUPS.map((group) => (
        <section key={group.title} aria-labelledby={`settings-${group.title}`}>
          <h2 id={`settings-${group.title}`}>{t(group.title)}</h2>
          <dl className="facts">
            {group.fields.map((field) => (
              <div key={field} className="fact-row">
                <dt>{t(`settings.fields.${field}`)}</dt>
                <dd>{current[field]}</dd>
              </div>
            ))}
            {group.title === 'settings.rotationTitle' ? (
              <>
                <div className="fact-row">
                  <dt>{t('settings.fields.rotateAfterUse')}</dt>
                  <dd>{t(current.rotateAfterUse ? 'yes' : 'no')}</dd>
                </div>
                {kinds.map((kind) => (
                  <div key={kind} className="fact-row">
                    <dt>{t('settings.kindOverride', { kind: t(`kinds.${kind}`) })}</dt>
                    <dd>{current.kindIntervals[kind]}</dd>
                  </div>
                ))}
              </>
            ) : null}
          </dl>
        </section>
      ))}
    </div>
  );
}

function SettingsForm({ current }: { current: InstitutionSettings }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, setValue, getValues } = useForm<SettingsValues, unknown, z.output<typeof settingsForm>>({
    resolver: zodResolver(settingsForm),
    defaultValues: asFormValues(current),
  });
  const propose = useAction((request: z.output<typeof settingsForm>) => call(api().settings.propose(request)));

  const submit = handleSubmit(
    async ({ settings, note }) => {
      if (!(await propose.run({ settings, ...(note ? { note } : {}) })).ok) return;
      setSent(true);
      setValue('note', '');
    },
    () => propose.setRefusal(refusalOf(settingsForm, getValues())),
  );

  // A changed setting is a new proposal to make; a note typed after sending is not.
  return (
    <form
      className="panel"
      noValidate
      onSubmit={submit}
      onChange={(e) => e.target instanceof Element && e.target.getAttribute('name') !== 'note' && setSent(false)}
    >
      <h1>{t('settings.title')}</h1>
      <p className="muted">{t('settings.intro')}</p>
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="settings-group">
          <legend>{t(group.title)}</legend>
          {group.fields.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`setting-${field}`}>{t(`settings.fields.${field}`)}</label>
              {/* A cleared field is 0, which main refuses naming the setting and its bounds. */}
              <TextInput
                id={`setting-${field}`}
                type="number"
                step={1}
                min={SETTING_BOUNDS[field].min}
                max={SETTING_BOUNDS[field].max}
                {...register(`settings.${field}`, { setValueAs: Number })}
              />
            </div>
          ))}
          {group.title === 'settings.rotationTitle' ? (
            <>
              <label className="choice">
                <input type="checkbox" {...register('settings.rotateAfterUse')} />
                <span>{t('settings.fields.rotateAfterUse')}</span>
              </label>
              {ACCOUNT_KINDS.map((kind) => (
                <div className="field" key={kind}>
                  <label htmlFor={`setting-kind-${kind}`}>{t('settings.kindOverride', { kind: t(`kinds.${kind}`) })}</label>
                  <TextInput id={`setting-kind-${kind}`} type="number" step={1} {...register(`settings.kindIntervals.${kind}`)} />
                </div>
              ))}
            </>
          ) : null}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="settings-note">{t('settings.note')}</label>
        <TextArea id="settings-note" maxLength={500} {...register('note')} />
      </div>
      <ErrorNotice error={propose.refusal} />
      <DuplicateLink refusal={propose.refusal} />
      <RoleNote action="settings.propose" what={t('settings.changes')} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('settings.proposed')}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {t('settings.submit')}
      </button>
    </form>
  );
}
