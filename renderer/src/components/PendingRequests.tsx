import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingRequest } from '../../../shared/accounts';
import type { HomeView } from '../../../shared/contract';
import i18n from 'i18next';
import type { AppError, DetailValue } from '../../../shared/result';
import { api, asAppError, call } from '../api';
import { formatDateTime, platformLabel } from '../format';
import { CosignDialog } from './CosignDialog';
import { ErrorNotice } from './ErrorNotice';

/** A setting's value as people read it: numbers as they are, flags as yes/no, per-kind intervals by kind. */
function settingValue(value: DetailValue): string {
  if (typeof value === 'boolean') return i18n.t(value ? 'yes' : 'no');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '—' : entries.map(([kind, days]) => `${i18n.t(`kinds.${kind}`)}: ${String(days)}`).join(', ');
  }
  return String(value);
}

/** Requests awaiting the head's decision, listed on the home screen (POL-5). */
export function PendingRequests({ home, onDecided }: { home: HomeView; onDecided: () => void }) {
  const { t } = useTranslation();
  const [requests, setRequests] = useState<PendingRequest[]>([]);
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [open, setOpen] = useState<{ request: PendingRequest; mode: 'approve' | 'reject' } | null>(null);
  const [done, setDone] = useState(false);
  const zone = home.institution.timeZone;
  const describe = (r: PendingRequest) => {
    if (!r.account) return t('pending.settings');
    const where = { account: r.account.displayName, platform: platformLabel(r.account.platform) };
    return r.kind === 'credential.rotate' ? t('pending.what', { ...where, reason: t(`reasons.${r.reason}`) }) : t(`pending.${r.kind}`, where);
  };

  const load = useCallback(async () => {
    try {
      setRequests(await call(api().cosign.pending({})));
    } catch (e) {
      setRefusal(asAppError(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t('pending.title')}</h2>
      {done ? <p className="notice notice-ok" role="status">{t('cosign.done')}</p> : null}
      {requests.length === 0 ? <p className="muted">{t('pending.none')}</p> : null}
      <ul className="requests">
        {requests.map((r) => (
          <li key={r.id} className="request">
            <div>
              <strong>
                {describe(r)}
              </strong>
              {r.changes ? (
                <ul className="changes">
                  {r.changes.map((c) => (
                    <li key={c.setting}>{t('pending.change', { settingText: t(`settings.fields.${c.setting}`), from: settingValue(c.from), to: settingValue(c.to) })}</li>
                  ))}
                </ul>
              ) : null}
              <small>
                {t('pending.by', { name: r.proposedBy.name, role: t(`roles.${r.proposedBy.role}`), when: formatDateTime(r.proposedAt, zone), expires: formatDateTime(r.expiresAt, zone) })}
              </small>
              {r.note ? <small>“{r.note}”</small> : null}
            </div>
            {r.expired ? (
              <span className="badge badge-warn">{t('pending.expired')}</span>
            ) : (
              <div className="row-actions">
                <button type="button" className="primary" onClick={() => setOpen({ request: r, mode: 'approve' })}>
                  {t('pending.authorize')}
                </button>
                <button type="button" onClick={() => setOpen({ request: r, mode: 'reject' })}>
                  {t('pending.reject')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={refusal} />
      {open ? (
        <CosignDialog
          request={open.request}
          mode={open.mode}
          keyholders={home.keyholders}
          onCancel={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            setDone(true);
            void load();
            onDecided();
          }}
        />
      ) : null}
    </section>
  );
}
