import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountDetail } from '../../../../shared/accounts';
import type { AccountLifecycle } from '../../../../shared/lifecycle';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { ModifyForm, type Phones } from './ModifyForm';

/** «Modificar» (LIFE-4; Formulario A, «Modif.»): the account's data and its form, from → to, authorized by the head. */
export function ModifyAccountPage() {
  const { accountId = '' } = useParams();
  const { t } = useTranslation();
  const { may } = usePermissions();
  const loaded = useLoad(
    useCallback(async (): Promise<{ account: AccountDetail; life: AccountLifecycle; phones: Phones }> => {
      const [account, life, devices, twoStep] = await Promise.all([
        call(api().accounts.get({ accountId })),
        call(api().lifecycle.get({ accountId })),
        call(api().devices.list({})),
        call(api().twoStep.get({ accountId })),
      ]);
      return { account, life, phones: { devices, current: twoStep.recoveryDevice?.id ?? null } };
    }, [accountId]),
  );
  if (!may('account.modify')) return <RoleNote action="account.modify" what={t('lifecycle.modify.title')} />;
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { account, life, phones } = loaded.data;
  return (
    <div className="panel">
      <Link to={paths.account(accountId)}>← {account.displayName}</Link>
      <h1>
        {t('lifecycle.modify.title')}: {account.displayName} <span className="muted">({platformLabel(account.platform)})</span>
      </h1>
      <ModifyForm account={account} life={life} phones={phones} />
    </div>
  );
}
