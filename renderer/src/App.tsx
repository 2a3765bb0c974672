import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView, VaultStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api, asAppError, call } from './api';
import { ErrorNotice } from './components/ErrorNotice';
import { LanguageSwitch } from './components/LanguageSwitch';
import { CreateVault } from './pages/CreateVault';
import { Home } from './pages/Home';
import { Unlock } from './pages/Unlock';

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

  const refresh = useCallback(async () => {
    try {
      const status = await call(api().vault.status({}));
      if (status.state === 'unlocked') setScreen({ kind: 'home', home: await call(api().vault.home({})) });
      else setScreen({ kind: 'status', status });
    } catch (e) {
      setScreen({ kind: 'failed', error: asAppError(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return api().events.onLocked((event) => {
      setScreen({ kind: 'loading' });
      setGeneration((g) => g + 1);
      setNotice(t(`locked.${event.reason}`));
      void refresh();
    });
  }, [refresh, t]);

  const unlocked = () => {
    setNotice(null);
    void refresh();
  };

  const lock = async () => {
    setScreen({ kind: 'loading' });
    setGeneration((g) => g + 1);
    await api().vault.lock({});
    setNotice(t('locked.manual'));
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
        {screen.kind === 'status' && screen.status.state === 'locked' ? (
          <Unlock keyholders={screen.status.keyholders} initialRetryAt={screen.status.retryAt} notice={notice} onUnlocked={unlocked} />
        ) : null}
        {screen.kind === 'home' ? <Home home={screen.home} onLock={() => void lock()} /> : null}
      </main>
    </div>
  );
}
