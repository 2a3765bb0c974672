import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import type { RecoveryCodesView } from '../../../shared/two-step';
import { api, asAppError, call } from '../api';
import { formatDateTime } from '../format';
import { ErrorNotice } from './ErrorNotice';

/** Recovery codes: pasted as printed, revealed one at a time, each marked used with a reason. */
export function RecoveryCodes({ accountId, timeZone }: { accountId: string; timeZone: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<RecoveryCodesView | null>(null);
  const [block, setBlock] = useState('');
  const [shown, setShown] = useState<{ id: string; code: string } | null>(null);
  const [using, setUsing] = useState<{ id: string; reason: string } | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => setView(await call(api().recovery.get({ accountId }))), [accountId]);
  useEffect(() => {
    load().catch((e: unknown) => setRefusal(asAppError(e)));
  }, [load]);

  const act = async (action: () => Promise<unknown>, done?: string) => {
    setRefusal(null);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
      await load();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  if (!view) return <ErrorNotice error={refusal} />;
  const empty = view.codes.length === 0;
  return (
    <section aria-labelledby="recovery-title">
      <h3 id="recovery-title">{t('recovery.title')}</h3>
      {!empty ? (
        <p className={view.low ? 'notice notice-error' : undefined} data-testid="recovery-available">
          {t('recovery.available', { count: view.available })}
          {view.low ? ` ${t('recovery.low')}` : ''}
        </p>
      ) : null}
      {!empty ? (
        <ol className="recovery-codes">
          {view.codes.map((c) => (
            <li key={c.id}>
              <span>{t('recovery.code', { n: c.position })}</span>
              {c.used ? (
                <span className="muted">{t('recovery.used', { when: formatDateTime(c.used.at, timeZone), name: c.used.by.name, reason: c.used.reason })}</span>
              ) : (
                <span className="row-actions">
                  {shown?.id === c.id ? <code data-testid="recovery-code">{shown.code}</code> : null}
                  <button type="button" onClick={() => (shown?.id === c.id ? setShown(null) : void act(async () => setShown({ id: c.id, ...(await call(api().recovery.reveal({ codeId: c.id }))) })))}>
                    {shown?.id === c.id ? t('account.hide') : t('account.reveal')}
                  </button>
                  {using?.id === c.id ? (
                    <>
                      <input aria-label={t('recovery.reason', { n: c.position })} value={using.reason} maxLength={500} onChange={(e) => setUsing({ id: c.id, reason: e.target.value })} />
                      <button type="button" disabled={!using.reason.trim()} onClick={() => void act(() => call(api().recovery.markUsed({ codeId: c.id, reason: using.reason })).then(() => setUsing(null)))}>
                        {t('recovery.confirmUse')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setUsing({ id: c.id, reason: '' })}>
                      {t('recovery.markUsed', { n: c.position })}
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="field">
        <label htmlFor="recovery-block">{t(empty ? 'recovery.paste' : 'recovery.pasteReplacement')}</label>
        <textarea id="recovery-block" rows={4} spellCheck={false} autoComplete="off" value={block} onChange={(e) => setBlock(e.target.value)} />
      </div>
      <button
        type="button"
        disabled={!block.trim()}
        onClick={() =>
          void act(
            () => (empty ? call(api().recovery.store({ accountId, block })) : call(api().recovery.replace({ accountId, block }))).then(() => setBlock('')),
            t(empty ? 'recovery.stored' : 'twoStep.proposed'),
          )
        }
      >
        {t(empty ? 'recovery.store' : 'recovery.replace')}
      </button>
      {notice ? <p className="notice notice-ok" role="status">{notice}</p> : null}
      <ErrorNotice error={refusal} />
    </section>
  );
}
