import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANGE_REASONS, type ChangeReason } from '../../../../shared/domain';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { SelectInput } from '../../ui/controls';
import { DateField } from '../../ui/DateField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ReasonOptions } from '../rotation/ReasonOptions';
import { useVaultSession } from '../vault/session';
import { VersionsTable } from './VersionsTable';

interface Filters {
  accountId: string;
  keyholderId: string;
  reason: ChangeReason | '';
  from: string;
  to: string;
}
const isReason = (value: string): value is ChangeReason => (CHANGE_REASONS as readonly string[]).includes(value);

/** Vault-wide rotation history, filterable by account, person, reason and date; each filter applies as it changes. */
export function HistoryPage() {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const [filters, setFilters] = useState<Filters>({ accountId: '', keyholderId: '', reason: '', from: '', to: '' });
  const accounts = useLoad(useCallback(() => call(api().accounts.list({})), []));
  const rows = useLoad(
    useCallback(() => {
      const { reason, ...rest } = filters;
      const request = { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')), ...(reason ? { reason } : {}) };
      return call(api().credentials.history(request));
    }, [filters]),
  );
  const set = (key: 'accountId' | 'keyholderId') => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const found = rows.data ?? [];

  return (
    <div className="panel">
      <h1>{t('history.title')}</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="history-account">{t('history.account')}</label>
          <SelectInput id="history-account" value={filters.accountId} onChange={set('accountId')}>
            <option value="">{t('history.all')}</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </SelectInput>
        </div>
        <div className="field">
          <label htmlFor="history-person">{t('history.person')}</label>
          <SelectInput id="history-person" value={filters.keyholderId} onChange={set('keyholderId')}>
            <option value="">{t('history.allPeople')}</option>
            {home.keyholders.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </SelectInput>
        </div>
        <div className="field">
          <label htmlFor="history-reason">{t('history.reason')}</label>
          <SelectInput
            id="history-reason"
            value={filters.reason}
            onChange={(e) => setFilters((f) => ({ ...f, reason: isReason(e.target.value) ? e.target.value : '' }))}
          >
            <option value="">{t('history.all')}</option>
            <ReasonOptions />
          </SelectInput>
        </div>
        <DateField
          label={t('history.from')}
          value={filters.from}
          onChange={(from) => setFilters((f) => ({ ...f, from }))}
          timeZone={home.institution.timeZone}
        />
        <DateField label={t('history.to')} value={filters.to} onChange={(to) => setFilters((f) => ({ ...f, to }))} timeZone={home.institution.timeZone} />
      </div>
      {found.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <VersionsTable versions={found} timeZone={home.institution.timeZone} caption={t('history.title')} />
      )}
      <ErrorNotice error={rows.refusal ?? accounts.refusal} />
    </div>
  );
}
