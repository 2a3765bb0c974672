import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';

/** The home screen's departures with items still open (HAND-2, HAND-3), each linking to the person's checklist. */
export function HomeDepartures({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(useCallback(() => call(api().departures.list({})), []));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  if (loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="departures-title">
      <h2 id="departures-title">{t('departures.title')}</h2>
      <ul className="departures">
        {loaded.data.map((d) => (
          <li key={d.personId}>
            <Link to={paths.person(d.personId)}>{t('departures.line', { name: d.name, when: formatDateTime(d.leavingAt, timeZone) })}</Link>{' '}
            <span className="badge badge-warn">{t('departures.open', { count: d.openItems })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
