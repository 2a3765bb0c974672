import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { useSecondsUntil } from '../hooks/useSecondsUntil';
import { ErrorNotice } from './ErrorNotice';

/**
 * Reveal (shown for the configured seconds, then dropped from memory) and copy (the main process
 * clears the clipboard later). Each is audited and recorded as an exposure in main.
 */
export function SecretActions({ accountId, stage = 'current', label, onRead }: { accountId: string; stage?: 'current' | 'authorized'; label: string; onRead: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ secret: string; until: number } | null>(null);
  const [copiedFor, setCopiedFor] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const left = useSecondsUntil(shown?.until ?? null);

  useEffect(() => {
    if (shown && left === 0) setShown(null);
  }, [shown, left]);

  const reveal = async () => {
    setRefusal(null);
    try {
      const revealed = await call(api().credentials.reveal({ accountId, stage }));
      setShown({ secret: revealed.secret, until: Date.now() + revealed.hideAfterSeconds * 1000 });
      onRead();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  const copy = async () => {
    setRefusal(null);
    try {
      setCopiedFor((await call(api().credentials.copy({ accountId, stage }))).clearAfterSeconds);
      onRead();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <div role="group" aria-label={label}>
      <div className="row-actions">
        {shown ? (
          <button type="button" onClick={() => setShown(null)}>
            {t('account.hide')}
          </button>
        ) : (
          <button type="button" onClick={() => void reveal()}>
            {t('account.reveal')}
          </button>
        )}
        <button type="button" onClick={() => void copy()}>
          {t('account.copy')}
        </button>
      </div>
      {shown ? (
        <p className="secret" aria-live="polite">
          <code data-testid="revealed-secret">{shown.secret}</code> <small className="muted">{t('account.revealed', { seconds: left })}</small>
        </p>
      ) : null}
      {copiedFor ? <p className="notice" role="status">{t('account.copied', { seconds: copiedFor })}</p> : null}
      <ErrorNotice error={refusal} />
    </div>
  );
}
