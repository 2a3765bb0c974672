import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { useHandovers } from './useHandover';

/** The handovers on the «Custodios» page, newest first, each linking to its checklist. */
export function HandoverList({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const loaded = useHandovers('all');
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  return (
    <section aria-labelledby="handovers-title">
      <h2 id="handovers-title">{t('keyholders.handovers')}</h2>
      {loaded.data.length === 0 ? <p className="muted">{t('keyholders.handoversNone')}</p> : null}
      <ul className="departures">
        {loaded.data.map((h) => (
          <li key={h.handoverId}>
            <Link to={paths.handover(h.handoverId)}>
              {t('keyholders.handoverLine', { role: t(`roles.${h.role}`), outgoing: h.outgoing.name, incoming: h.incoming.name })}
            </Link>{' '}
            {h.status === 'open' ? (
              <span className="badge badge-warn">{t('keyholders.handoverOpen', { left: t('keyholders.left', { count: h.progress.left }) })}</span>
            ) : h.status === 'completed' ? (
              <span className="badge state-applied">{t('keyholders.handoverCompleted', { when: formatDateTime(h.completedAt ?? h.startedAt, timeZone) })}</span>
            ) : (
              <span className="badge state-rejected">{t('handover.statuses.cancelled')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
