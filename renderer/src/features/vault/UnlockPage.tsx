import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { unlockRequest, type KeyholderBadge, type SessionInfo } from '../../../../shared/contract';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';

type UnlockValues = { keyholderId: string; passphrase: string };

/** The lock screen: keyholders by role and fingerprint (names are sealed), then that person's passphrase. */
export function UnlockPage({
  keyholders,
  initialRetryAt,
  notice,
  onUnlocked,
  children,
}: {
  keyholders: KeyholderBadge[];
  initialRetryAt: number | null;
  notice: string | null;
  onUnlocked: (session: SessionInfo) => void;
  /** Under the form: another way in (issue 18, the emergency kit when every passphrase is lost). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [retryAt, setRetryAt] = useState<number | null>(initialRetryAt);
  const wait = useSecondsUntil(retryAt);
  const { register, handleSubmit, control, setValue, setFocus } = useForm<UnlockValues>({
    resolver: zodResolver(unlockRequest),
    defaultValues: { keyholderId: keyholders.find((k) => !k.revoked)?.id ?? '', passphrase: '' },
  });
  const [keyholderId, passphrase] = useWatch({ control, name: ['keyholderId', 'passphrase'] });
  const unlock = useAction((values: UnlockValues) => call(api().vault.unlock(values)));

  // The passphrase is what this screen is for: a keyboard alone unlocks.
  useEffect(() => setFocus('passphrase'), [setFocus]);

  const submit = handleSubmit(async (values) => {
    const result = await unlock.run(values);
    setValue('passphrase', '');
    if (result.ok) onUnlocked(result.value);
    else if (typeof result.error.details?.retryAt === 'number') setRetryAt(result.error.details.retryAt);
  });

  return (
    <form className="panel narrow" onSubmit={submit} aria-busy={unlock.busy}>
      <h1>{t('unlock.title')}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('unlock.who')}</legend>
        {keyholders.map((k) => (
          <label key={k.id} className="choice">
            <input type="radio" value={k.id} {...register('keyholderId')} />
            <span>
              <strong>{t(`roles.${k.role}`)}</strong>
              {k.revoked ? <span className="badge badge-warn">{t('unlock.revoked')}</span> : null}
              <small>
                {t('unlock.fingerprint')} {k.fingerprint}
              </small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="unlock-passphrase">{t('unlock.passphrase')}</label>
        <TextInput id="unlock-passphrase" type="password" autoComplete="current-password" {...register('passphrase')} />
      </div>
      <ErrorNotice error={unlock.refusal} />
      {wait > 0 ? (
        <p className="notice" role="status" data-testid="unlock-wait">
          {wait <= 90 ? t('unlock.wait', { seconds: wait }) : t('unlock.waitMinutes', { minutes: Math.floor(wait / 60), seconds: wait % 60 })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={unlock.busy || wait > 0 || !passphrase || !keyholderId}>
          {unlock.busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </div>
      {children}
    </form>
  );
}
