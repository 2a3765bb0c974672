import { useTranslation } from 'react-i18next';
import type { HandoverProgress } from '../../../../shared/handover';

/** A handover's progress: the bar of account items, then each kind of thing still blocking the completion. */
export function ProgressSummary({ progress: p, completed = false }: { progress: HandoverProgress; completed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="handover-progress">
      <p className="departure-progress">
        <progress value={p.itemsDone} max={Math.max(p.itemsTotal, 1)} aria-label={t('handover.progressLabel')} />{' '}
        <span data-testid="handover-progress">{t('handover.progress', { done: p.itemsDone, total: p.itemsTotal })}</span>
      </p>
      {p.left === 0 ? (
        completed ? null : (
          <p className="notice notice-ok">{t('handover.nothingLeft')}</p>
        )
      ) : (
        <ul className="changes" data-testid="handover-left">
          {p.accountsLeft > 0 ? <li>{t('handover.accountsLeft', { count: p.accountsLeft })}</li> : null}
          {p.exposuresLeft > 0 ? <li>{t('handover.exposuresLeft', { count: p.exposuresLeft })}</li> : null}
          {p.departureLeft > 0 ? <li>{t('handover.departureLeft', { count: p.departureLeft })}</li> : null}
        </ul>
      )}
    </div>
  );
}
