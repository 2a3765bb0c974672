import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { HandConfirmedAction, IncidentAccountView, IncidentActionView } from '../../../../shared/incidents';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDate, formatDateTime } from '../../ui/format';
import { usePermissions } from '../vault/usePermissions';
import { useVaultSession } from '../vault/session';
import { OutsideChangeForm, ReportForm } from './IncidentForms';
import { useIncident } from './useIncidents';

/** Where each action is done: the account's password (the rotation), its second step (the seed), its people and roles. */
const WHERE = { rotate_password: 'password', replace_seed: 'two-step', review_roles: 'summary' } as const;
const LINK_TEXT = { rotate_password: 'incidents.goPassword', replace_seed: 'incidents.goTwoStep', review_roles: 'incidents.goRoles' } as const;

/** One incident (SUP-2): its actions per affected account, each linked to where it is done, its reports, outside changes and closing. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const { t } = useTranslation();
  const { timeZone } = useVaultSession().home.institution;
  const permissions = usePermissions();
  const loaded = useIncident(incidentId);
  const confirm = useAction((accountId: string, action: HandConfirmedAction) => call(api().incidents.confirm({ incidentId, accountId, action })));
  const close = useAction(() => call(api().incidents.close({ incidentId })));
  const i = loaded.data;
  if (!i) return <ErrorNotice error={loaded.refusal} />;
  const writable = i.status === 'open' && permissions.may('incident.record');

  const actionCell = (a: IncidentAccountView, x: IncidentActionView) => {
    if (x.state === 'done' && x.byBaja) return t('incidents.doneByBaja', { name: x.by?.name ?? '—', at: x.at ? formatDateTime(x.at, timeZone) : '' });
    if (x.state === 'done') return x.by ? t('incidents.doneBy', { name: x.by.name, at: x.at ? formatDateTime(x.at, timeZone) : '' }) : t('incidents.done');
    const where = x.action === 'close_sessions' ? null : WHERE[x.action];
    return (
      <>
        {x.missing ? <span>{t(`incidents.missing.${x.missing}`)} </span> : null}
        {where && i.status === 'open' ? <Link to={paths.account(a.accountId, where)}>{t(LINK_TEXT[x.action as keyof typeof LINK_TEXT])}</Link> : null}{' '}
        {x.confirmable && writable ? (
          <button
            type="button"
            aria-label={t('incidents.confirmOn', { action: t(`incidents.actions.${x.action}`), account: a.accountName })}
            disabled={confirm.busy}
            onClick={() => void confirm.run(a.accountId, x.action as HandConfirmedAction)}
          >
            {t('incidents.confirm')}
          </button>
        ) : null}
      </>
    );
  };

  return (
    <div className="panel">
      <p>
        <Link to={paths.incidents}>{t('incidents.back')}</Link>
      </p>
      <h1>
        {t(`incidents.kinds.${i.kind}`)} · {formatDateTime(i.occurredAt, timeZone)}
      </h1>
      <p>
        <span className="badge">{i.status === 'closed' ? t('incidents.closed') : t('incidents.open')}</span>{' '}
        {i.status === 'open' ? t('incidents.left', { count: i.left }) : null}
      </p>
      <p className="muted">{t('incidents.recorded', { name: i.recordedBy.name, at: formatDateTime(i.recordedAt, timeZone) })}</p>
      {i.closedBy && i.closedAt ? (
        <p className="muted">{t('incidents.closedBy', { name: i.closedBy.name, at: formatDateTime(i.closedAt, timeZone) })}</p>
      ) : null}
      <h2>{t('incidents.description')}</h2>
      <p className="prewrap">{i.description}</p>

      <h2>{t('incidents.affected')}</h2>
      <ErrorNotice error={confirm.refusal} />
      {i.accounts.map((a) => (
        <section key={a.accountId} className="subpanel" aria-label={a.accountName} data-testid="incident-account">
          <h3>
            <Link to={paths.account(a.accountId)}>{a.accountName}</Link>
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('incidents.columns.action')}</th>
                <th scope="col">{t('incidents.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {a.actions.map((x) => (
                <tr key={x.action} data-state={x.state}>
                  <td>{t(`incidents.actions.${x.action}`)}</td>
                  <td>{actionCell(a, x)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      <h2>{t('incidents.reports')}</h2>
      {i.reports.length === 0 ? <p>{t('incidents.reportMissing')}</p> : null}
      <ul>
        {i.reports.map((r) => (
          <li key={r.recipient}>
            {t('incidents.reportLine', {
              recipient: t(`incidents.recipients.${r.recipient}`),
              reference: r.reference,
              date: formatDate(`${r.reportedOn}T12:00:00Z`, 'UTC'),
            })}
          </li>
        ))}
      </ul>
      {writable ? <ReportForm incidentId={i.incidentId} timeZone={timeZone} /> : null}

      <h2>{t('incidents.outside')}</h2>
      <p className="muted">{t('incidents.outsideIntro')}</p>
      <ul>
        {i.outsideChanges.map((c) => (
          <li key={c.changeId}>
            {t('incidents.outsideLine', { account: c.accountName, kind: t(`incidents.outsideKinds.${c.kind}`), at: formatDateTime(c.changedAt, timeZone) })}
            <p className="prewrap muted">{c.description}</p>
          </li>
        ))}
      </ul>
      {writable ? <OutsideChangeForm incident={i} timeZone={timeZone} /> : null}

      {i.status === 'open' && permissions.may('incident.close') ? (
        <div className="actions">
          <p className="muted">{t('incidents.closeNote')}</p>
          <ErrorNotice error={close.refusal} />
          <button type="button" className="primary" disabled={close.busy} onClick={() => void close.run()}>
            {t('incidents.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
