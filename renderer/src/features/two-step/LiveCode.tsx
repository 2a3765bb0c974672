import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpCodeView } from '../../../../shared/two-step';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSecondsUntil } from '../../ui/useSecondsUntil';

/** Codes are shown for this many periods after "Mostrar código", then hidden again. */
const SHOWN_PERIODS = 4;

/** The current code with its countdown, fetched again from main when it expires. */
export function LiveCode({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<(TotpCodeView & { until: number; round: number }) | null>(null);
  const [copied, setCopied] = useState<number | null>(null);
  const fetchCode = useAction(async (round: number) => {
    const [view] = await call(api().totp.codes({ accountIds: [accountId] }));
    if (view) setCode({ ...view, until: Date.now() + view.remaining * 1000, round });
  });
  /** A code main refuses to give is not left on screen. */
  const show = (round: number) => void fetchCode.run(round).then((fetched) => fetched.ok || setCode(null));
  const copy = useAction(async () => setCopied((await call(api().totp.copy({ accountId }))).clearAfterSeconds));
  // When a code expires: the next one, until the shown periods are over.
  const left = useSecondsUntil(code?.until ?? null, () => {
    if (!code || code.round + 1 >= SHOWN_PERIODS) setCode(null);
    else show(code.round + 1);
  });
  const refusal = fetchCode.refusal ?? copy.refusal;

  if (!code) {
    return (
      <div>
        <button type="button" className="primary" onClick={() => show(0)}>
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
      <button type="button" onClick={() => void copy.run()}>
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
