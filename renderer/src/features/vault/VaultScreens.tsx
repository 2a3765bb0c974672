import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { RestoreBackup } from '../backup/RestoreBackup';
import { LockedScreen } from '../kit/LockedScreen';
import { CreateVaultPage } from './CreateVaultPage';
import { VaultSessionContext, type VaultSession } from './session';
import { VaultUnavailable } from './VaultUnavailable';
import type { useVaultScreen } from './useVaultScreen';

/** The vault's state decides the screen: the ceremony, a damaged or unavailable file, the lock screen, or `children` once unlocked. */
export function VaultScreens({ vault, children }: { vault: ReturnType<typeof useVaultScreen>; children: ReactNode }) {
  const { t } = useTranslation();
  const { screen } = vault;
  if (screen.kind === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (screen.kind === 'failed') return <ErrorNotice error={screen.error} />;
  if (screen.kind === 'home')
    return (
      <Unlocked home={screen.home} lock={() => void vault.lock()} refresh={() => void vault.refresh()}>
        {children}
      </Unlocked>
    );
  const { status } = screen;
  if (status.state === 'empty')
    return (
      <>
        <RestoreBackup onRestored={() => void vault.refresh()} />
        <CreateVaultPage onCreated={vault.unlocked} />
      </>
    );
  if (status.state === 'unavailable') return <VaultUnavailable error={status.error ?? { code: 'STORAGE_IO' }} onRetry={() => void vault.refresh()} />;
  // Issue 18: the lock screen, with the emergency kit's way in and its recovery mode (features/kit/LockedScreen).
  if (status.state === 'locked') return <LockedScreen status={status} notice={vault.notice} onUnlocked={vault.unlocked} />;
  if (status.state === 'corrupt') {
    return (
      <div className="panel narrow" role="alert">
        <h1>{t('corrupt.title')}</h1>
        <p>{t('corrupt.body')}</p>
      </div>
    );
  }
  return null;
}

function Unlocked({ children, ...session }: VaultSession & { children: ReactNode }) {
  return <VaultSessionContext value={session}>{children}</VaultSessionContext>;
}
