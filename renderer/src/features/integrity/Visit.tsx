import { useTranslation } from 'react-i18next';
import type { LastVisit } from '../../../../shared/integrity';
import { labelFor } from '../../i18n/keys';
import { formatDateTime } from '../../ui/format';

/** "Since your last visit": what was signed since the head this person last saw, by whom and what; or that the chain no longer holds it. */
export function Visit({ visit, zone, nameOf }: { visit: LastVisit | null; zone: string; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  if (!visit) return null;
  if (visit.state === 'first') return <p className="muted">{t('integrity.first')}</p>;
  if (visit.state === 'unreadable')
    return (
      <p className="notice notice-error" role="alert">
        {t('integrity.unreadable')}
      </p>
    );
  const at = visit.seenAt ? formatDateTime(visit.seenAt, zone) : '—';
  if (visit.state === 'rolled_back') {
    return (
      <p className="notice notice-error" role="alert">
        {t('integrity.rolledBack', { seq: visit.seenSeq, at, eventsText: t('integrity.chainEvents', { count: visit.chainEvents }) })}
      </p>
    );
  }
  if (visit.events === 0) return <p>{t('integrity.sinceNone', { seq: visit.seenSeq, at })}</p>;
  return (
    <div>
      <p>{t('integrity.since', { seq: visit.seenSeq, at, count: visit.events })}</p>
      <ul>
        {Object.entries(visit.byActor).map(([id, count]) => (
          <li key={id}>{t('integrity.sinceBy', { name: nameOf(id), count })}</li>
        ))}
      </ul>
      <p className="muted">
        {Object.entries(visit.byAction)
          .map(([action, count]) => `${labelFor('auditActions', action)} × ${count}`)
          .join(' · ')}
      </p>
    </div>
  );
}
