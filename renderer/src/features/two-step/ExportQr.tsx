import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';
import { DuplicateLink } from '../cosign/DuplicateLink';

/**
 * Re-enrolling a phone: the administrator asks, saying why (the head reads it in the co-sign
 * dialog, with which seed and to whom), the head authorizes, and the QR is shown once, for 60 s,
 * to the one who asked; then it is dropped from the page.
 */
export function ExportQr({ accountId, onRequested }: { accountId: string; onRequested: () => void }) {
  const { t } = useTranslation();
  const [why, setWhy] = useState('');
  const [shown, setShown] = useState<{ image: string; until: number } | null>(null);
  const left = useSecondsUntil(shown?.until ?? null, () => setShown(null));
  const exportSeed = useAction(async (step: 'request' | 'show') => {
    if (step === 'request') {
      await call(api().totp.requestExport({ accountId, note: why.trim() }));
      setWhy('');
      return onRequested();
    }
    const exported = await call(api().totp.showExport({ accountId }));
    setShown({ image: exported.image, until: Date.now() + exported.hideAfterSeconds * 1000 });
  });

  return (
    <div>
      <div className="inline-form">
        <div className="field grow">
          <label htmlFor="export-why">{t('twoStep.exportWhy')}</label>
          <TextInput id="export-why" maxLength={500} value={why} onChange={(e) => setWhy(e.target.value)} />
        </div>
        <button type="button" disabled={!why.trim()} onClick={() => void exportSeed.run('request')}>
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
      <DuplicateLink refusal={exportSeed.refusal} />
    </div>
  );
}
