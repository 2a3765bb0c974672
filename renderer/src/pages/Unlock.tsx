import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderBadge, SessionInfo } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSecondsUntil } from '../hooks/useSecondsUntil';

export function Unlock({ keyholders, initialRetryAt, notice, onUnlocked }: { keyholders: KeyholderBadge[]; initialRetryAt: number | null; notice: string | null; onUnlocked: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [keyholderId, setKeyholderId] = useState(keyholders[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(initialRetryAt);
  const wait = useSecondsUntil(retryAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const session = await call(api().vault.unlock({ keyholderId, passphrase }));
      setPassphrase('');
      onUnlocked(session);
    } catch (e) {
      const error = asAppError(e);
      setRefusal(error);
      setPassphrase('');
      const next = error.details?.retryAt;
      if (typeof next === 'number') setRetryAt(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel narrow" onSubmit={submit} aria-busy={busy}>
      <h1>{t('unlock.title')}</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <fieldset>
        <legend>{t('unlock.who')}</legend>
        {keyholders.map((k) => (
          <label key={k.id} className="choice">
            <input type="radio" name="keyholder" value={k.id} checked={keyholderId === k.id} onChange={() => setKeyholderId(k.id)} />
            <span>
              <strong>{t(`roles.${k.role}`)}</strong>
              <small>
                {t('unlock.fingerprint')} {k.fingerprint}
              </small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="unlock-passphrase">{t('unlock.passphrase')}</label>
        <input id="unlock-passphrase" type="password" autoComplete="current-password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      <ErrorNotice error={refusal} />
      {wait > 0 ? <p className="notice" role="status">{t('unlock.wait', { seconds: wait })}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || wait > 0 || !passphrase || !keyholderId}>
          {busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </div>
    </form>
  );
}
