import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoverPlanView } from '../../../../shared/handover';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { useVaultSession } from '../vault/session';

/**
 * The acta (a draft while open; main writes the PDF where the person chooses) and the completion:
 * proposed by the incoming keyholder once nothing is left, authorized by the head, who then
 * revokes the outgoing keyholder and re-keys the vault in that one approval (HAND-1).
 */
export function ActaAndCompletion({ plan }: { plan: HandoverPlanView }) {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const open = plan.status === 'open';
  const [saved, setSaved] = useState<boolean | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  const acta = useAction(() => call(api().handover.acta({ handoverId: plan.handoverId })), { reads: true });
  const complete = useAction(() => call(api().keyholders.proposeRevoke({ keyholderId: plan.outgoing.keyholderId, handoverId: plan.handoverId })));
  const incoming = home.session.keyholderId === plan.incoming.keyholderId;

  const print = async () => {
    setSaved(null);
    const result = await acta.run();
    if (result.ok) setSaved(result.value.saved);
  };
  const propose = async () => {
    const result = await complete.run();
    if (result.ok) setRequestId(result.value.requestId);
  };

  return (
    <>
      <section aria-labelledby="handover-acta-title">
        <h2 id="handover-acta-title">{t('handover.acta.title')}</h2>
        <p className="muted">{t('handover.acta.hint')}</p>
        <button type="button" onClick={() => void print()} disabled={acta.busy}>
          {open ? t('handover.acta.draft') : t('handover.acta.final')}
        </button>
        {saved !== null ? (
          <p className={`notice ${saved ? 'notice-ok' : ''}`} role="status">
            {saved ? t('handover.acta.saved') : t('handover.acta.cancelled')}
          </p>
        ) : null}
        <ErrorNotice error={acta.refusal} />
      </section>
      <section aria-labelledby="handover-complete-title">
        <h2 id="handover-complete-title">{t('handover.complete.title')}</h2>
        {open ? (
          <>
            <p className="muted">{t('handover.complete.intro')}</p>
            {!plan.complete ? <p className="muted">{t('handover.complete.notYet')}</p> : null}
            {incoming ? (
              <button type="button" className="primary" disabled={!plan.complete || complete.busy || requestId !== null} onClick={() => void propose()}>
                {t('handover.complete.submit')}
              </button>
            ) : (
              <p className="notice role-note">{t('handover.complete.incomingOnly', { name: plan.incoming.name })}</p>
            )}
            {requestId ? (
              <p className="notice notice-ok" role="status">
                {t('handover.complete.sent')} <Link to={paths.request(requestId)}>{t('handover.complete.request')}</Link>
              </p>
            ) : null}
            <ErrorNotice error={complete.refusal} />
            <DuplicateLink refusal={complete.refusal} />
          </>
        ) : plan.status === 'completed' ? (
          <p className="notice notice-ok">{t('handover.complete.done', { name: plan.outgoing.name })}</p>
        ) : (
          <p className="notice">{t('handover.complete.cancelled')}</p>
        )}
      </section>
    </>
  );
}
