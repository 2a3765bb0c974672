import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_SORTS, type AccountSummary } from '../../../shared/accounts';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { platformLabel } from '../format';
import { RegisterAccount } from './RegisterAccount';

type Sort = (typeof ACCOUNT_SORTS)[number];
const ROW_HEIGHT = 52;

/** The register of official accounts (SUP-4): instant search in main, a virtualized list here. */
export function Accounts({ onOpen }: { onOpen: (accountId: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('name');
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [registering, setRegistering] = useState(false);
  const [generation, setGeneration] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    call(api().accounts.list({ query, sort }))
      .then((found) => current && setAccounts(found))
      .catch((e: unknown) => current && setRefusal(asAppError(e)));
    return () => {
      current = false;
    };
  }, [query, sort, generation]);

  const rows = useVirtualizer({ count: accounts.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  if (registering) {
    return (
      <RegisterAccount
        onCancel={() => setRegistering(false)}
        onRegistered={(id) => {
          setRegistering(false);
          setGeneration((g) => g + 1);
          onOpen(id);
        }}
      />
    );
  }

  return (
    <div className="panel">
      <div className="title-row">
        <h1>{t('accounts.title')}</h1>
        <button type="button" className="primary" onClick={() => setRegistering(true)}>
          {t('accounts.register')}
        </button>
      </div>
      <div className="row">
        <div className="field grow">
          <label htmlFor="account-search">{t('accounts.search')}</label>
          <input id="account-search" type="search" value={query} autoFocus onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="account-sort">{t('accounts.sort')}</label>
          <select id="account-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {ACCOUNT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`accounts.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted" role="status">
        {t('accounts.count', { count: accounts.length })}
      </p>
      <ErrorNotice error={refusal} />
      {accounts.length === 0 ? <p>{t('accounts.empty')}</p> : null}
      <div ref={scroller} className="virtual-list" role="list" aria-label={t('accounts.title')}>
        <div className="virtual-inner" style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((item) => {
            const a = accounts[item.index]!;
            return (
              <div key={a.id} role="listitem" className="virtual-row" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                <button type="button" className="account-row" onClick={() => onOpen(a.id)}>
                  <span className="account-name">{a.displayName}</span>
                  <span className="muted">{a.handle ?? ''}</span>
                  <span>{platformLabel(a.platform)}</span>
                  <span>{t(`kinds.${a.kind}`)}</span>
                  <span className="muted">{a.currentVersion ? t('accounts.version', { n: a.currentVersion }) : t('accounts.noPassword')}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
