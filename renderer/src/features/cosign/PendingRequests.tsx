import i18n from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingRequest } from '../../../../shared/accounts';
import type { HomeView } from '../../../../shared/contract';
import type { DetailValue } from '../../../../shared/result';
import { api, call } from '../../bridge/api';
import { useLoad } from '../../bridge/useLoad';
import { labelFor } from '../../i18n/keys';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, platformLabel } from '../../ui/format';
import { CosignDialog } from './CosignDialog';

/** A setting's value as people read it: numbers as they are, flags as yes/no, per-kind intervals by kind. */
function settingValue(value: DetailValue): string {
  if (typeof value === 'boolean') return i18n.t(value ? 'yes' : 'no');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '—' : entries.map(([id, days]) => `${labelFor('kinds', id)}: ${String(days)}`).join(', ');
  }
  return String(value);
}

/** Requests awaiting the head's decision, listed on the home screen (POL-5). */
export function PendingRequests({ home, onDecided }: { home: HomeView; onDecided: () => void }) {
  const { t } = useTranslation();
  const pending = useLoad(useCallback(() => call(api().cosign.pending({})), []));
  const requests = pending.data ?? [];
  const [open, setOpen] = useState<{ request: PendingRequest; mode: 'approve' | 'reject' } | null>(null);
  const [done, setDone] = useState(false);
  const zone = home.institution.timeZone;
  const describe = (r: PendingRequest) => {
    if (!r.account || r.kind === 'settings.update') return t('pending.settings');
    const where = { account: r.account.displayName, platform: platformLabel(r.account.platform) };
    return r.kind === 'credential.rotate' ? t('pending.what', { ...where, reason: r.reason ? t(`reasons.${r.reason}`) : '—' }) : t(`pending.${r.kind}`, where);
  };

  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t('pending.title')}</h2>
      {done ? <p className="notice notice-ok" role="status">{t('cosign.done')}</p> : null}
      {requests.length === 0 ? <p className="muted">{t('pending.none')}</p> : null}
      <ul className="requests">
        {requests.map((r) => (
          <li key={r.id} className="request">
            <div>
              <strong>{describe(r)}</strong>
              {r.changes ? (
                <ul className="changes">
                  {r.changes.map((c) => (
                    <li key={c.setting}>{t('pending.change', { settingText: labelFor('settings.fields', c.setting), from: settingValue(c.from), to: settingValue(c.to) })}</li>
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
      <ErrorNotice error={pending.refusal} />
      {open ? (
        <CosignDialog
          request={open.request}
          mode={open.mode}
          keyholders={home.keyholders}
          onCancel={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            setDone(true);
            pending.reload();
            onDecided();
          }}
        />
      ) : null}
    </section>
  );
}
