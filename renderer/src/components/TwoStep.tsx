import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { TotpCodeView, TotpStatus } from '../../../shared/two-step';
import { api, asAppError, call } from '../api';
import { formatDateTime } from '../format';
import { useSecondsUntil } from '../hooks/useSecondsUntil';
import { ErrorNotice } from './ErrorNotice';
import { ExportQr } from './ExportQr';
import { RecoveryCodes } from './RecoveryCodes';
import { SeedForm } from './SeedForm';
import { TwoStepStatus } from './TwoStepStatus';

/** Codes are shown for this many periods after "Mostrar código", then hidden again. */
const SHOWN_PERIODS = 4;

/**
 * Two-step verification (SEC-1): the account's TOTP seed, kept in the vault. The renderer only
 * ever holds codes; a new, replaced or removed seed is a co-signed request.
 */
export function TwoStep({ accountId, status, timeZone, keyholders, onProposed }: { accountId: string; status: TotpStatus | null; timeZone: string; keyholders: KeyholderView[]; onProposed: () => void }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [sent, setSent] = useState(false);

  const removal = async () => {
    setRefusal(null);
    try {
      await call(api().totp.remove({ accountId }));
      setSent(true);
      onProposed();
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  return (
    <section aria-labelledby="two-step-title">
      <h2 id="two-step-title">{t('twoStep.title')}</h2>
      {status ? (
        <>
          <p>
            {t('twoStep.inVault', { issuer: status.issuer ?? '—', label: status.label ?? '—' })}{' '}
            <span className="muted">
              {t('twoStep.setBy', { proposer: status.proposedBy.name, approver: status.authorizedBy.name, when: formatDateTime(status.setAt, timeZone) })}
            </span>
          </p>
          <LiveCode accountId={accountId} />
          <ExportQr
            accountId={accountId}
            onRequested={() => {
              setSent(true);
              onProposed();
            }}
          />
          <div className="row-actions">
            <button type="button" onClick={() => setReplacing(!replacing)}>
              {t('twoStep.replace')}
            </button>
            <button type="button" onClick={() => void removal()}>
              {t('twoStep.remove')}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">{t('twoStep.none')}</p>
      )}
      {sent ? <p className="notice notice-ok" role="status">{t('twoStep.proposed')}</p> : null}
      {!status || replacing ? (
        <SeedForm
          accountId={accountId}
          onProposed={() => {
            setSent(true);
            setReplacing(false);
            onProposed();
          }}
        />
      ) : null}
      <ErrorNotice error={refusal} />
      <RecoveryCodes accountId={accountId} timeZone={timeZone} />
      <TwoStepStatus accountId={accountId} keyholders={keyholders} />
    </section>
  );
}

/** The current code with its countdown, fetched again from main when it expires. */
function LiveCode({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<(TotpCodeView & { until: number; round: number }) | null>(null);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [copied, setCopied] = useState<number | null>(null);
  const left = useSecondsUntil(code?.until ?? null);

  const copy = async () => {
    setRefusal(null);
    try {
      setCopied((await call(api().totp.copy({ accountId }))).clearAfterSeconds);
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  const fetchCode = async (round: number) => {
    setRefusal(null);
    try {
      const [view] = await call(api().totp.codes({ accountIds: [accountId] }));
      if (view) setCode({ ...view, until: Date.now() + view.remaining * 1000, round });
    } catch (e) {
      setRefusal(asAppError(e));
      setCode(null);
    }
  };

  useEffect(() => {
    if (!code || left > 0) return;
    if (code.round + 1 >= SHOWN_PERIODS) setCode(null);
    else void fetchCode(code.round + 1);
  }, [left]); // refetch exactly when the code expires

  if (!code) {
    return (
      <div>
        <button type="button" className="primary" onClick={() => void fetchCode(0)}>
          {t('twoStep.show')}
        </button>
        <ErrorNotice error={refusal} />
      </div>
    );
  }
  return (
    <div className="totp" aria-live="polite">
      <code className="totp-code" data-testid="totp-code">
        {code.code}
      </code>
      <span className="muted">{t('twoStep.left', { seconds: left })}</span>
      {left <= 5 && code.next ? <span className="muted">{t('twoStep.next', { code: code.next })}</span> : null}
      <button type="button" onClick={() => void copy()}>
        {t('twoStep.copy')}
      </button>
      {copied ? <span role="status">{t('twoStep.copied', { seconds: copied })}</span> : null}
      <button type="button" onClick={() => setCode(null)}>
        {t('account.hide')}
      </button>
      <ErrorNotice error={refusal} />
    </div>
  );
}
