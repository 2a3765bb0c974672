import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, platformLabel } from '../../ui/format';
import { Distribution } from '../distribution/Distribution';
import { VersionsTable } from '../history/VersionsTable';
import { AwaitingApply } from '../rotation/AwaitingApply';
import { ProposeForm } from '../rotation/ProposeForm';
import { TwoStep } from '../two-step/TwoStep';
import { useVaultSession } from '../vault/session';
import { AccountFacts } from './AccountFacts';
import { SecretActions } from './SecretActions';

/** One account's page (#/accounts/:accountId): what it is, its password and deadline, who received it, its second step, its versions. */
export function AccountPage() {
  const { accountId = '' } = useParams();
  // Another account is another page: nothing of the previous one (a confirmation, a form) stays.
  return <Account key={accountId} accountId={accountId} />;
}

function Account({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { home } = useVaultSession();
  const timeZone = home.institution.timeZone;
  const keyholders = home.keyholders.filter((k) => k.status === 'active');
  const [appliedDue, setAppliedDue] = useState<string | null>(null);
  const loaded = useLoad(useCallback(async () => ({ ...(await call(api().accounts.get({ accountId }))), loadedAt: Date.now() }), [accountId]));
  const account = loaded.data;

  if (!account) return <ErrorNotice error={loaded.refusal} />;
  const { deadline } = account;
  const awaiting = account.versions.find((v) => v.appliedAt === null);
  return (
    <div className="panel">
      <button type="button" className="link" onClick={() => navigate(paths.accounts)}>
        ← {t('account.back')}
      </button>
      <h1>
        {account.displayName} <span className="muted">({platformLabel(account.platform)})</span>
      </h1>
      <AccountFacts account={account} />

      <h2>{t('account.current')}</h2>
      <p data-testid="deadline">
        <span className={`badge status-${deadline.status}`}>{t(`dashboard.status.${deadline.status}`)}</span>{' '}
        {deadline.dueAt ? t('rotation.due', { when: formatDateTime(deadline.dueAt, timeZone) }) + (deadline.dueAfterUse ? ` (${t('dashboard.dueAfterUse')})` : '') : t('rotation.dueNone')}
      </p>
      {appliedDue ? <p className="notice notice-ok" role="status">{t('rotation.confirmed', { when: formatDateTime(appliedDue, timeZone) })}</p> : null}
      {account.currentVersion ? <SecretActions accountId={account.id} label={t('account.current')} /> : <p className="muted">{t('account.none')}</p>}
      {account.pendingRequests > 0 ? <p className="notice">{t('account.pending', { count: account.pendingRequests })}</p> : null}

      {awaiting ? (
        <AwaitingApply
          accountId={account.id}
          version={awaiting}
          timeZone={timeZone}
          now={account.loadedAt}
          onApplied={(dueAt) => {
            setAppliedDue(dueAt);
            loaded.reload();
          }}
        />
      ) : null}
      {account.status === 'active' && !awaiting ? <ProposeForm accountId={account.id} firstVersion={!account.currentVersion} onProposed={loaded.reload} /> : null}

      {/* A new current version is a new checklist: its deliveries start from none. */}
      <Distribution key={account.currentVersion ?? 'none'} accountId={account.id} timeZone={timeZone} />

      <TwoStep accountId={account.id} status={account.totp} timeZone={timeZone} keyholders={keyholders} onProposed={loaded.reload} />

      {account.versions.length > 0 ? <VersionsTable versions={account.versions} timeZone={timeZone} caption={t('account.versions')} /> : null}
      <ErrorNotice error={loaded.refusal} />
    </div>
  );
}
