import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingRequest } from '../../../shared/accounts';
import type { ChangeKindId } from '../../../shared/domain';
import type { KeyholderView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { useFocusTrap } from '../hooks/useFocusTrap';
import { ErrorNotice } from './ErrorNotice';

/** Each kind of request has its own dialog title. */
const TITLE_FAMILY: Record<ChangeKindId, string> = { 'credential.rotate': '', 'settings.update': 'Settings', 'totp.set': 'Totp', 'totp.remove': 'Totp', 'totp.export': 'Totp', 'recovery.replace': 'Totp' };

/**
 * The co-sign dialog: the person deciding picks themselves and types their own passphrase at
 * this workstation. Main proves it, refuses self-approval and wrong roles, and signs the decision.
 * Keyboard focus stays inside it; Escape cancels.
 */
export function CosignDialog({ request, mode, keyholders, onDone, onCancel }: { request: PendingRequest; mode: 'approve' | 'reject'; keyholders: KeyholderView[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const deciders = keyholders.filter((k) => k.status === 'active' && k.id !== request.proposedBy.keyholderId);
  const [deciderId, setDeciderId] = useState(deciders.find((k) => k.role === 'head')?.id ?? deciders[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const titleId = `cosign-title-${request.id}`;
  const dialog = useRef<HTMLFormElement>(null);
  useFocusTrap(dialog, onCancel);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      if (mode === 'approve') await call(api().cosign.approve({ requestId: request.id, approverId: deciderId, passphrase }));
      else await call(api().cosign.reject({ requestId: request.id, approverId: deciderId, passphrase, reason }));
      setPassphrase('');
      onDone();
    } catch (e) {
      setPassphrase('');
      setRefusal(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay">
      <form ref={dialog} className="panel narrow dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} aria-busy={busy}>
        <h2 id={titleId}>{t(`cosign.${mode === 'approve' ? 'authorize' : 'reject'}${TITLE_FAMILY[request.kind]}Title`)}</h2>
        <fieldset>
          <legend>{t('cosign.who')}</legend>
          {deciders.map((k) => (
            <label key={k.id} className="choice">
              <input type="radio" name="decider" checked={deciderId === k.id} onChange={() => setDeciderId(k.id)} />
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
            <textarea id={`${titleId}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${titleId}-pass`}>{t('cosign.passphrase')}</label>
          <input id={`${titleId}-pass`} type="password" autoComplete="off" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        <ErrorNotice error={refusal} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('cosign.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !passphrase || !deciderId || (mode === 'reject' && !reason.trim())}>
            {busy ? t('cosign.working') : t(mode === 'approve' ? 'cosign.authorize' : 'cosign.reject')}
          </button>
        </div>
      </form>
    </div>
  );
}
