import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDetail } from '../../../../shared/accounts';
import type { AccountDeadline } from '../../../../shared/rotation';
import { formatDateTime } from '../../ui/format';
import { SecretActions } from '../accounts/SecretActions';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { AwaitingApply } from './AwaitingApply';
import { useDueWords } from './Dashboard';
import { ProposeForm } from './ProposeForm';

/** The account's password (#/accounts/:id/password): its deadline, reading it, the version waiting to be applied, and — for whoever may — proposing the next. */
export function PasswordSection({
  account,
  deadline,
  timeZone,
  now,
  onChanged,
}: {
  account: AccountDetail;
  deadline: AccountDeadline;
  timeZone: string;
  now: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const due = useDueWords();
  const [appliedDue, setAppliedDue] = useState<string | null>(null);
  const awaiting = account.versions.find((v) => v.appliedAt === null);
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.current')}</h2>
      <p data-testid="deadline">
        <span className={`badge status-${deadline.status}`}>{t(`dashboard.status.${deadline.status}`)}</span>{' '}
        {deadline.dueAt ? due(deadline.dueAt, timeZone, now, true) + (deadline.dueAfterUse ? ` (${t('dashboard.dueAfterUse')})` : '') : t('rotation.dueNone')}
      </p>
      {appliedDue ? (
        <p className="notice notice-ok" role="status">
          {t('rotation.confirmed', { when: formatDateTime(appliedDue, timeZone) })}
        </p>
      ) : null}
      {!account.currentVersion ? <p className="muted">{t('account.none')}</p> : null}
      {account.currentVersion && may('credential.reveal') ? <SecretActions accountId={account.id} label={t('account.current')} /> : null}
      {account.pendingRequests > 0 ? <p className="notice">{t('account.pending', { count: account.pendingRequests })}</p> : null}
      {awaiting ? (
        <AwaitingApply
          accountId={account.id}
          version={awaiting}
          timeZone={timeZone}
          now={now}
          onApplied={(dueAt) => {
            setAppliedDue(dueAt);
            onChanged();
          }}
        />
      ) : null}
      {account.status === 'active' && !awaiting ? (
        may('credential.propose') ? (
          <ProposeForm accountId={account.id} firstVersion={!account.currentVersion} onProposed={onChanged} />
        ) : (
          <RoleNote action="credential.propose" what={t('rotation.propose')} />
        )
      ) : null}
    </section>
  );
}
