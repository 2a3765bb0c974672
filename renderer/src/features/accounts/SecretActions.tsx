import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';

/**
 * Reveal (shown for the configured seconds, then dropped from memory) and copy (the main process
 * clears the clipboard later). Each is audited and recorded as an exposure in main.
 */
export function SecretActions({ accountId, stage = 'current', label }: { accountId: string; stage?: 'current' | 'authorized'; label: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ secret: string; until: number } | null>(null);
  const [copiedFor, setCopiedFor] = useState<number | null>(null);
  // Dropped from the page and from memory once its time is up, not just hidden.
  const left = useSecondsUntil(shown?.until ?? null, () => setShown(null));
  const read = useAction(async (how: 'reveal' | 'copy') => {
    if (how === 'copy') return setCopiedFor((await call(api().credentials.copy({ accountId, stage }))).clearAfterSeconds);
    const revealed = await call(api().credentials.reveal({ accountId, stage }));
    setShown({ secret: revealed.secret, until: Date.now() + revealed.hideAfterSeconds * 1000 });
  });

  return (
    <div role="group" aria-label={label}>
      <div className="row-actions">
        {shown ? (
          <button type="button" onClick={() => setShown(null)}>
            {t('account.hide')}
          </button>
        ) : (
          <button type="button" onClick={() => void read.run('reveal')}>
            {t('account.reveal')}
          </button>
        )}
        <button type="button" onClick={() => void read.run('copy')}>
          {t('account.copy')}
        </button>
      </div>
      {shown ? (
        <p className="secret" aria-live="polite">
          <code data-testid="revealed-secret">{shown.secret}</code> <small className="muted">{t('account.revealed', { seconds: left })}</small>
        </p>
      ) : null}
      {copiedFor ? (
        <p className="notice" role="status">
          {t('account.copied', { seconds: copiedFor })}
        </p>
      ) : null}
      <ErrorNotice error={read.refusal} />
    </div>
  );
}
