import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ACCOUNT_SORTS, type AccountSummary } from '../../../../shared/accounts';
import { paths } from '../../app/paths';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { useInitialFocus } from '../../ui/useInitialFocus';
import { VirtualList } from '../../ui/VirtualList';
import { usePermissions } from '../vault/usePermissions';
import { useAccountSearch } from './useAccountSearch';

type Sort = (typeof ACCOUNT_SORTS)[number];
const isSort = (value: string): value is Sort => (ACCOUNT_SORTS as readonly string[]).includes(value);

/** The register of official accounts (SUP-4): search in main, a virtualized list here. */
export function AccountsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { may } = usePermissions();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('name');
  const { total, loaded, generation, rowAt, onRange, refusal } = useAccountSearch(query, sort);
  const search = useInitialFocus<HTMLInputElement>();

  return (
    <div className="panel">
      <div className="title-row">
        <h1>{t('accounts.title')}</h1>
        <div className="row-actions">
          {may('import.propose') ? (
            <button type="button" onClick={() => navigate(paths.importCsv)}>
              {t('accounts.importCsv')}
            </button>
          ) : null}
          {may('account.register') ? (
            <button type="button" className="primary" onClick={() => navigate(paths.newAccount)}>
              {t('accounts.register')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor="account-search">{t('accounts.search')}</label>
          <TextInput ref={search} id="account-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="account-sort">{t('accounts.sort')}</label>
          <SelectInput id="account-sort" value={sort} onChange={(e) => isSort(e.target.value) && setSort(e.target.value)}>
            {ACCOUNT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`accounts.sorts.${s}`)}
              </option>
            ))}
          </SelectInput>
        </div>
      </div>
      <p className="muted" role="status">
        {t('accounts.count', { count: total })}
      </p>
      <ErrorNotice error={refusal} />
      {loaded && total === 0 ? <p>{t('accounts.empty')}</p> : null}
      {/* Keyed by the search shown: a new search's list starts at its top. */}
      <VirtualList
        key={generation}
        count={total}
        itemAt={rowAt}
        onRange={onRange}
        rowHeight={52}
        label={t('accounts.title')}
        keyOf={(a) => a.id}
        placeholder={<div className="account-row muted">{t('accounts.loading')}</div>}
      >
        {(a) => <AccountRow account={a} onOpen={() => navigate(paths.account(a.id))} />}
      </VirtualList>
    </div>
  );
}

function AccountRow({ account: a, onOpen }: { account: AccountSummary; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="account-row" onClick={onOpen}>
      <span className="account-name">{a.displayName}</span>
      <span className="muted">{a.handle ?? ''}</span>
      <span>{platformLabel(a.platform)}</span>
      <span>{t(`kinds.${a.kind}`)}</span>
      <span className="muted">{a.currentVersion ? t('accounts.version', { n: a.currentVersion }) : t('accounts.noPassword')}</span>
    </button>
  );
}
