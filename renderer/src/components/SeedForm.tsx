import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import type { TotpParameters } from '../../../shared/totp';
import { MAX_QR_IMAGE_BYTES, type TotpSource } from '../../../shared/two-step';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from './ErrorNotice';

type Mode = 'image' | 'uri' | 'secret';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A new TOTP seed from a QR screenshot, an otpauth:// link or a typed secret; checked in main, then proposed for co-signing. */
export function SeedForm({ accountId, onProposed }: { accountId: string; onProposed: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('image');
  const [source, setSource] = useState<TotpSource | null>(null);
  const [uri, setUri] = useState('');
  const [secret, setSecret] = useState('');
  const [checked, setChecked] = useState<TotpParameters | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const inspect = async (next: TotpSource) => {
    setRefusal(null);
    setChecked(null);
    setSource(next);
    try {
      setChecked(await call(api().totp.inspect({ source: next })));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  /** A file over the bound is refused here with main's own wording, before megabytes cross IPC. */
  const chooseImage = (file: File) => {
    if (file.size <= MAX_QR_IMAGE_BYTES) return void base64Of(file).then((image) => inspect({ image }));
    const megabytes = Math.ceil((file.size / (1024 * 1024)) * 10) / 10;
    setChecked(null);
    setRefusal({ code: 'IMAGE_TOO_LARGE', details: { width: '?', height: '?', megabytes, maxSide: 4000, maxMegabytes: MAX_QR_IMAGE_BYTES / (1024 * 1024) } });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!source || !checked) return;
    setRefusal(null);
    try {
      await call(api().totp.propose({ accountId, source }));
      setSource(null);
      setChecked(null);
      setUri('');
      setSecret('');
      onProposed();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <form className="seed-form" onSubmit={(e) => void submit(e)} aria-label={t('twoStep.add')}>
      <h3>{t('twoStep.add')}</h3>
      <fieldset>
        <legend>{t('twoStep.from')}</legend>
        {(['image', 'uri', 'secret'] as const).map((m) => (
          <label key={m} className="choice">
            <input type="radio" name="seed-mode" checked={mode === m} onChange={() => setMode(m)} />
            <span>{t(`twoStep.modes.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'image' ? (
        <div className="field">
          <label htmlFor="seed-image">{t('twoStep.image')}</label>
          <input id="seed-image" type="file" accept="image/png,image/jpeg" onChange={(e) => e.target.files?.[0] && chooseImage(e.target.files[0])} />
        </div>
      ) : null}
      {mode === 'uri' ? (
        <div className="field">
          <label htmlFor="seed-uri">{t('twoStep.uri')}</label>
          <input id="seed-uri" autoComplete="off" spellCheck={false} value={uri} onChange={(e) => setUri(e.target.value)} onBlur={() => uri && void inspect({ uri })} />
        </div>
      ) : null}
      {mode === 'secret' ? (
        <div className="field">
          <label htmlFor="seed-secret">{t('twoStep.secret')}</label>
          <input id="seed-secret" type="password" autoComplete="off" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} onBlur={() => secret && void inspect({ secret })} />
        </div>
      ) : null}
      {checked ? (
        <p className="notice notice-ok" role="status">
          {t('twoStep.checked', { issuer: checked.issuer ?? '—', label: checked.label ?? '—', digits: checked.digits, period: checked.period, algorithm: checked.algorithm.toUpperCase() })}
        </p>
      ) : null}
      <ErrorNotice error={refusal} />
      <button type="submit" className="primary" disabled={!checked}>
        {t('twoStep.submit')}
      </button>
    </form>
  );
}
