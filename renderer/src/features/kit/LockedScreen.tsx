import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, VaultStatus } from '../../../../shared/contract';
import type { RecoveryState } from '../../../../shared/kit';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { UnlockPage } from '../vault/UnlockPage';
import { RecoveryPage } from './RecoveryPage';
import { UseKitForm } from './UseKitForm';

/**
 * The locked vault (issue 18, scope 6): the lock screen, with the way to the emergency kit when
 * every passphrase is lost; or, while a recovery session is open in main, recovery mode. Main is
 * asked on load (`kit.recovery`), so a reload of the window returns to the open recovery.
 */
export function LockedScreen({ status, notice, onUnlocked }: { status: VaultStatus; notice: string | null; onUnlocked: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const loaded = useLoad(useCallback(async () => ({ open: await call(api().kit.recovery({})) }), []));
  // What this screen learnt since (opened, enrolled, ended) wins over what was read on load.
  const [session, setSession] = useState<RecoveryState | null | undefined>(undefined);
  const [usingKit, setUsingKit] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const open = session !== undefined ? session : (loaded.data?.open ?? null);

  if (!loaded.data && !loaded.refusal) return <p className="muted">{t('app.loading')}</p>;
  if (open)
    return (
      <RecoveryPage
        state={open}
        onChange={setSession}
        onEnded={(how) => {
          setSession(null);
          setUsingKit(false);
          setEnded(t(`kit.recovery.${how}`));
        }}
      />
    );
  if (usingKit)
    return (
      <UseKitForm
        onOpened={(state) => {
          setEnded(null);
          setSession(state);
        }}
        onBack={() => setUsingKit(false)}
      />
    );
  return (
    <>
      <ErrorNotice error={loaded.refusal} />
      {/* A new roster (after a recovery) is a new form: its first keyholder chosen, nothing typed kept. */}
      <UnlockPage
        key={status.keyholders.map((k) => `${k.id}:${k.revoked}`).join()}
        keyholders={status.keyholders}
        initialRetryAt={status.retryAt}
        notice={ended ?? notice}
        onUnlocked={onUnlocked}
      >
        <p>
          <button type="button" className="link" onClick={() => setUsingKit(true)}>
            {t('kit.use.open')}
          </button>
        </p>
      </UnlockPage>
    </>
  );
}
