import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { isAccountSection, paths, type AccountSection } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { AccountRequests } from '../cosign/RequestLists';
import { Distribution } from '../distribution/Distribution';
import { VersionsTable } from '../history/VersionsTable';
import { useDueWords } from '../rotation/Dashboard';
import { PasswordSection } from '../rotation/PasswordSection';
import { AccountPeople } from '../staff/AccountPeople';
import { TwoStep } from '../two-step/TwoStep';
import { useVaultSession } from '../vault/session';
import { AccountFacts } from './AccountFacts';
import { AccountSectionNav } from './AccountSectionNav';
import { LifecycleSection } from '../lifecycle/LifecycleSection';

/**
 * One account's page, in sections with their own addresses: #/accounts/:id (Resumen),
 * …/password, …/two-step, …/distribution, …/history. An unknown section is the summary.
 */
export function AccountPage() {
  const { accountId = '', section } = useParams();
  if (section !== undefined && !isAccountSection(section)) return <Navigate to={paths.account(accountId)} replace />;
  // Another account is another page: nothing of the previous one (a confirmation, a form) stays.
  return <Account key={accountId} accountId={accountId} section={section ?? 'summary'} />;
}

function Account({ accountId, section }: { accountId: string; section: AccountSection }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { home } = useVaultSession();
  const timeZone = home.institution.timeZone;
  const due = useDueWords();
  const loaded = useLoad(useCallback(async () => ({ ...(await call(api().accounts.get({ accountId }))), loadedAt: Date.now() }), [accountId]));
  const account = loaded.data;

  if (!account) return <ErrorNotice error={loaded.refusal} />;
  const { deadline } = account;
  return (
    <div className="panel">
      <button type="button" className="link" onClick={() => navigate(paths.accounts)}>
        ← {t('account.back')}
      </button>
      <h1>
        {account.displayName} <span className="muted">({platformLabel(account.platform)})</span>
      </h1>
      {account.status === 'archived' ? (
        <p className="notice" role="status">
          {t('lifecycle.status.archivedBanner')}
        </p>
      ) : null}
      <AccountSectionNav accountId={account.id} />
      {section === 'summary' ? (
        <section aria-labelledby="summary-title">
          <h2 id="summary-title">{t('account.sectionNames.summary')}</h2>
          <AccountFacts account={account} />
          <LifecycleSection account={account} timeZone={timeZone} />
          <p>
            <span className={`badge status-${deadline.status}`}>{t(`dashboard.status.${deadline.status}`)}</span>{' '}
            {deadline.dueAt ? due(deadline.dueAt, timeZone, account.loadedAt, true) : t('rotation.dueNone')}
          </p>
          <AccountPeople accountId={account.id} />
          <AccountRequests accountId={account.id} />
        </section>
      ) : null}
      {section === 'password' ? (
        <PasswordSection account={account} deadline={deadline} timeZone={timeZone} now={account.loadedAt} onChanged={loaded.reload} />
      ) : null}
      {section === 'two-step' ? (
        <TwoStep
          accountId={account.id}
          status={account.totp}
          timeZone={timeZone}
          keyholders={home.keyholders.filter((k) => k.status === 'active')}
          onProposed={loaded.reload}
        />
      ) : null}
      {/* A new current version is a new checklist: its deliveries start from none. */}
      {section === 'distribution' ? <Distribution key={account.currentVersion ?? 'none'} accountId={account.id} timeZone={timeZone} /> : null}
      {section === 'history' ? (
        <section aria-labelledby="history-section-title">
          <h2 id="history-section-title">{t('account.versions')}</h2>
          {account.versions.length > 0 ? (
            <VersionsTable versions={account.versions} timeZone={timeZone} caption={t('account.versions')} />
          ) : (
            <p className="muted">{t('account.noVersions')}</p>
          )}
        </section>
      ) : null}
      <ErrorNotice error={loaded.refusal} />
    </div>
  );
}
