import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LockedEvent } from '../../../../shared/channels';
import type { HomeView, VaultStatus } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { paths } from '../../app/paths';
import { api, asAppError, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useErrorText } from '../../ui/useErrorText';

export type VaultScreen =
  { kind: 'loading' } | { kind: 'failed'; error: AppError } | { kind: 'status'; status: VaultStatus } | { kind: 'home'; home: HomeView };

async function readScreen(): Promise<VaultScreen> {
  try {
    const status = await call(api().vault.status({}));
    return status.state === 'unlocked' ? { kind: 'home', home: await call(api().vault.home({})) } : { kind: 'status', status };
  } catch (e) {
    return { kind: 'failed', error: asAppError(e) };
  }
}

/**
 * Which screen the vault shows, and the only state that holds what main decrypted. Locking
 * replaces it, so nothing decrypted survives a lock; `generation` remounts the screens so that
 * form fields are emptied too, and the address goes back home.
 */
export function useVaultScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [screen, setScreen] = useState<VaultScreen>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  /** Asks main where the vault stands, and shows that. */
  const refresh = useCallback(() => readScreen().then(setScreen), []);

  /** What the person reads after a lock: why it happened, and whether the log could record it. */
  const lockedNotice = (event: LockedEvent) => {
    const cause = event.unrecorded ? errorText({ code: event.unrecorded as AppError['code'] }) : null;
    return cause ? `${t(`locked.${event.reason}`)} ${t('lockRecord.unrecorded', { cause })}` : t(`locked.${event.reason}`);
  };

  const clear = () => {
    setScreen({ kind: 'loading' });
    setGeneration((g) => g + 1);
    navigate(paths.home, { replace: true });
  };

  // A lock decided in main (idle, suspend, screen lock) arrives as an event, in the current language.
  const onLocked = useEffectEvent((event: LockedEvent) => {
    clear();
    setNotice(lockedNotice(event));
    void refresh();
  });
  useEffect(() => {
    void refresh();
    return api().events.onLocked((event) => onLocked(event));
  }, [refresh]);
  // Every action appends to the log: the home view's count and head are read again after each.
  useEffect(() => onVaultChanged(() => void refresh()), [refresh]);

  const unlocked = () => {
    setNotice(null);
    navigate(paths.home, { replace: true });
    void refresh();
  };

  const lock = async () => {
    clear();
    const locked = await api().vault.lock({});
    setNotice(locked.ok ? lockedNotice(locked.value) : t('locked.manual'));
    void refresh();
  };

  return { screen, notice, generation, refresh, unlocked, lock };
}
