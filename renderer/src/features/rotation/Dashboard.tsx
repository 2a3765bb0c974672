import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardRow } from '../../../../shared/rotation';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, platformLabel } from '../../ui/format';
import { VirtualList } from '../../ui/VirtualList';

/**
 * POL-4 on unlock: overdue, due soon and next due, counts by platform, and one click to start a
 * rotation. The list is virtualized so that it stays fluid at 10,000 accounts.
 */
export function Dashboard({ intervalDays, onRotate }: { intervalDays: number; onRotate: (accountId: string) => void }) {
  const { t } = useTranslation();
  const { data: view, refusal } = useLoad(useCallback(() => call(api().rotation.dashboard({})), []));
  if (!view) return <ErrorNotice error={refusal} />;
  const next = view.rows.find((r) => r.status === 'ok');
  const counts: [string, number, string][] = [
    [t('dashboard.overdue'), view.counts.overdue, 'stat-bad'],
    [t('dashboard.dueSoon'), view.counts.due_soon, 'stat-warn'],
    [t('dashboard.missing'), view.counts.missing, 'stat-bad'],
    [t('dashboard.awaitingApply'), view.counts.awaitingApply, view.counts.lateApply > 0 ? 'stat-bad' : 'stat-warn'],
  ];

  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      <p className="muted">{t('dashboard.intro', { days: intervalDays, zone: view.timeZone })}</p>
      <dl className="stats">
        {counts.map(([label, n, tone]) => (
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
      {view.counts.lateApply > 0 ? <p className="notice notice-error">{t('dashboard.lateApply')}: {view.counts.lateApply}</p> : null}

      {view.byPlatform.length > 0 ? (
        <table>
          <caption>{t('dashboard.byPlatform')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.platform')}</th>
              <th scope="col">{t('dashboard.total')}</th>
              <th scope="col">{t('dashboard.overdue')}</th>
              <th scope="col">{t('dashboard.dueSoon')}</th>
            </tr>
          </thead>
          <tbody>
            {view.byPlatform.map((p) => (
              <tr key={p.platform}>
                <td>{platformLabel(p.platform)}</td>
                <td>{p.total}</td>
                <td>{p.overdue}</td>
                <td>{p.dueSoon}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3>{t('dashboard.list')}</h3>
      {view.rows.length === 0 ? <p className="muted">{t('dashboard.empty')}</p> : null}
      <VirtualList items={view.rows} rowHeight={48} label={t('dashboard.list')} className="deadline-list" rowClassName="deadline-row" keyOf={(row) => row.accountId}>
        {(row) => <DeadlineRow row={row} timeZone={view.timeZone} onRotate={onRotate} />}
      </VirtualList>
    </section>
  );
}

function DeadlineRow({ row, timeZone, onRotate }: { row: DashboardRow; timeZone: string; onRotate: (accountId: string) => void }) {
  const { t } = useTranslation();
  const waiting = row.awaitingApply;
  const detail = [
    row.dueAt ? t('dashboard.due', { when: formatDateTime(row.dueAt, timeZone) }) + (row.dueAfterUse ? ` (${t('dashboard.dueAfterUse')})` : '') : null,
    waiting ? t(waiting.late ? 'dashboard.waitingLate' : 'dashboard.waiting', { n: waiting.versionN }) : null,
    row.pendingRequest ? t('dashboard.pendingRequest') : null,
  ].filter(Boolean);
  const actionable = !waiting && !row.pendingRequest && row.status !== 'ok';
  return (
    <>
      <span className={`badge status-${row.status}`}>{t(`dashboard.status.${row.status}`)}</span>
      <span className="account-name">
        {row.displayName} <span className="muted">({platformLabel(row.platform)})</span>
      </span>
      <span className="muted">{detail.join(' · ')}</span>
      <button type="button" className={actionable ? 'primary' : undefined} aria-label={`${actionable ? t('dashboard.rotate') : t('dashboard.open')}: ${row.displayName}`} onClick={() => onRotate(row.accountId)}>
        {actionable ? t('dashboard.rotate') : t('dashboard.open')}
      </button>
    </>
  );
}
