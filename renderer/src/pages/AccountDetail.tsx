import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDetail as Detail } from '../../../shared/accounts';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Fact } from '../components/Fact';
import { ProposeForm } from '../components/ProposeForm';
import { SecretActions } from '../components/SecretActions';
import { VersionsTable } from '../components/VersionsTable';
import { platformLabel } from '../format';

export function AccountDetail({ accountId, timeZone, onBack }: { accountId: string; timeZone: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<Detail | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    try {
      setAccount(await call(api().accounts.get({ accountId })));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  }, [accountId]);
  useEffect(() => void load(), [load]);

  if (!account) return <ErrorNotice error={refusal} />;
  return (
    <div className="panel">
      <button type="button" className="link" onClick={onBack}>
        ← {t('account.back')}
      </button>
      <h1>
        {account.displayName} <span className="muted">({platformLabel(account.platform)})</span>
      </h1>
      <dl className="facts">
        <Fact label={t('register.kind')}>
          {t(`kinds.${account.kind}`)} · {t(`accountStatus.${account.status}`)}
        </Fact>
        <Fact label={t('register.handle')}>{[account.handle, account.altHandle].filter(Boolean).join(' · ')}</Fact>
        <Fact label={t('account.login')}>{account.loginIdentifier}</Fact>
        <Fact label={t('account.linkedEmail')}>
          {account.linkedEmail ? `${account.linkedEmail.displayName} ${account.linkedEmail.loginIdentifier ? `<${account.linkedEmail.loginIdentifier}>` : ''}`.trim() : null}
        </Fact>
        <Fact label={t('account.profile')}>{account.profileUrl}</Fact>
        <Fact label={t('account.support')}>{account.supportStart ? `${account.supportStart} – ${account.supportEnd}` : null}</Fact>
        <Fact label={t('account.notes')}>{account.notes}</Fact>
      </dl>

      <h2>{t('account.current')}</h2>
      {account.currentVersion ? <SecretActions accountId={account.id} onRead={() => undefined} /> : <p className="muted">{t('account.none')}</p>}
      {account.pendingRequests > 0 ? <p className="notice">{t('account.pending', { count: account.pendingRequests })}</p> : null}

      {account.status === 'active' ? <ProposeForm accountId={account.id} firstVersion={!account.currentVersion} onProposed={() => void load()} /> : null}

      {account.versions.length > 0 ? <VersionsTable versions={account.versions} timeZone={timeZone} caption={t('account.versions')} /> : null}
      <ErrorNotice error={refusal} />
    </div>
  );
}
