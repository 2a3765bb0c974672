import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialVersionView } from '../../../shared/accounts';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { formatDateTime } from '../format';
import { ErrorNotice } from './ErrorNotice';
import { SecretActions } from './SecretActions';

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
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const late = Date.parse(version.applyBy) <= now;

  const confirm = async () => {
    setRefusal(null);
    setBusy(true);
    try {
      onApplied((await call(api().rotation.confirmApplied({ accountId }))).dueAt);
    } catch (e) {
      setRefusal(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="awaiting" aria-labelledby="awaiting-title">
      <h3 id="awaiting-title">{t('rotation.awaitingTitle')}</h3>
      <p>{t('rotation.awaitingBody', { n: version.n, name: version.authorizedBy.name })}</p>
      <p className={late ? 'notice notice-error' : 'muted'}>
        {t('rotation.applyBy', { when: formatDateTime(version.applyBy, timeZone) })} {late ? t('rotation.late') : null}
      </p>
      <SecretActions accountId={accountId} stage="authorized" label={t('rotation.authorizedSecret', { n: version.n })} onRead={() => undefined} />
      <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
        {t('rotation.confirm')}
      </button>
      <ErrorNotice error={refusal} />
    </section>
  );
}
