import { createContext, useContext } from 'react';
import type { HomeView } from '../../../../shared/contract';

/** What every screen of an unlocked vault shares: the home view (institution, keyholders, session) and the way to lock. */
export interface VaultSession {
  home: HomeView;
  lock: () => void;
  /** Reads the home view again after a change that alters it (a decision, a setting). */
  refresh: () => void;
}

export const VaultSessionContext = createContext<VaultSession | null>(null);

/** The unlocked vault's session; the routes that use it render only inside <VaultScreens>. */
export function useVaultSession(): VaultSession {
  const session = useContext(VaultSessionContext);
  if (!session) throw new Error('useVaultSession() outside an unlocked vault');
  return session;
}
