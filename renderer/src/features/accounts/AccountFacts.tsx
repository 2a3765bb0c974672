import { useTranslation } from 'react-i18next';
import type { AccountDetail } from '../../../../shared/accounts';
import { Fact } from '../../ui/Fact';

/** What the register records about an account, as a list of terms; empty ones are left out. */
export function AccountFacts({ account }: { account: AccountDetail }) {
  const { t } = useTranslation();
  const { linkedEmail } = account;
  return (
    <dl className="facts">
      <Fact label={t('register.kind')}>
        {t(`kinds.${account.kind}`)} · {t(`accountStatus.${account.status}`)}
      </Fact>
      <Fact label={t('register.handle')}>{[account.handle, account.altHandle].filter(Boolean).join(' · ')}</Fact>
      <Fact label={t('account.login')}>{account.loginIdentifier}</Fact>
      <Fact label={t('account.linkedEmail')}>
        {linkedEmail ? `${linkedEmail.displayName} ${linkedEmail.loginIdentifier ? `<${linkedEmail.loginIdentifier}>` : ''}`.trim() : null}
      </Fact>
      <Fact label={t('account.profile')}>{account.profileUrl}</Fact>
      <Fact label={t('account.support')}>{account.supportStart ? `${account.supportStart} – ${account.supportEnd}` : null}</Fact>
      <Fact label={t('account.notes')}>{account.notes}</Fact>
    </dl>
  );
}
