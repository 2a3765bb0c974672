import { useTranslation } from 'react-i18next';
import type { CredentialVersionView } from '../../../../shared/accounts';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { SecretActions } from '../accounts/SecretActions';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';

/**
 * The last step of a rotation (POL-4, POL-5): the head authorized a version; the administrator
 * reads it, changes it on the platform, and confirms. Only then is it current and the deadline restarts.
 */
export function AwaitingApply({
  accountId,
  version,
  timeZone,
  now,
  onApplied,
}: {
  accountId: string;
  version: CredentialVersionView;
  timeZone: string;
  now: number;
  onApplied: (dueAt: string) => void;
}) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const confirm = useAction(() => call(api().rotation.confirmApplied({ accountId })));
  const late = Date.parse(version.applyBy) <= now;
  const when = formatDateTime(version.applyBy, timeZone);

  return (
    <section className="awaiting" aria-labelledby="awaiting-title">
      <h3 id="awaiting-title">{t('rotation.awaitingTitle')}</h3>
      <p>{t('rotation.awaitingBody', { n: version.n, name: version.authorizedBy.name })}</p>
      <p className={late ? 'notice notice-error' : 'muted'}>
        {late ? `${t('rotation.applyByPast', { when })} ${t('rotation.late')}` : t('rotation.applyBy', { when })}
      </p>
      {may('credential.reveal') ? <SecretActions accountId={accountId} stage="authorized" label={t('rotation.authorizedSecret', { n: version.n })} /> : null}
      {may('credential.apply') ? (
        <button
          type="button"
          className="primary"
          disabled={confirm.busy}
          onClick={() => void confirm.run().then((applied) => applied.ok && onApplied(applied.value.dueAt))}
        >
          {t('rotation.confirm')}
        </button>
      ) : (
        <RoleNote action="credential.apply" what={t('rotation.confirm')} />
      )}
      <ErrorNotice error={confirm.refusal} />
    </section>
  );
}
