import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/result';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * The vault's folder or disk fails (full, read-only, unreadable, in use by another instance, a
 * newer format): say which and what to do, offer to look again, and never offer a ceremony here.
 */
export function VaultUnavailable({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel narrow">
      <h1>{t('unavailable.title')}</h1>
      <ErrorNotice error={error} />
      <button type="button" onClick={onRetry}>
        {t('unavailable.retry')}
      </button>
    </div>
  );
}
