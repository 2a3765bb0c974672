import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDate } from '../../ui/format';

/**
 * Issue 18 on the home screen: a new backup is due when there is none yet (a new vault is told at
 * once) or the last one, as the signed log dates it, is as old as the co-signed reminder days.
 */
export function HomeBackupReminder({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(useCallback(() => call(api().backup.reminder({})), []));
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { due, last, unverified } = loaded.data;
  if (!due) return null;
  const text = unverified
    ? t('backup.reminder.unverified')
    : last
      ? t('backup.reminder.old', { date: formatDate(last.at, timeZone), count: last.ageDays })
      : t('backup.reminder.none');
  return (
    <section aria-labelledby="home-backup-title" data-testid="backup-reminder">
      <h2 id="home-backup-title">{t('backup.reminder.title')}</h2>
      <p className="notice">
        {text} <Link to={paths.backup}>{t('backup.reminder.go')}</Link>
      </p>
    </section>
  );
}
