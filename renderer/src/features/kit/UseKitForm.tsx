import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIT_MAX_SHARES, type RecoveryState } from '../../../../shared/kit';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';
import { SHARE_COUNTS } from './kit-form';

/**
 * From the lock screen, when every passphrase is lost (issue 18, scope 6): the recovery key as
 * printed, or k of its shares. Main checks the format first (KIT_MALFORMED, the check group), then
 * the kit, under the unlock's growing delay (KIT_WRONG carries when to retry); its use is recorded
 * at once, and the recovery session it opens comes back.
 */
export function UseKitForm({ onOpened, onBack }: { onOpened: (state: RecoveryState) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'key' | 'shares'>('key');
  const [key, setKey] = useState('');
  const [count, setCount] = useState(2);
  const [shares, setShares] = useState<string[]>(() => Array.from({ length: KIT_MAX_SHARES }, () => ''));
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useSecondsUntil(retryAt);
  const recover = useAction(() => call(api().kit.recover(mode === 'key' ? { key } : { shares: shares.slice(0, count) })));
  const typed = mode === 'key' ? key.trim() !== '' : shares.slice(0, count).every((s) => s.trim() !== '');

  const submit = async () => {
    const result = await recover.run();
    if (result.ok) {
      setKey('');
      setShares(shares.map(() => ''));
      onOpened(result.value);
    } else if (typeof result.error.details?.retryAt === 'number') setRetryAt(result.error.details.retryAt);
  };

  return (
    <form
      className="panel narrow"
      aria-labelledby="kit-use-title"
      aria-busy={recover.busy}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1 id="kit-use-title">{t('kit.use.title')}</h1>
      <p>{t('kit.use.intro')}</p>
      <fieldset>
        <legend>{t('kit.use.how')}</legend>
        <label className="choice">
          <input type="radio" name="kit-mode" checked={mode === 'key'} onChange={() => setMode('key')} /> <span>{t('kit.use.key')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="kit-mode" checked={mode === 'shares'} onChange={() => setMode('shares')} /> <span>{t('kit.use.shares')}</span>
        </label>
      </fieldset>
      {mode === 'key' ? (
        <div className="field">
          <label htmlFor="kit-key">{t('kit.use.keyLabel')}</label>
          <TextInput
            id="kit-key"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="kit-key-hint"
            maxLength={200}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <small id="kit-key-hint">{t('kit.use.hint')}</small>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="kit-share-count">{t('kit.use.count')}</label>
            <SelectInput id="kit-share-count" value={count} onChange={(e) => setCount(Number(e.target.value))}>
              {SHARE_COUNTS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectInput>
          </div>
          {Array.from({ length: count }, (_, i) => (
            <div className="field" key={i}>
              <label htmlFor={`kit-share-${i}`}>{t('kit.use.share', { number: i + 1 })}</label>
              <TextInput
                id={`kit-share-${i}`}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                value={shares[i] ?? ''}
                onChange={(e) => setShares(shares.map((s, j) => (j === i ? e.target.value : s)))}
              />
            </div>
          ))}
          <small>{t('kit.use.hint')}</small>
        </>
      )}
      <ErrorNotice error={recover.refusal} />
      {wait > 0 ? (
        <p className="notice" role="status" data-testid="kit-wait">
          {wait <= 90 ? t('unlock.wait', { seconds: wait }) : t('unlock.waitMinutes', { minutes: Math.floor(wait / 60), seconds: wait % 60 })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={recover.busy || wait > 0 || !typed}>
          {recover.busy ? t('kit.use.working') : t('kit.use.submit')}
        </button>
        <button type="button" onClick={onBack}>
          {t('kit.use.back')}
        </button>
      </div>
    </form>
  );
}
