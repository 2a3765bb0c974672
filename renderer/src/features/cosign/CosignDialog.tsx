import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { approveRequest, rejectRequest, type PendingRequest } from '../../../../shared/accounts';
import type { KeyholderView } from '../../../../shared/contract';
import type { ChangeKindId } from '../../../../shared/domain';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useFocusTrap } from '../../ui/useFocusTrap';

/** Each family of requests has its own dialog title. */
const TITLE_FAMILY = { 'credential.rotate': '', 'settings.update': 'Settings', 'totp.set': 'Totp', 'totp.remove': 'Totp', 'totp.export': 'Totp', 'recovery.replace': 'Totp' } as const satisfies Record<ChangeKindId, string>;

/** The decision as the contract has it, less the request it is about; a rejection also says why. */
const approval = approveRequest.omit({ requestId: true }).extend({ reason: z.string() });
const rejection = rejectRequest.omit({ requestId: true });
type Decision = z.input<typeof rejection>;

/**
 * The co-sign dialog: the person deciding picks themselves and types their own passphrase at
 * this workstation. Main proves it, refuses self-approval and wrong roles, and signs the decision.
 * Keyboard focus stays inside it; Escape cancels.
 */
export function CosignDialog({ request, mode, keyholders, onDone, onCancel }: { request: PendingRequest; mode: 'approve' | 'reject'; keyholders: KeyholderView[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const deciders = keyholders.filter((k) => k.status === 'active' && k.id !== request.proposedBy.keyholderId);
  const { register, handleSubmit, control, setValue, setFocus } = useForm<Decision, unknown, z.output<typeof rejection>>({
    resolver: zodResolver(mode === 'approve' ? approval : rejection),
    defaultValues: { approverId: deciders.find((k) => k.role === 'head')?.id ?? deciders[0]?.id ?? '', passphrase: '', reason: '' },
  });
  const [approverId, passphrase, reason] = useWatch({ control, name: ['approverId', 'passphrase', 'reason'] });
  const decide = useAction((decision: Decision) =>
    mode === 'approve' ? call(api().cosign.approve({ requestId: request.id, approverId: decision.approverId, passphrase: decision.passphrase })) : call(api().cosign.reject({ requestId: request.id, ...decision })),
  );
  const titleId = `cosign-title-${request.id}`;
  const dialog = useRef<HTMLFormElement>(null);
  useFocusTrap(dialog, onCancel);
  useEffect(() => setFocus('passphrase'), [setFocus]);

  const submit = handleSubmit(async (decision) => {
    const decided = await decide.run(decision);
    setValue('passphrase', '');
    if (decided.ok) onDone();
  });

  return (
    <div className="overlay">
      <form ref={dialog} className="panel narrow dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} aria-busy={decide.busy}>
        <h2 id={titleId}>{t(`cosign.${mode === 'approve' ? 'authorize' : 'reject'}${TITLE_FAMILY[request.kind]}Title`)}</h2>
        <fieldset>
          <legend>{t('cosign.who')}</legend>
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
        {mode === 'reject' ? (
          <div className="field">
            <label htmlFor={`${titleId}-reason`}>{t('cosign.reason')}</label>
            <textarea id={`${titleId}-reason`} required maxLength={500} {...register('reason')} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${titleId}-pass`}>{t('cosign.passphrase')}</label>
          <input id={`${titleId}-pass`} type="password" autoComplete="off" {...register('passphrase')} />
        </div>
        <ErrorNotice error={decide.refusal} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('cosign.cancel')}
          </button>
          <button type="submit" className="primary" disabled={decide.busy || !passphrase || !approverId || (mode === 'reject' && !reason.trim())}>
            {decide.busy ? t('cosign.working') : t(mode === 'approve' ? 'cosign.authorize' : 'cosign.reject')}
          </button>
        </div>
      </form>
    </div>
  );
}
