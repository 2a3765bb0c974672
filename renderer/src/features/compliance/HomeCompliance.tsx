import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** The home screen's compliance counts (SUP-1), leading to the matrix. */
export function HomeCompliance() {
  const { t } = useTranslation();
  const loaded = useLoad(useCallback(() => call(api().compliance.summary({})), []));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { counts } = loaded.data;
  return (
    <section aria-labelledby="home-compliance-title">
      <h2 id="home-compliance-title">{t('compliance.home.title')}</h2>
      <p data-testid="home-compliance">
        {counts.red + counts.amber === 0
          ? t('compliance.home.all')
          : t('compliance.home.line', { red: counts.red, amber: counts.amber, accounts: counts.accountsRed, people: counts.peopleRed })}{' '}
        <Link to={paths.compliance}>{t('compliance.home.open')}</Link>
      </p>
    </section>
  );
}
