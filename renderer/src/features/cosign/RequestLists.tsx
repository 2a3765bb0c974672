import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideRefusal, mayDecide } from '../../../../shared/permissions';
import type { RequestView } from '../../../../shared/requests';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { BatchCosignDialog } from './BatchCosignDialog';
import { CosignDialog } from './CosignDialog';
import { RequestCard } from './RequestCard';
import { useChangeWords } from './useChangeWords';
import { useRequests } from './useRequests';

type Opened = { request: RequestView; mode: 'approve' | 'reject' };
/** Open requests stay on the proposer's home screen until decided; of the closed ones (applied, rejected, expired), the latest few. */
const OPEN: readonly RequestView['state'][] = ['pending', 'authorized'];
const CLOSED_SHOWN = 10;

/**
 * The home screen's requests (POL-5): to whoever may decide, what waits for them, each with
 * "Autorizar…" and "Rechazar…"; to a proposer, their own requests by state — pending with the
 * time left, authorized and waiting to be applied, and the latest applied, rejected (by whom, when,
 * why) and expired ones. The account page keeps every request of the account.
 */
export function HomeRequests() {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const permissions = usePermissions();
  const loaded = useRequests();
  const [open, setOpen] = useState<Opened | null>(null);
  const [done, setDone] = useState(false);
  // Several waiting requests may be authorized at once (a departure's revocations and rotations): one passphrase, each signed alone.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batch, setBatch] = useState<RequestView[] | null>(null);
  const words = useChangeWords();
  const zone = home.institution.timeZone;
  const me = { keyholderId: permissions.keyholderId, role: permissions.role };
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { requests, now } = loaded.data;
  const at = new Date(now).toISOString();
  const waiting = requests.filter((r) => mayDecide(r, me, at));
  const own = requests.filter((r) => r.proposedBy.keyholderId === me.keyholderId);
  const mine = [...own.filter((r) => OPEN.includes(r.state)), ...own.filter((r) => !OPEN.includes(r.state)).slice(0, CLOSED_SHOWN)];
  const decides = permissions.may('request.decide');
  const chosen = waiting.filter((r) => selected.has(r.id));
  const toggle = (id: string) => setSelected((was) => (was.has(id) ? new Set([...was].filter((x) => x !== id)) : new Set([...was, id])));

  return (
    <>
      {decides ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t('pending.title')}</h2>
          {done ? (
            <p className="notice notice-ok" role="status">
              {t('cosign.done')}
            </p>
          ) : null}
          <p className={waiting.length > 0 ? 'lead' : 'muted'} data-testid="waiting-count">
            {waiting.length > 0 ? t('pending.waiting', { count: waiting.length }) : t('pending.none')}
          </p>
          {waiting.length > 1 ? (
            <div className="row-actions batch-bar">
              <button type="button" onClick={() => setSelected(new Set(waiting.map((r) => r.id)))}>
                {t('batch.selectAll')}
              </button>
              <button type="button" className="primary" disabled={chosen.length === 0} onClick={() => setBatch(chosen)}>
                {chosen.length === 0 ? t('batch.openNone') : t('batch.open', { count: chosen.length })}
              </button>
            </div>
          ) : null}
          <ul className="requests" aria-labelledby="pending-title">
            {waiting.map((r) => (
              <RequestCard
                key={r.id}
                request={r}
                now={now}
                zone={zone}
                withAccountLink
                actions={
                  <div className="row-actions">
                    {waiting.length > 1 ? (
                      <label className="check select-request">
                        <input
                          type="checkbox"
                          aria-label={t('batch.select', { what: words.headline(r) })}
                          checked={selected.has(r.id)}
                          onChange={() => toggle(r.id)}
                        />
                        <span>{t('batch.selectShort')}</span>
                      </label>
                    ) : null}
                    <button
                      type="button"
                      className="primary"
                      aria-label={`${t('pending.authorize')} ${r.accountName ?? words.headline(r)}`}
                      onClick={() => setOpen({ request: r, mode: 'approve' })}
                    >
                      {t('pending.authorize')}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('pending.reject')} ${r.accountName ?? words.headline(r)}`}
                      onClick={() => setOpen({ request: r, mode: 'reject' })}
                    >
                      {t('pending.reject')}
                    </button>
                  </div>
                }
              />
            ))}
          </ul>
        </section>
      ) : null}
      {!decides || mine.length > 0 ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t('requests.mine')}</h2>
          {mine.length === 0 ? <p className="muted">{t('requests.mineNone')}</p> : null}
          <ul className="requests" aria-labelledby="mine-title">
            {mine.map((r) => (
              <RequestCard key={r.id} request={r} now={now} zone={zone} withAccountLink />
            ))}
          </ul>
        </section>
      ) : null}
      {batch ? (
        <BatchCosignDialog
          requests={batch}
          keyholders={home.keyholders}
          onClose={() => {
            setBatch(null);
            setSelected(new Set());
          }}
        />
      ) : null}
      {open ? (
        <CosignDialog
          request={open.request}
          mode={open.mode}
          keyholders={home.keyholders}
          zone={zone}
          now={now}
          onCancel={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            setDone(true);
          }}
        />
      ) : null}
    </>
  );
}

/**
 * An account's requests in every state, newest first, on its summary: what was asked, what became of
 * it. An alta that expired undecided is closed here by whoever would have decided it («Cerrar…»: a
 * refusal with a reason), so its account leaves «en trámite» (LIFE-1).
 */
export function AccountRequests({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const permissions = usePermissions();
  const loaded = useRequests(accountId);
  const [closing, setClosing] = useState<RequestView | null>(null);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { requests, now } = loaded.data;
  const me = { keyholderId: permissions.keyholderId, role: permissions.role };
  const closable = (r: RequestView) =>
    r.kind === 'account.create' && r.state === 'expired' && decideRefusal(r, me, new Date(now).toISOString(), 'reject') === null;
  return (
    <section aria-labelledby="account-requests-title">
      <h3 id="account-requests-title">{t('requests.account')}</h3>
      {requests.length === 0 ? <p className="muted">{t('requests.accountNone')}</p> : null}
      <ul className="requests" aria-labelledby="account-requests-title">
        {requests.map((r) => (
          <RequestCard
            key={r.id}
            request={r}
            now={now}
            zone={home.institution.timeZone}
            actions={
              closable(r) ? (
                <div className="row-actions">
                  <button type="button" onClick={() => setClosing(r)}>
                    {t('requests.closeExpired')}
                  </button>
                </div>
              ) : undefined
            }
          />
        ))}
      </ul>
      {closing ? (
        <CosignDialog
          request={closing}
          mode="reject"
          keyholders={home.keyholders}
          zone={home.institution.timeZone}
          now={now}
          onCancel={() => setClosing(null)}
          onDone={() => setClosing(null)}
        />
      ) : null}
    </section>
  );
}
