import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useVaultScreen } from '../features/vault/useVaultScreen';
import { VaultScreens } from '../features/vault/VaultScreens';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { DemoBanner } from './DemoBanner';
import { UnlockedNav } from './UnlockedNav';

/** The window: title bar, the demonstration banner when there is one, and the vault's screens; the routes render only once unlocked. */
export function Shell() {
  const { t } = useTranslation();
  const vault = useVaultScreen();
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
      <main key={vault.generation}>
        <VaultScreens vault={vault}>
          <div className="unlocked">
            <UnlockedNav />
            <Outlet />
          </div>
        </VaultScreens>
      </main>
    </div>
  );
}
