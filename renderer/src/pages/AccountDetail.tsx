import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderView, ResultOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { AwaitingApply } from '../components/AwaitingApply';
import { Distribution } from '../components/Distribution';
import { ErrorNotice } from '../components/ErrorNotice';
import { Fact } from '../components/Fact';
import { ProposeForm } from '../components/ProposeForm';
import { SecretActions } from '../components/SecretActions';
import { TwoStep } from '../components/TwoStep';
import { VersionsTable } from '../components/VersionsTable';
import { formatDateTime, platformLabel } from '../format';

type Loaded = ResultOf<'accounts.get'> & { loadedAt: number };

export function AccountDetail({ accountId, timeZone, keyholders, onBack }: { accountId: string; timeZone: string; keyholders: KeyholderView[]; onBack: () => void }) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<Loaded | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [appliedDue, setAppliedDue] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const detail = await call(api().accounts.get({ accountId }));
      setAccount({ ...detail, loadedAt: Date.now() });
    } catch (e) {
      setRefusal(asAppError(e));
    }
  }, [accountId]);
  useEffect(() => void load(), [load]);

  if (!account) return <ErrorNotice error={refusal} />;
  const { deadline } = account;
  const awaiting = account.versions.find((v) => v.appliedAt === null);
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
      <p data-testid="deadline">
        <span className={`badge status-${deadline.status}`}>{t(`dashboard.status.${deadline.status}`)}</span>{' '}
        {deadline.dueAt ? t('rotation.due', { when: formatDateTime(deadline.dueAt, timeZone) }) + (deadline.dueAfterUse ? ` (${t('dashboard.dueAfterUse')})` : '') : t('rotation.dueNone')}
      </p>
      {appliedDue ? <p className="notice notice-ok" role="status">{t('rotation.confirmed', { when: formatDateTime(appliedDue, timeZone) })}</p> : null}
      {account.currentVersion ? <SecretActions accountId={account.id} label={t('account.current')} onRead={() => undefined} /> : <p className="muted">{t('account.none')}</p>}
      {account.pendingRequests > 0 ? <p className="notice">{t('account.pending', { count: account.pendingRequests })}</p> : null}

      {awaiting ? (
        <AwaitingApply
          accountId={account.id}
          version={awaiting}
          timeZone={timeZone}
          now={account.loadedAt}
          onApplied={(dueAt) => {
            setAppliedDue(dueAt);
            void load();
          }}
        />
      ) : null}
      {account.status === 'active' && !awaiting ? <ProposeForm accountId={account.id} firstVersion={!account.currentVersion} onProposed={() => void load()} /> : null}

      <Distribution accountId={account.id} timeZone={timeZone} version={account.currentVersion} />

      <TwoStep accountId={account.id} status={account.totp} timeZone={timeZone} keyholders={keyholders} onProposed={() => void load()} />

      {account.versions.length > 0 ? <VersionsTable versions={account.versions} timeZone={timeZone} caption={t('account.versions')} /> : null}
      <ErrorNotice error={refusal} />
    </div>
  );
}
