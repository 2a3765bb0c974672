import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeView } from '../../../../shared/contract';
import { paths } from '../../app/paths';
import { paperForm } from '../../ui/format';

/** The home screen's line about the log: how many signed events and its head, read again after every action, and the way to the log. */
export function AuditSummary({ audit }: { audit: HomeView['audit'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="audit-summary-title">
      <h2 id="audit-summary-title">{t('audit.title')}</h2>
      <p>
        <span data-testid="home-event-count">{t('audit.homeSummary', { count: audit.events })}</span> · {t('audit.head')}{' '}
        <code data-testid="home-head">{paperForm(audit.headHash)}</code>
      </p>
      <p>
        <Link to={paths.audit}>{t('audit.open')}</Link>
      </p>
    </section>
  );
}
