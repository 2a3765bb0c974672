import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../shared/audit-log';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { VirtualList } from '../../ui/VirtualList';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { AuditFilterBar } from './AuditFilterBar';
import { ChainStatus } from './ChainStatus';
import { auditCsv, saveText } from './csv';
import { NO_FILTERS, toFilter, useAuditLog, type AuditFilters } from './useAuditLog';
import { actorOf, useEventWords } from './useEventWords';

const CSV_COLUMNS = ['seq', 'at', 'zone', 'actor', 'role', 'action', 'description', 'account', 'person', 'hash', 'signature'] as const;

/**
 * «Registro de auditoría» (#/audit): the chain's verification and head on top, then every event,
 * newest first, in words, with its sequence number, short hash and signature status; filtered by
 * kind, keyholder, person, account and days; the filtered list exported as CSV.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const permissions = usePermissions();
  const zone = home.institution.timeZone;
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const log = useAuditLog(filters);
  const words = useEventWords();
  const [exported, setExported] = useState<string | null>(null);
  const exportCsv = useAction(
    async () => {
      setExported(null);
      const file = await call(api().audit.csv({ filter: toFilter(filters) }));
      const csv = auditCsv(file.rows, {
        header: CSV_COLUMNS.map((c) => t(`audit.csv.${c}`)),
        row: (e) => {
          const actor = actorOf(e);
          return [
            e.seq,
            formatDateTime(e.at, zone),
            zone,
            actor?.name ?? '',
            actor ? t(`roles.${actor.role}`) : '',
            e.action,
            words(e),
            e.accountName ?? '',
            e.personName ?? '',
            e.hashShort,
            t(`audit.signature.${e.signature}`),
          ];
        },
      });
      saveText(csv, file.fileName);
      setExported(
        file.truncated
          ? t('audit.truncated', { count: file.rows.length, matched: file.matched })
          : t('audit.exported', { count: file.rows.length, file: file.fileName }),
      );
    },
    { reads: true },
  );

  if (!permissions.may('audit.read')) return <RoleNote action="audit.read" what={t('audit.title')} />;
  return (
    <div className="panel">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro', { zone })}</p>
      <ChainStatus home={home} />
      <AuditFilterBar filters={filters} onChange={setFilters} keyholders={home.keyholders} timeZone={zone} />
      <div className="title-row">
        <p role="status" data-testid="audit-matched">
          {log.page ? t('audit.matched', { count: log.page.matched, total: log.page.total }) : t('app.loading')}
        </p>
        <button type="button" onClick={() => void exportCsv.run()} disabled={exportCsv.busy || !log.page?.matched}>
          {t('audit.export')}
        </button>
      </div>
      {exported ? (
        <p className="notice notice-ok" role="status">
          {exported}
        </p>
      ) : null}
      <ErrorNotice error={exportCsv.refusal ?? log.refusal} />
      {log.page && log.events.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
      <VirtualList items={log.events} rowHeight={64} label={t('audit.list')} className="audit-list" rowClassName="audit-row" keyOf={(e) => String(e.seq)}>
        {(e) => <EventRow event={e} zone={zone} sentence={words(e)} />}
      </VirtualList>
      {log.hasMore ? (
        <button type="button" onClick={log.loadMore}>
          {t('audit.more')}
        </button>
      ) : null}
    </div>
  );
}

function EventRow({ event: e, zone, sentence }: { event: AuditEventView; zone: string; sentence: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="audit-seq">{t('audit.seq', { seq: e.seq })}</span>
      <span className="audit-when">{formatDateTime(e.at, zone)}</span>
      <span className="audit-sentence">{sentence}</span>
      <code className="audit-hash" title={t('audit.hash', { hash: e.hashShort })}>
        {e.hashShort}
      </code>
      <span className={`badge signature-${e.signature}`}>{t(`audit.signature.${e.signature}`)}</span>
    </>
  );
}
