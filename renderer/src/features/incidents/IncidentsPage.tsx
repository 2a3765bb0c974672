import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { usePermissions } from '../vault/usePermissions';
import { useVaultSession } from '../vault/session';
import { NewIncidentForm } from './NewIncidentForm';
import { useIncidents } from './useIncidents';

/** «Incidentes de seguridad» (SUP-2): every incident, the latest first, and the form that records a new one. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { timeZone } = useVaultSession().home.institution;
  const permissions = usePermissions();
  const loaded = useIncidents('all');
  const [adding, setAdding] = useState(false);
  return (
    <div className="panel">
      <h1>{t('incidents.title')}</h1>
      <p className="muted">{t('incidents.intro')}</p>
      {adding ? (
        <NewIncidentForm timeZone={timeZone} onDone={(id) => navigate(paths.incident(id))} onCancel={() => setAdding(false)} />
      ) : permissions.may('incident.record') ? (
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('incidents.new')}
        </button>
      ) : null}
      {!loaded.data ? (
        <ErrorNotice error={loaded.refusal} />
      ) : loaded.data.length === 0 ? (
        <p>{t('incidents.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('incidents.columns.occurred')}</th>
              <th scope="col">{t('incidents.columns.kind')}</th>
              <th scope="col">{t('incidents.columns.accounts')}</th>
              <th scope="col">{t('incidents.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.map((i) => (
              <tr key={i.incidentId} data-testid="incident-row">
                <td>
                  <Link to={paths.incident(i.incidentId)}>{formatDateTime(i.occurredAt, timeZone)}</Link>
                </td>
                <td>{t(`incidents.kinds.${i.kind}`)}</td>
                <td>{i.accountCount}</td>
                <td>{i.status === 'closed' ? t('incidents.closed') : `${t('incidents.open')} · ${t('incidents.left', { count: i.left })}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
