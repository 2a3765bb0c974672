import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { AuditSummary } from '../audit/AuditSummary';
import { HomeRequests } from '../cosign/RequestLists';
import { IntegrityPanel } from '../integrity/IntegrityPanel';
import { Dashboard } from '../rotation/Dashboard';
import { HomeHandovers } from '../handover/HomeHandovers';
import { HomeIncidents } from '../incidents/HomeIncidents';
import { HomeDepartures } from '../staff/HomeDepartures';
import { HomeCompliance } from '../compliance/HomeCompliance';
import { HomePastEnd } from '../lifecycle/HomePastEnd';
import { HomeBackupReminder } from '../backup/HomeBackupReminder';
import { HomeKitNotice } from '../kit/HomeKitNotice';
import { useVaultSession } from './session';

/** The unlocked vault's first screen: the institution, the requests (what waits for the head, what became of one's own), deadlines, keyholders, integrity and the log. */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { home, lock } = useVaultSession();
  const { institution, keyholders, session } = home;

  return (
    <div className="panel">
      <div className="title-row">
        <h1>
          {institution.name} <span className="muted">({institution.acronym})</span>
        </h1>
        <button type="button" onClick={lock}>
          {t('home.lock')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('home.domains')}</dt>
        <dd>{institution.emailDomains.join(', ')}</dd>
        <dt>{t('home.timeZone')}</dt>
        <dd>{institution.timeZone}</dd>
        <dt>{t('home.idleLock')}</dt>
        <dd>{t('home.minutes', { count: institution.idleLockMinutes })}</dd>
      </dl>

      <HomeRequests />

      <HomeHandovers />

      <HomeIncidents timeZone={institution.timeZone} />

      <HomePastEnd />

      <HomeDepartures timeZone={institution.timeZone} />

      <HomeCompliance />

      <HomeBackupReminder timeZone={institution.timeZone} />

      <HomeKitNotice />

      <Dashboard intervalDays={institution.rotationIntervalDays} onRotate={(accountId) => navigate(paths.account(accountId, 'password'))} />

      <h2>{t('home.keyholders')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('home.name')}</th>
            <th scope="col">{t('home.role')}</th>
            <th scope="col">{t('home.fingerprint')}</th>
            <th scope="col">{t('home.state')}</th>
          </tr>
        </thead>
        <tbody>
          {keyholders.map((k) => (
            <tr key={k.id}>
              <td>
                {k.name}
                {k.id === session.keyholderId ? <span className="badge">{t('home.you')}</span> : null}
              </td>
              <td>{t(`roles.${k.role}`)}</td>
              <td>
                <code>{k.fingerprint}</code>
              </td>
              <td>{t(`status.${k.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <IntegrityPanel home={home} />
      <AuditSummary audit={home.audit} />
    </div>
  );
}
