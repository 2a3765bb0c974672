import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, HistoryRow } from '../../../shared/accounts';
import type { HomeView } from '../../../shared/contract';
import type { ChangeReason } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { ReasonOptions } from '../components/ReasonOptions';
import { VersionsTable } from '../components/VersionsTable';

interface Filters {
  accountId: string;
  keyholderId: string;
  reason: ChangeReason | '';
  from: string;
  to: string;
}

/** Vault-wide rotation history, filterable by account, person, reason and date. */
export function History({ home }: { home: HomeView }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ accountId: '', keyholderId: '', reason: '', from: '', to: '' });
  const [rows, setRows] = useState<HistoryRow[]>([]);
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [refusal, setRefusal] = useState<AppError | null>(null);

  useEffect(() => {
    void call(api().accounts.list({})).then(setAccounts, (e: unknown) => setRefusal(asAppError(e)));
  }, []);

  useEffect(() => {
    const request = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    let current = true;
    call(api().credentials.history(request))
      .then((found) => current && setRows(found))
      .catch((e: unknown) => current && setRefusal(asAppError(e)));
    return () => {
      current = false;
    };
  }, [filters]);

  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  return (
    <div className="panel">
      <h1>{t('history.title')}</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="history-account">{t('history.account')}</label>
          <select id="history-account" value={filters.accountId} onChange={set('accountId')}>
            <option value="">{t('history.all')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-person">{t('history.person')}</label>
          <select id="history-person" value={filters.keyholderId} onChange={set('keyholderId')}>
            <option value="">{t('history.allPeople')}</option>
            {home.keyholders.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-reason">{t('history.reason')}</label>
          <select id="history-reason" value={filters.reason} onChange={set('reason')}>
            <option value="">{t('history.all')}</option>
            <ReasonOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-from">{t('history.from')}</label>
          <input id="history-from" type="date" value={filters.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="history-to">{t('history.to')}</label>
          <input id="history-to" type="date" value={filters.to} onChange={set('to')} />
        </div>
      </div>
      {rows.length === 0 ? <p className="muted">{t('history.empty')}</p> : <VersionsTable versions={rows} timeZone={home.institution.timeZone} caption={t('history.title')} />}
      <ErrorNotice error={refusal} />
    </div>
  );
}
