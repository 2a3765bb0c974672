import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification, HomeView } from '../../../../shared/contract';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** The signed log's size and head, and a walk of the whole chain on demand, naming the first bad event. */
export function AuditLog({ audit }: { audit: HomeView['audit'] }) {
  const { t } = useTranslation();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verify = useAction(async () => setVerification(await call(api().audit.verify({}))));

  return (
    <>
      <h2>{t('home.audit')}</h2>
      <p>
        {t('home.events', { count: audit.events })} · {t('home.head')} <code>{audit.headHash.slice(0, 16)}</code>
      </p>
      <button type="button" onClick={() => void verify.run()}>
        {t('home.verify')}
      </button>
      {verification?.ok ? (
        <p className="notice notice-ok" role="status">
          {t('home.verified', { count: verification.events })}
        </p>
      ) : null}
      {verification && !verification.ok ? (
        <p className="notice notice-error" role="alert">
          {t('home.broken', { seq: verification.firstBad.seq, reason: t(`auditFaults.${verification.firstBad.reason}`) })}
        </p>
      ) : null}
      <ErrorNotice error={verify.refusal} />
    </>
  );
}
