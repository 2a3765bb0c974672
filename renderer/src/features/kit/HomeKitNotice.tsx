import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * Issue 18, scope 6, on the home screen: a new emergency kit is needed when none was ever issued,
 * or the last one was used in a recovery or made useless by a re-key (docs/decisions/0009-emergency-kit.md).
 */
export function HomeKitNotice() {
  const { t } = useTranslation();
  const loaded = useLoad(useCallback(() => call(api().kit.status({})), []));
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { newKitNeeded, reason } = loaded.data;
  if (!newKitNeeded || !reason) return null;
  return (
    <section aria-labelledby="home-kit-title" data-testid="kit-needed">
      <h2 id="home-kit-title">{t('kit.home.title')}</h2>
      <p className="notice">
        {t(`kit.home.${reason}`)} <Link to={paths.kit}>{t('kit.home.go')}</Link>
      </p>
    </section>
  );
}
