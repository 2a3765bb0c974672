import { useEffect, useState, type FormEvent } from 'react';
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
  const [feedback, setFeedback] = useState<AppError | null | undefined>(undefined);
  const [generated, setGenerated] = useState(false);

  // Immediate, specific feedback while typing (POL-1..3), checked by main against the vault.
  useEffect(() => {
    if (!secret) {
      setFeedback(undefined);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      call(api().credentials.checkPolicy({ accountId, secret }))
        .then((r) => current && setFeedback(r.violation))
        .catch(() => current && setFeedback(undefined));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [accountId, secret]);

  const generate = async () => {
    setRefusal(null);
    try {
      setSecret((await call(api().credentials.generate({ accountId }))).secret);
      setGenerated(true);
    } catch (e) {
      setRefusal(asAppError(e));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await call(api().credentials.propose({ accountId, secret, reason, ...(note.trim() ? { note } : {}) }));
      setSecret('');
      setGenerated(false);
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
          <input
            id="propose-secret"
            type={generated ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            value={secret}
            onChange={(e) => {
              setGenerated(false);
              setSecret(e.target.value);
            }}
          />
          {feedback ? <ErrorNotice error={feedback} live /> : null}
          {feedback === null ? <p className="notice notice-ok" role="status">{generated ? t('account.generated') : t('account.policyOk')}</p> : null}
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
        <button type="button" onClick={() => void generate()}>
          {t('account.generate')}
        </button>
        <button type="submit" className="primary" disabled={busy || !secret}>
          {t('account.submitProposal')}
        </button>
      </div>
    </form>
  );
}
