import { useTranslation } from 'react-i18next';
import type { CredentialVersionView } from '../../../../shared/accounts';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { SecretActions } from '../accounts/SecretActions';

/**
 * The last step of a rotation (POL-4, POL-5): the head authorized a version; the administrator
 * reads it, changes it on the platform, and confirms. Only then is it current and the deadline restarts.
 */
export function AwaitingApply({ accountId, version, timeZone, now, onApplied }: {
  accountId: string;
  version: CredentialVersionView;
  timeZone: string;
  now: number;
  onApplied: (dueAt: string) => void;
}) {
  const { t } = useTranslation();
  const confirm = useAction(() => call(api().rotation.confirmApplied({ accountId })));
  const late = Date.parse(version.applyBy) <= now;

  return (
    <section className="awaiting" aria-labelledby="awaiting-title">
      <h3 id="awaiting-title">{t('rotation.awaitingTitle')}</h3>
      <p>{t('rotation.awaitingBody', { n: version.n, name: version.authorizedBy.name })}</p>
      <p className={late ? 'notice notice-error' : 'muted'}>
        {t('rotation.applyBy', { when: formatDateTime(version.applyBy, timeZone) })} {late ? t('rotation.late') : null}
      </p>
      <SecretActions accountId={accountId} stage="authorized" label={t('rotation.authorizedSecret', { n: version.n })} />
      <button
        type="button"
        className="primary"
        disabled={confirm.busy}
        onClick={() => void confirm.run().then((applied) => applied.ok && onApplied(applied.value.dueAt))}
      >
        {t('rotation.confirm')}
      </button>
      <ErrorNotice error={confirm.refusal} />
    </section>
  );
}
