import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';

/**
 * Re-enrolling a phone: the administrator asks, the head authorizes, and the QR is shown once,
 * for 60 s, to the one who asked; then it is dropped from the page.
 */
export function ExportQr({ accountId, onRequested }: { accountId: string; onRequested: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ image: string; until: number } | null>(null);
  const left = useSecondsUntil(shown?.until ?? null, () => setShown(null));
  const exportSeed = useAction(async (step: 'request' | 'show') => {
    if (step === 'request') {
      await call(api().totp.requestExport({ accountId }));
      return onRequested();
    }
    const exported = await call(api().totp.showExport({ accountId }));
    setShown({ image: exported.image, until: Date.now() + exported.hideAfterSeconds * 1000 });
  });

  return (
    <div>
      <div className="row-actions">
        <button type="button" onClick={() => void exportSeed.run('request')}>
          {t('twoStep.requestExport')}
        </button>
        <button type="button" onClick={() => void exportSeed.run('show')}>
          {t('twoStep.showExport')}
        </button>
      </div>
      {shown ? (
        <figure className="export-qr">
          <img src={shown.image} alt={t('twoStep.exportAlt')} data-testid="export-qr" />
          <figcaption className="muted">{t('twoStep.exportShown', { seconds: left })}</figcaption>
        </figure>
      ) : null}
      <ErrorNotice error={exportSeed.refusal} />
    </div>
  );
}
