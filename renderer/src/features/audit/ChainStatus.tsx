import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification, HomeView } from '../../../../shared/contract';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { paperForm } from '../../ui/format';
import { PaperCheck } from '../integrity/PaperCheck';

/**
 * The top of the audit screen: the chain's verification (walked when the screen opens, and again
 * on demand, naming the first bad event), its head as written on paper, and the check of a head
 * read back from paper.
 */
export function ChainStatus({ home }: { home: HomeView }) {
  const { t } = useTranslation();
  const opened = useLoad(useCallback(() => call(api().audit.verify({})), []));
  const [again, setAgain] = useState<AuditVerification | null>(null);
  const verify = useAction(async () => setAgain(await call(api().audit.verify({}))), { reads: true });
  const verification = again ?? opened.data;
  const { events, headHash } = home.audit;
  return (
    <section aria-labelledby="chain-title" className="subpanel chain-status">
      <h2 id="chain-title">{t('audit.head')}</h2>
      <p>
        {t('audit.forPaper')} <code data-testid="paper-head">{t('audit.headValue', { short: paperForm(headHash), seq: events })}</code> ·{' '}
        {t('audit.homeSummary', { count: events })}
      </p>
      {!verification && !opened.refusal ? <p role="status">{t('audit.verifying')}</p> : null}
      {verification?.ok ? (
        <p className="notice notice-ok" role="status" data-testid="audit-verification">
          {t('audit.verified', { count: verification.events })}
        </p>
      ) : null}
      {verification && !verification.ok ? (
        <p className="notice notice-error" role="alert" data-testid="audit-verification">
          {t('audit.broken', { seq: verification.firstBad.seq, reason: t(`auditFaults.${verification.firstBad.reason}`) })}
        </p>
      ) : null}
      <button type="button" onClick={() => void verify.run()} disabled={verify.busy}>
        {t('audit.verify')}
      </button>
      <ErrorNotice error={verify.refusal ?? opened.refusal} />
      <PaperCheck zone={home.institution.timeZone} />
    </section>
  );
}
