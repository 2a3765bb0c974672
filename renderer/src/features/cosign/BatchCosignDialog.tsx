import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { KeyholderView } from '../../../../shared/contract';
import { kindPolicy } from '../../../../shared/permissions';
import type { RequestView } from '../../../../shared/requests';
import type { BatchOutcome } from '../../../../shared/staff';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useErrorText } from '../../ui/useErrorText';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { useRoleList } from '../vault/RoleNote';
import { useChangeWords } from './useChangeWords';

interface Decision {
  approverId: string;
  passphrase: string;
}

/**
 * The head's review of several requests at once (issue 15): each is listed with what it changes,
 * the passphrase is typed once, and each request is still checked, signed and logged on its own —
 * the dialog then shows each one's outcome, a refused one with its translated reason and rule.
 */
export function BatchCosignDialog({ requests, keyholders, onClose }: { requests: RequestView[]; keyholders: KeyholderView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const errorText = useErrorText();
  const roles = useRoleList();
  const [outcomes, setOutcomes] = useState<BatchOutcome[] | null>(null);
  // Only a role that decides every kind listed; a request of their own is refused alone (POL-5).
  const approverRoles = [...new Set(requests.flatMap((r) => kindPolicy(r.kind).approverRoles))].filter((role) =>
    requests.every((r) => kindPolicy(r.kind).approverRoles.includes(role)),
  );
  const deciders = keyholders.filter((k) => k.status === 'active' && approverRoles.includes(k.role));
  const { register, handleSubmit, control, setValue, setFocus } = useForm<Decision>({
    defaultValues: { approverId: deciders.length === 1 ? deciders[0]!.id : '', passphrase: '' },
  });
  const [approverId, passphrase] = useWatch({ control, name: ['approverId', 'passphrase'] });
  const decide = useAction((d: Decision) =>
    call(api().cosign.approveMany({ requestIds: requests.map((r) => r.id), approverId: d.approverId, passphrase: d.passphrase })),
  );
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useFocusTrap(dialog, onClose);
  useEffect(() => (outcomes ? close.current?.focus() : setFocus('passphrase')), [outcomes, setFocus]);

  const submit = handleSubmit(async (d) => {
    const decided = await decide.run(d);
    setValue('passphrase', '');
    if (decided.ok) setOutcomes(decided.value);
  });
  const outcomeOf = (id: string) => outcomes?.find((o) => o.requestId === id);
  const titleId = 'batch-cosign-title';

  return (
    <div className="overlay">
      <div ref={dialog} className="panel dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-busy={decide.busy}>
        <h2 id={titleId}>{t('batch.title', { count: requests.length })}</h2>
        <p className="muted">{t('batch.intro')}</p>
        <h3 className="dialog-section">{outcomes ? t('batch.outcome') : t('cosign.signs')}</h3>
        <ol className="requests batch-list">
          {requests.map((r) => {
            const outcome = outcomeOf(r.id);
            return (
              <li key={r.id} className="request" data-testid="batch-item">
                <div>
                  {outcome ? (
                    <span className={`badge ${outcome.ok ? 'state-applied' : 'state-rejected'}`}>{outcome.ok ? t('batch.approved') : t('batch.refused')}</span>
                  ) : null}
                  <strong>{words.headline(r)}</strong>
                  <ul className="changes">
                    {words.details(r).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  {r.reason ? (
                    <small>
                      {t('change.note')}: «{r.reason}»
                    </small>
                  ) : null}
                  {outcome?.error ? (
                    <p className="notice notice-error" data-testid="batch-refusal">
                      {errorText({ code: outcome.error.code, ...(outcome.error.rule ? { rule: outcome.error.rule } : {}) })}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
        {outcomes ? (
          <>
            <p role="status" data-testid="batch-summary">
              {t('batch.summary', { ok: outcomes.filter((o) => o.ok).length, total: outcomes.length })}
            </p>
            <div className="actions">
              <button ref={close} type="button" className="primary" onClick={onClose}>
                {t('batch.close')}
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={submit}>
            <fieldset>
              <legend>{t('cosign.who')}</legend>
              {deciders.length === 0 ? <p className="notice notice-error">{t('cosign.nobody', { authorizers: roles(approverRoles) })}</p> : null}
              {deciders.map((k) => (
                <label key={k.id} className="choice">
                  <input type="radio" value={k.id} {...register('approverId')} />
                  <span>
                    <strong>{k.name}</strong>
                    <small>{t(`roles.${k.role}`)}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="batch-pass">{t('cosign.passphrase')}</label>
              <TextInput id="batch-pass" type="password" autoComplete="off" {...register('passphrase')} />
            </div>
            <ErrorNotice error={decide.refusal} />
            <div className="actions">
              <button type="button" onClick={onClose}>
                {t('cosign.cancel')}
              </button>
              <button type="submit" className="primary" disabled={decide.busy || !passphrase || !approverId}>
                {decide.busy ? t('cosign.working') : t('batch.submit', { count: requests.length })}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
