import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView, VaultStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api, asAppError, call } from './api';
import { DemoBanner } from './components/DemoBanner';
import { ErrorNotice } from './components/ErrorNotice';
import { LanguageSwitch } from './components/LanguageSwitch';
import { VaultUnavailable } from './components/VaultUnavailable';
import { useErrorText } from './components/ErrorNotice';
import type { LockedEvent } from '../../shared/channels';
import { CreateVault } from './pages/CreateVault';
import { AccountDetail } from './pages/AccountDetail';
import { Accounts } from './pages/Accounts';
import { History } from './pages/History';
import { Home } from './pages/Home';
import { Settings } from './pages/Settings';
import { Unlock } from './pages/Unlock';

type Page = { name: 'home' } | { name: 'accounts' } | { name: 'account'; accountId: string } | { name: 'history' } | { name: 'settings' };

type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; error: AppError }
  | { kind: 'status'; status: VaultStatus }
  | { kind: 'home'; home: HomeView };

/**
 * The whole renderer state lives here. Locking replaces it, so nothing decrypted survives a
 * lock; `generation` remounts the screens so that form fields are emptied too.
 */
export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [page, setPage] = useState<Page>({ name: 'home' });

  const refresh = useCallback(async () => {
    try {
      const status = await call(api().vault.status({}));
      if (status.state === 'unlocked') setScreen({ kind: 'home', home: await call(api().vault.home({})) });
      else setScreen({ kind: 'status', status });
    } catch (e) {
      setScreen({ kind: 'failed', error: asAppError(e) });
    }
  }, []);

  const errorText = useErrorText();
  /** What the person reads after a lock: why it happened, and whether the log could record it. */
  const lockedNotice = (event: LockedEvent) => {
    const cause = event.unrecorded ? errorText({ code: event.unrecorded as AppError['code'] }) : null;
    return cause ? `${t(`locked.${event.reason}`)} ${t('lockRecord.unrecorded', { cause })}` : t(`locked.${event.reason}`);
  };
  // The subscription lives as long as the app; it reads the current language through this ref.
  const lockedNoticeRef = useRef(lockedNotice);
  lockedNoticeRef.current = lockedNotice;

  useEffect(() => {
    void refresh();
    return api().events.onLocked((event) => {
      setScreen({ kind: 'loading' });
      setGeneration((g) => g + 1);
      setNotice(lockedNoticeRef.current(event));
      void refresh();
    });
  }, [refresh]);

  const unlocked = () => {
    setNotice(null);
    setPage({ name: 'home' });
    void refresh();
  };

  const lock = async () => {
    setScreen({ kind: 'loading' });
    setGeneration((g) => g + 1);
    const locked = await api().vault.lock({});
    setNotice(locked.ok ? lockedNotice(locked.value) : t('locked.manual'));
    void refresh();
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <DemoBanner />
      <main key={generation}>
        {screen.kind === 'loading' ? <p className="muted">{t('app.loading')}</p> : null}
        {screen.kind === 'failed' ? <ErrorNotice error={screen.error} /> : null}
        {screen.kind === 'status' && screen.status.state === 'empty' ? <CreateVault onCreated={unlocked} /> : null}
        {screen.kind === 'status' && screen.status.state === 'corrupt' ? (
          <div className="panel narrow" role="alert">
            <h1>{t('corrupt.title')}</h1>
            <p>{t('corrupt.body')}</p>
          </div>
        ) : null}
        {screen.kind === 'status' && screen.status.state === 'unavailable' ? (
          <VaultUnavailable error={screen.status.error ?? { code: 'STORAGE_IO' }} onRetry={() => void refresh()} />
        ) : null}
        {screen.kind === 'status' && screen.status.state === 'locked' ? (
          <Unlock keyholders={screen.status.keyholders} initialRetryAt={screen.status.retryAt} notice={notice} onUnlocked={unlocked} />
        ) : null}
        {screen.kind === 'home' ? (
          <Unlocked page={page} home={screen.home} onNavigate={setPage} onLock={() => void lock()} onChanged={() => void refresh()} />
        ) : null}
      </main>
    </div>
  );
}

/** The screens of an unlocked vault, under one navigation bar. */
function Unlocked({ page, home, onNavigate, onLock, onChanged }: { page: Page; home: HomeView; onNavigate: (page: Page) => void; onLock: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const tabs = [
    { page: { name: 'home' } as const, label: t('nav.home') },
    { page: { name: 'accounts' } as const, label: t('nav.accounts') },
    { page: { name: 'history' } as const, label: t('nav.history') },
    { page: { name: 'settings' } as const, label: t('nav.settings') },
  ];
  const active = page.name === 'account' ? 'accounts' : page.name;
  return (
    <div className="unlocked">
      <nav className="tabs" aria-label={t('app.name')}>
        {tabs.map((tab) => (
          <button key={tab.page.name} type="button" aria-current={active === tab.page.name ? 'page' : undefined} onClick={() => onNavigate(tab.page)}>
            {tab.label}
          </button>
        ))}
      </nav>
      {page.name === 'home' ? <Home home={home} onLock={onLock} onChanged={onChanged} onRotate={(accountId) => onNavigate({ name: 'account', accountId })} /> : null}
      {page.name === 'accounts' ? <Accounts onOpen={(accountId) => onNavigate({ name: 'account', accountId })} /> : null}
      {page.name === 'account' ? <AccountDetail accountId={page.accountId} timeZone={home.institution.timeZone} keyholders={home.keyholders.filter((k) => k.status === 'active')} onBack={() => onNavigate({ name: 'accounts' })} /> : null}
      {page.name === 'history' ? <History home={home} /> : null}
      {page.name === 'settings' ? <Settings /> : null}
    </div>
  );
}
