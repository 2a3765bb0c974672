import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification, HomeView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { Dashboard } from '../components/Dashboard';
import { ErrorNotice } from '../components/ErrorNotice';
import { IntegrityPanel } from '../components/IntegrityPanel';
import { PendingRequests } from '../components/PendingRequests';

export function Home({ home, onLock, onChanged, onRotate }: { home: HomeView; onLock: () => void; onChanged: () => void; onRotate: (accountId: string) => void }) {
  const { t } = useTranslation();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [decisions, setDecisions] = useState(0);
  const { institution, keyholders, session, audit } = home;

  const verify = async () => {
    setRefusal(null);
    try {
      setVerification(await call(api().audit.verify({})));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <div className="panel">
      <div className="title-row">
        <h1>
          {institution.name} <span className="muted">({institution.acronym})</span>
        </h1>
        <button type="button" onClick={onLock}>
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

      <Dashboard key={decisions} intervalDays={home.institution.rotationIntervalDays} onRotate={onRotate} />

      <PendingRequests
        home={home}
        onDecided={() => {
          setDecisions((n) => n + 1);
          onChanged();
        }}
      />

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

      <h2>{t('home.audit')}</h2>
      <p>
        {t('home.events', { count: audit.events })} · {t('home.head')} <code>{audit.headHash.slice(0, 16)}</code>
      </p>
      <button type="button" onClick={() => void verify()}>
        {t('home.verify')}
      </button>
      {verification?.ok ? (
        <p className="notice notice-ok" role="status">
          {t('home.verified', { count: verification.events })}
        </p>
      ) : null}
      {verification && !verification.ok ? (
        <p className="notice notice-error" role="alert">
          {t('home.broken', { seq: verification.firstBad.seq, reason: t(`auditFaults.${verification.firstBad.reason}`) })}
        </p>
      ) : null}
      <ErrorNotice error={refusal} />
    </div>
  );
}
