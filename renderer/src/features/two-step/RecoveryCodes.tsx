import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { MarkUsedForm, StoreCodesForm } from './RecoveryCodeForms';

/** Recovery codes: pasted as printed, revealed one at a time, each marked used with a reason. */
export function RecoveryCodes({ accountId, timeZone }: { accountId: string; timeZone: string }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const codes = useLoad(useCallback(() => call(api().recovery.get({ accountId })), [accountId]));
  const [shown, setShown] = useState<{ id: string; code: string } | null>(null);
  const [using, setUsing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Every change asks main, says what was done if there is something to say, and reads the codes again. */
  const act = useAction(async (step: () => Promise<unknown>, done?: string) => {
    setNotice(null);
    await step();
    if (done) setNotice(done);
    codes.reload();
  });

  const view = codes.data;
  if (!view) return <ErrorNotice error={act.refusal ?? codes.refusal} />;
  const empty = view.codes.length === 0;
  // Storing the first set is the administrator's; replacing a set is a proposal the head authorizes.
  const storing = empty ? 'recovery.store' : 'recovery.replace';
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
                  {may('recovery.reveal') ? (
                    <button
                      type="button"
                      onClick={() =>
                        shown?.id === c.id
                          ? setShown(null)
                          : void act.run(async () => setShown({ id: c.id, ...(await call(api().recovery.reveal({ codeId: c.id }))) }))
                      }
                    >
                      {shown?.id === c.id ? t('account.hide') : t('account.reveal')}
                    </button>
                  ) : null}
                  {!may('recovery.use') ? null : using === c.id ? (
                    <MarkUsedForm
                      position={c.position}
                      onMark={(reason) => act.run(() => call(api().recovery.markUsed({ codeId: c.id, reason })).then(() => setUsing(null)))}
                    />
                  ) : (
                    <button type="button" onClick={() => setUsing(c.id)}>
                      {t('recovery.markUsed', { n: c.position })}
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {may(storing) ? (
        <StoreCodesForm
          replacing={!empty}
          onStore={(block) =>
            act.run(
              () => (empty ? call(api().recovery.store({ accountId, block })) : call(api().recovery.replace({ accountId, block }))),
              t(empty ? 'recovery.stored' : 'twoStep.proposed'),
            )
          }
        />
      ) : (
        <RoleNote action={storing} what={t(empty ? 'recovery.store' : 'recovery.replace')} />
      )}
      {notice ? (
        <p className="notice notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorNotice error={act.refusal ?? codes.refusal} />
      <DuplicateLink refusal={act.refusal} />
    </section>
  );
}
