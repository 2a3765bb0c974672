import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DepartureItem, DeparturePlan } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { useErrorText } from '../../ui/useErrorText';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { useStaffWords } from './useStaffWords';

type Item = DeparturePlan['items'][number];
type Step = { kind: 'confirm'; grantId: string } | { kind: 'remove'; accountId: string } | { kind: 'return'; deviceId: string } | { kind: 'propose' };

/** Whether proposing the departure's tasks would send anything: a role or a password with no request yet. */
const proposable = (i: Item) =>
  !i.done && ((i.kind === 'revoke_role' && i.requestId === null && i.state !== 'revoking') || (i.kind === 'rotate_password' && i.requestId === null));

/**
 * A departure's checklist (HAND-2, HAND-3) with its progress. Each item ticks from the change that
 * settles it, never by hand: it links to that change (the pending request, the account's section)
 * or offers its last step to whom it belongs — confirming a revocation applied, removing the
 * person from a distribution list, a phone returned (the one recorded confirmation).
 */
export function DepartureChecklist({ personId, plan }: { personId: string; plan: DeparturePlan }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const errorText = useErrorText();
  const [proposed, setProposed] = useState<{ count: number; refused: string[] } | null>(null);
  const step = useAction(async (s: Step) => {
    if (s.kind === 'confirm') await call(api().roles.confirmApplied({ grantId: s.grantId }));
    if (s.kind === 'remove') await call(api().distribution.removeRecipient({ accountId: s.accountId, personId }));
    if (s.kind === 'return') await call(api().devices.return({ deviceId: s.deviceId, personId }));
    if (s.kind === 'propose') {
      const sent = await call(api().departures.proposeTasks({ personId }));
      const names = new Map(
        plan.items.flatMap((i) => (i.kind === 'return_device' ? [] : [[i.kind === 'revoke_role' ? i.grantId : i.accountId, i.accountName]])),
      );
      setProposed({
        count: sent.requestIds.length,
        refused: sent.refused.map((r) => t('departure.refused', { item: names.get(r.item) ?? r.item, error: errorText({ code: r.code }) })),
      });
    }
  });
  const run = (s: Step) => {
    setProposed(null);
    void step.run(s);
  };
  const done = plan.items.filter((i) => i.done).length;
  const total = plan.items.length;

  return (
    <section aria-labelledby="departure-title">
      <h2 id="departure-title">{t('departure.title')}</h2>
      <p className="departure-progress">
        <progress value={done} max={Math.max(total, 1)} aria-label={t('departure.progressLabel')} />{' '}
        <span data-testid="departure-progress">{t('departure.progress', { done, total })}</span>
      </p>
      {done === total ? (
        <p className="notice notice-ok" role="status">
          {t('departure.allDone')}
        </p>
      ) : null}
      <ul className="checklist-items">
        {plan.items.map((item) => (
          <ChecklistItem key={itemKey(item)} item={item} busy={step.busy} onStep={run} />
        ))}
      </ul>
      {plan.items.some(proposable) ? (
        may('departure.propose') ? (
          <div className="subpanel">
            <p className="muted">{t('departure.proposeHint')}</p>
            <button type="button" className="primary" disabled={step.busy} onClick={() => run({ kind: 'propose' })}>
              {t('departure.propose')}
            </button>
          </div>
        ) : (
          <RoleNote action="departure.propose" what={t('departure.proposeWhat')} />
        )
      ) : null}
      {proposed ? (
        <div className="notice notice-ok" role="status">
          <p>{proposed.count > 0 ? t('departure.proposed', { count: proposed.count }) : t('departure.proposedNone')}</p>
          {proposed.refused.length > 0 ? (
            <ul>
              {proposed.refused.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ErrorNotice error={step.refusal} />
    </section>
  );
}

const itemKey = (i: DepartureItem) =>
  i.kind === 'revoke_role' ? `${i.kind}:${i.grantId}` : i.kind === 'return_device' ? `${i.kind}:${i.deviceId}` : `${i.kind}:${i.accountId}`;

function ChecklistItem({ item, busy, onStep }: { item: Item; busy: boolean; onStep: (s: Step) => void }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const words = useStaffWords();
  const on = item.kind === 'return_device' ? null : { account: item.accountName, platform: platformLabel(item.platform) };
  const label = (() => {
    switch (item.kind) {
      case 'revoke_role':
        return t('departure.items.revoke_role', { ...on!, role: words.role(item.platform, item.role) });
      case 'rotate_password':
      case 'replace_seed':
        return t(`departure.items.${item.kind}`, { ...on!, version: item.version });
      case 'replace_recovery_codes':
      case 'remove_recipient':
        return t(`departure.items.${item.kind}`, on!);
      case 'return_device':
        return t('departure.items.return_device', { label: item.label });
    }
  })();
  return (
    <li className={item.done ? 'item-done' : 'item-open'}>
      <span className={`badge ${item.done ? 'state-applied' : 'state-pending'}`}>{item.done ? t('departure.done') : t('departure.open')}</span>{' '}
      <span>{label}</span>
      {item.done ? null : (
        <div className="row-actions">
          {'requestId' in item && item.requestId ? <Link to={paths.request(item.requestId)}>{t('departure.request')}</Link> : null}
          {item.kind === 'revoke_role' && item.state === 'revoking' ? (
            <>
              <small>{t('departure.revoking')}</small>
              {may('role.apply') ? (
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  aria-label={t('grants.confirmFor', { role: words.role(item.platform, item.role), account: item.accountName })}
                  onClick={() => onStep({ kind: 'confirm', grantId: item.grantId })}
                >
                  {t('grants.confirm')}
                </button>
              ) : null}
            </>
          ) : null}
          {item.kind === 'rotate_password' ? (
            <Link to={paths.account(item.accountId, 'password')}>{t('departure.toPassword', { account: item.accountName })}</Link>
          ) : null}
          {item.kind === 'replace_recovery_codes' || item.kind === 'replace_seed' ? (
            <Link to={paths.account(item.accountId, 'two-step')}>{t('departure.toTwoStep', { account: item.accountName })}</Link>
          ) : null}
          {item.kind === 'remove_recipient' && may('distribution.edit') ? (
            <button
              type="button"
              disabled={busy}
              aria-label={t('departure.removeFor', { account: item.accountName })}
              onClick={() => onStep({ kind: 'remove', accountId: item.accountId })}
            >
              {t('departure.remove')}
            </button>
          ) : null}
          {item.kind === 'return_device' ? (
            may('device.return') ? (
              <button
                type="button"
                disabled={busy}
                aria-label={t('departure.returnedFor', { label: item.label })}
                onClick={() => onStep({ kind: 'return', deviceId: item.deviceId })}
              >
                {t('departure.returned')}
              </button>
            ) : (
              <RoleNote action="device.return" what={t('departure.returnWhat')} />
            )
          ) : null}
        </div>
      )}
    </li>
  );
}
