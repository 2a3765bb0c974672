import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { useIncidents } from './useIncidents';

/** The home screen's open incidents (SUP-2): what is left of each, linking to its page. */
export function HomeIncidents({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const loaded = useIncidents('current');
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  if (loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="home-incidents-title">
      <h2 id="home-incidents-title">{t('incidents.home.title')}</h2>
      <ul>
        {loaded.data.map((i) => (
          <li key={i.incidentId} data-testid="home-incident">
            <Link to={paths.incident(i.incidentId)}>
              {t('incidents.home.line', { kind: t(`incidents.kinds.${i.kind}`), at: formatDateTime(i.occurredAt, timeZone) })}
            </Link>{' '}
            <span className="badge">{t('incidents.left', { count: i.left })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
