import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../shared/contract';
import type { IntegrityFault, IntegrityStatus, LastVisit, PaperHeadMatch } from '../../../shared/integrity';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { formatDateTime } from '../format';
import { ErrorNotice } from './ErrorNotice';

/**
 * The full verification's result (it runs after every unlock), what happened since this person's
 * last visit, the chain head to write on paper, and a check of a head read back from paper.
 */
export function IntegrityPanel({ home }: { home: HomeView }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IntegrityStatus | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const zone = home.institution.timeZone;
  const nameOf = (id: string) => home.keyholders.find((k) => k.id === id)?.name ?? id;

  const load = async (now: boolean) => {
    setRefusal(null);
    try {
      setStatus(await call(now ? api().integrity.verify({}) : api().integrity.status({})));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };
  useEffect(() => {
    void load(false);
    // Once per unlocked home: the background verification answers when done.
  }, []);

  const faultText = (f: IntegrityFault) => {
    const kind = t(`integrityFaults.${f.kind}`);
    if (f.table) return t('integrity.faultRow', { kind, table: t(`integrityTables.${f.table}`, { defaultValue: f.table }), key: readableKey(f.key) });
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
          {t('integrity.ok', { events: status.report.events, rows: status.report.rows })}
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
          {status.report.faults.length > 20 || status.report.moreFaults > 0 ? <p>{t('integrity.more', { count: status.report.faults.length - 20 + status.report.moreFaults })}</p> : null}
        </div>
      ) : null}
      {status?.report.baselineSeq ? <p className="muted">{t('integrity.baseline', { seq: status.report.baselineSeq })}</p> : null}
      {status ? (
        <p>
          {t('integrity.head')}: <code data-testid="paper-head">{t('integrity.headValue', { short: status.head.short, seq: status.head.seq })}</code>
        </p>
      ) : null}
      <button type="button" onClick={() => void load(true)}>
        {t('integrity.verifyNow')}
      </button>
      <PaperCheck zone={zone} />
      <ErrorNotice error={refusal} />
    </section>
  );
}

/** A row key as stored (`["id"]`, `["a","b"]`) shown as its ids. */
const readableKey = (key: string | undefined): string => {
  try {
    return (JSON.parse(key ?? '[]') as unknown[]).join(' / ');
  } catch {
    return key ?? '';
  }
};

function Visit({ visit, zone, nameOf }: { visit: LastVisit | null; zone: string; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  if (!visit) return null;
  if (visit.state === 'first') return <p className="muted">{t('integrity.first')}</p>;
  if (visit.state === 'unreadable') return <p className="notice notice-error" role="alert">{t('integrity.unreadable')}</p>;
  const at = visit.seenAt ? formatDateTime(visit.seenAt, zone) : '—';
  if (visit.state === 'rolled_back') {
    return (
      <p className="notice notice-error" role="alert">
        {t('integrity.rolledBack', { seq: visit.seenSeq, at, events: visit.chainEvents })}
      </p>
    );
  }
  if (visit.events === 0) return <p>{t('integrity.sinceNone', { seq: visit.seenSeq, at })}</p>;
  return (
    <div>
      <p>{t('integrity.since', { seq: visit.seenSeq, at, count: visit.events })}</p>
      <ul>
        {Object.entries(visit.byActor).map(([id, count]) => (
          <li key={id}>{t('integrity.sinceBy', { name: nameOf(id), count })}</li>
        ))}
      </ul>
      <p className="muted">{Object.entries(visit.byAction).map(([action, count]) => `${t(`auditActions.${action}`, { defaultValue: action })} × ${count}`).join(' · ')}</p>
    </div>
  );
}

function PaperCheck({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [match, setMatch] = useState<PaperHeadMatch | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    try {
      setMatch(await call(api().audit.findHead({ head: text })));
    } catch (error) {
      setRefusal(asAppError(error));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label>
        {t('integrity.paperLabel')}
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} autoComplete="off" spellCheck={false} />
      </label>
      <button type="submit">{t('integrity.paperCheck')}</button>
      {match?.found ? (
        <p className="notice notice-ok" role="status">
          {t('integrity.paperFound', { seq: match.seq, at: formatDateTime(match.at, zone), name: match.actorName })}
        </p>
      ) : null}
      {match && !match.found ? (
        <p className="notice notice-error" role="alert">
          {t('integrity.paperMissing')}
        </p>
      ) : null}
      <ErrorNotice error={refusal} />
    </form>
  );
}
