import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeReason } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { ReasonOptions } from './ReasonOptions';

/** The administrator proposes a new password; it becomes current only once the head authorizes it. */
export function ProposeForm({ accountId, firstVersion, onProposed }: { accountId: string; firstVersion: boolean; onProposed: () => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState<ChangeReason>(firstVersion ? 'creation' : 'scheduled');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [refusal, setRefusal] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await call(api().credentials.propose({ accountId, secret, reason, ...(note.trim() ? { note } : {}) }));
      setSecret('');
      setNote('');
      setSent(true);
      onProposed();
    } catch (e) {
      setRefusal(asAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="propose-title" className="subpanel">
      <h2 id="propose-title">{t('account.propose')}</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="propose-secret">{t('account.newSecret')}</label>
          <input id="propose-secret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="propose-reason">{t('account.reason')}</label>
          <select id="propose-reason" value={reason} onChange={(e) => setReason(e.target.value as ChangeReason)}>
            <ReasonOptions />
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="propose-note">{t('account.note')}</label>
        <input id="propose-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      {sent ? <p className="notice notice-ok" role="status">{t('account.proposed')}</p> : null}
      <ErrorNotice error={refusal} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !secret}>
          {t('account.submitProposal')}
        </button>
      </div>
    </form>
  );
}
