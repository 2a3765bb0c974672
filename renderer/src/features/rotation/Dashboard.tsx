import { useTranslation } from 'react-i18next';
import type { DashboardRow } from '../../../../shared/rotation';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, isPast, platformLabel } from '../../ui/format';
import { VirtualList } from '../../ui/VirtualList';
import { usePermissions } from '../vault/usePermissions';
import { useDashboardPages } from './useDashboardPages';

/**
 * POL-4 on unlock: overdue, due soon and next due, counts by platform, and one click to an
 * account's password section. Main counts over every row and sends the rows one page at a time
 * (./useDashboardPages.ts), so that the first paint after unlock carries a page, not 10,000 rows;
 * the list is virtualized and asks for the pages it scrolls to.
 */
export function Dashboard({ intervalDays, onRotate }: { intervalDays: number; onRotate: (accountId: string) => void }) {
  const { t } = useTranslation();
  const { summary: view, rowAt, onRange, refusal } = useDashboardPages();
  if (!view) return <ErrorNotice error={refusal} />;
  const { counts, byPlatform, next } = view;
  const now = Date.parse(view.now);
  const stats: [string, number, string][] = [
    [t('dashboard.overdue'), counts.overdue, 'stat-bad'],
    [t('dashboard.dueSoon'), counts.due_soon, 'stat-warn'],
    [t('dashboard.missing'), counts.missing, 'stat-bad'],
    [t('dashboard.awaitingApply'), counts.awaitingApply, counts.lateApply > 0 ? 'stat-bad' : 'stat-warn'],
  ];

  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      <p className="muted">{t('dashboard.intro', { count: intervalDays, zone: view.timeZone })}</p>
      <dl className="stats">
        {stats.map(([label, n, tone]) => (
          <div key={label} className={n > 0 ? `stat ${tone}` : 'stat'}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
        <div className="stat">
          <dt>{t('dashboard.nextDue')}</dt>
          <dd className="stat-text">{next?.dueAt ? `${next.displayName} · ${formatDateTime(next.dueAt, view.timeZone)}` : t('dashboard.nothingDue')}</dd>
        </div>
      </dl>
      {counts.lateApply > 0 ? <p className="notice notice-error">{t('dashboard.lateApplyNotice', { count: counts.lateApply })}</p> : null}

      {byPlatform.length > 0 ? (
        <table>
          <caption>{t('dashboard.byPlatform')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.platform')}</th>
              <th scope="col">{t('dashboard.total')}</th>
              <th scope="col">{t('dashboard.missing')}</th>
              <th scope="col">{t('dashboard.overdue')}</th>
              <th scope="col">{t('dashboard.dueSoon')}</th>
            </tr>
          </thead>
          <tbody>
            {byPlatform.map((p) => (
              <tr key={p.platform}>
                <td>{platformLabel(p.platform)}</td>
                <td>{p.total}</td>
                <td>{p.missing}</td>
                <td>{p.overdue}</td>
                <td>{p.dueSoon}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3>{t('dashboard.list')}</h3>
      {view.total === 0 ? <p className="muted">{t('dashboard.empty')}</p> : null}
      {refusal ? <ErrorNotice error={refusal} /> : null}
      <VirtualList
        count={view.total}
        itemAt={rowAt}
        onRange={onRange}
        rowHeight={48}
        label={t('dashboard.list')}
        className="deadline-list"
        rowClassName="deadline-row"
        keyOf={(row) => row.accountId}
        placeholder={<span className="muted">{t('accounts.loading')}</span>}
      >
        {(row) => <DeadlineRow row={row} timeZone={view.timeZone} now={now} onRotate={onRotate} />}
      </VirtualList>
    </section>
  );
}

/** A due date worded as past («venció el …») or ahead («vence el …»). */
export function useDueWords() {
  const { t } = useTranslation();
  return (dueAt: string, timeZone: string, now: number, capitalized = false) => {
    const when = formatDateTime(dueAt, timeZone);
    if (capitalized) return isPast(dueAt, now) ? t('rotation.duePast', { when }) : t('rotation.due', { when });
    return isPast(dueAt, now) ? t('dashboard.duePast', { when }) : t('dashboard.due', { when });
  };
}

function DeadlineRow({ row, timeZone, now, onRotate }: { row: DashboardRow; timeZone: string; now: number; onRotate: (accountId: string) => void }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const due = useDueWords();
  const waiting = row.awaitingApply;
  const detail = [
    row.dueAt ? due(row.dueAt, timeZone, now) + (row.dueAfterUse ? ` (${t('dashboard.dueAfterUse')})` : '') : null,
    waiting ? t(waiting.late ? 'dashboard.waitingLate' : 'dashboard.waiting', { n: waiting.versionN }) : null,
    row.pendingRequest ? t('dashboard.pendingRequest') : null,
  ].filter(Boolean);
  // "Rotar" only to whoever may propose the new password; anyone else opens the account.
  const actionable = may('credential.propose') && !waiting && !row.pendingRequest && row.status !== 'ok';
  return (
    <>
      <span className={`badge status-${row.status}`}>{t(`dashboard.status.${row.status}`)}</span>
      <span className="account-name">
        {row.displayName} <span className="muted">({platformLabel(row.platform)})</span>
      </span>
      <span className="muted">{detail.join(' · ')}</span>
      <button
        type="button"
        className={actionable ? 'primary' : undefined}
        aria-label={`${actionable ? t('dashboard.rotate') : t('dashboard.open')}: ${row.displayName}`}
        onClick={() => onRotate(row.accountId)}
      >
        {actionable ? t('dashboard.rotate') : t('dashboard.open')}
      </button>
    </>
  );
}
