import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { useSecondsUntil } from '../hooks/useSecondsUntil';
import { ErrorNotice } from './ErrorNotice';

/**
 * Re-enrolling a phone: the administrator asks, the head authorizes, and the QR is shown once,
 * for 60 s, to the one who asked; then it is dropped from the page.
 */
export function ExportQr({ accountId, onRequested }: { accountId: string; onRequested: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ image: string; until: number } | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const left = useSecondsUntil(shown?.until ?? null);

  useEffect(() => {
    if (shown && left === 0) setShown(null);
  }, [shown, left]);

  const act = async (action: () => Promise<void>) => {
    setRefusal(null);
    try {
      await action();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <div>
      <div className="row-actions">
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              await call(api().totp.requestExport({ accountId }));
              onRequested();
            })
          }
        >
          {t('twoStep.requestExport')}
        </button>
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              const exported = await call(api().totp.showExport({ accountId }));
              setShown({ image: exported.image, until: Date.now() + exported.hideAfterSeconds * 1000 });
            })
          }
        >
          {t('twoStep.showExport')}
        </button>
      </div>
      {shown ? (
        <figure className="export-qr">
          <img src={shown.image} alt={t('twoStep.exportAlt')} data-testid="export-qr" />
          <figcaption className="muted">{t('twoStep.exportShown', { seconds: left })}</figcaption>
        </figure>
      ) : null}
      <ErrorNotice error={refusal} />
    </div>
  );
}
