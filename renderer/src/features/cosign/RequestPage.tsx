import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useVaultSession } from '../vault/session';
import { RequestFacts } from './RequestFacts';
import { useRequestStatus } from './RequestCard';
import { useRequests } from './useRequests';
import { FormularioButton } from '../reports/FormularioButton';

/** One request at its own address (#/requests/:id): where a refused duplicate proposal points. */
export function RequestPage() {
  const { requestId = '' } = useParams();
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const zone = home.institution.timeZone;
  const status = useRequestStatus(zone);
  const loaded = useRequests();
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { requests, now } = loaded.data;
  const request = requests.find((r) => r.id === requestId);
  return (
    <div className="panel">
      <h1>{t('requests.title')}</h1>
      {request ? (
        <>
          <p>
            <span className={`badge state-${request.state}`}>{t(`requests.states.${request.state}`)}</span> {status(request, now)}
          </p>
          {request.state === 'rejected' && request.rejectionReason ? (
            <p className="notice notice-error">{t('requests.rejectionReason', { reason: request.rejectionReason })}</p>
          ) : null}
          <RequestFacts request={request} zone={zone} now={now} />
          <FormularioButton request={request} />
          <p>
            <Link to={request.accountId ? paths.account(request.accountId) : paths.home}>
              {request.accountName ? t('requests.openAccount', { account: request.accountName }) : t('nav.home')}
            </Link>
          </p>
        </>
      ) : (
        <p className="notice">{t('requests.unknown')}</p>
      )}
    </div>
  );
}
