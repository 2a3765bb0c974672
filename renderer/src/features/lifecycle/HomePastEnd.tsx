import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { usePermissions } from '../vault/usePermissions';

/** LIFE-2 on the home screen: support accounts past their end date, each with «Solicitar baja». */
export function HomePastEnd() {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const loaded = useLoad(useCallback(() => call(api().lifecycle.pastEnd({})), []));
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  if (loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="home-past-end-title">
      <h2 id="home-past-end-title">{t('lifecycle.pastEnd.title', { count: loaded.data.length })}</h2>
      <ul>
        {loaded.data.map((a) => (
          <li key={a.accountId} data-testid="past-end">
            <Link to={paths.account(a.accountId)}>
              {t('lifecycle.pastEnd.row', { account: a.displayName, platform: platformLabel(a.platform), date: a.supportEnd })}
            </Link>{' '}
            {a.decommissionOpen ? (
              <span className="badge">{t('lifecycle.pastEnd.open')}</span>
            ) : may('account.decommission') ? (
              <Link className="button" to={paths.decommissionAccount(a.accountId)}>
                {t('lifecycle.pastEnd.request')}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
