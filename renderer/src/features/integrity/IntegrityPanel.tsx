import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../../shared/contract';
import type { IntegrityFault, IntegrityStatus } from '../../../../shared/integrity';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { labelFor } from '../../i18n/keys';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Visit } from './Visit';

/** A row key as stored (`["id"]`, `["a","b"]`) shown as its ids. */
const readableKey = (key: string | undefined): string => {
  try {
    return (JSON.parse(key ?? '[]') as unknown[]).join(' / ');
  } catch {
    return key ?? '';
  }
};

/**
 * The full verification's result (it runs after every unlock), what happened since this person's
 * last visit. The chain head to write on paper, always the current one, and the check of a head
 * read back from paper are on the audit screen (features/audit/ChainStatus.tsx).
 */
export function IntegrityPanel({ home }: { home: HomeView }) {
  const { t } = useTranslation();
  // Once per unlocked home: the background verification answers when done.
  const background = useLoad(useCallback(() => call(api().integrity.status({})), []));
  const [verified, setVerified] = useState<IntegrityStatus | null>(null);
  const verify = useAction(async () => setVerified(await call(api().integrity.verify({}))), { reads: true });
  const status = verified ?? background.data;
  const refusal = verify.refusal ?? background.refusal;
  const zone = home.institution.timeZone;
  const nameOf = (id: string) => home.keyholders.find((k) => k.id === id)?.name ?? id;

  const faultText = (f: IntegrityFault) => {
    const kind = t(`integrityFaults.${f.kind}`);
    if (f.table) return t('integrity.faultRow', { kind, table: labelFor('integrityTables', f.table), key: readableKey(f.key) });
    if (f.seq !== undefined) return t('integrity.faultEvent', { kind, seq: f.seq });
    return t('integrity.faultOther', { kind, key: f.key ?? '' });
  };

  return (
    <section aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('integrity.title')}</h2>
      {status ? <Visit visit={status.lastVisit} zone={zone} nameOf={nameOf} /> : null}
      {!status && !refusal ? <p role="status">{t('integrity.checking')}</p> : null}
      {status?.report.ok ? (
        <p className="notice notice-ok" role="status">
          {t('integrity.ok', {
            eventsText: t('integrity.signedEvents', { count: status.report.events }),
            rowsText: t('integrity.rows', { count: status.report.rows }),
          })}
        </p>
      ) : null}
      {status && !status.report.ok ? (
        <div className="notice notice-error" role="alert">
          <p>{t('integrity.altered')}</p>
          <ul>
            {status.report.faults.slice(0, 20).map((f, i) => (
              <li key={i}>{faultText(f)}</li>
            ))}
          </ul>
          {status.report.faults.length > 20 || status.report.moreFaults > 0 ? (
            <p>{t('integrity.more', { count: Math.max(0, status.report.faults.length - 20) + status.report.moreFaults })}</p>
          ) : null}
        </div>
      ) : null}
      {status?.report.baselineSeq ? <p className="muted">{t('integrity.baseline', { seq: status.report.baselineSeq })}</p> : null}
      <button type="button" onClick={() => void verify.run()}>
        {t('integrity.verifyNow')}
      </button>
      <ErrorNotice error={refusal} />
    </section>
  );
}
