import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { TextArea, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { platformLabel } from '../../ui/format';
import { usePolicyFeedback } from '../rotation/usePolicyFeedback';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';

/**
 * «Solicitar baja» (LIFE-3): the password is changed first (reason 'decommission', the whole
 * policy with live feedback); the head authorizes; once changed on the platform and confirmed in
 * the Password section, the account is archived.
 */
export function DecommissionPage() {
  const { accountId = '' } = useParams();
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [secret, setSecret] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const feedback = usePolicyFeedback(accountId, secret);
  const loaded = useLoad(useCallback(() => call(api().accounts.get({ accountId })), [accountId]));
  const request = useAction(() => call(api().lifecycle.requestDecommission({ accountId, secret, ...(note ? { note } : {}) })));
  if (!may('account.decommission')) return <RoleNote action="account.decommission" what={t('lifecycle.decommission.title')} />;
  const account = loaded.data;
  if (!account) return <ErrorNotice error={loaded.refusal} />;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void request.run().then((r) => {
          if (!r.ok) return;
          setSecret('');
          setSent(true);
        });
      }}
    >
      <Link to={paths.account(accountId)}>← {account.displayName}</Link>
      <h1>
        {t('lifecycle.decommission.title')}: {account.displayName} <span className="muted">({platformLabel(account.platform)})</span>
      </h1>
      <p className="hint">{t('lifecycle.decommission.intro')}</p>
      <Field label={t('lifecycle.decommission.password')}>
        {({ id }) => (
          <TextInput id={id} type="password" autoComplete="new-password" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} />
        )}
      </Field>
      {feedback ? <ErrorNotice error={feedback} live /> : null}
      {feedback === null ? (
        <p className="notice notice-ok" role="status">
          {t('rotation.policyOk')}
        </p>
      ) : null}
      <Field label={t('rotation.note')}>{({ id }) => <TextArea id={id} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      <ErrorNotice error={request.refusal} />
      {sent ? (
        <p className="notice notice-ok" role="status">
          {t('lifecycle.decommission.requested')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={request.busy || !secret}>
          {t('lifecycle.decommission.submit')}
        </button>
      </div>
    </form>
  );
}
