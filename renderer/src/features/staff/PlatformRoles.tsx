import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Result } from '../../../../shared/result';
import type { GrantView, StaffDetail } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, platformLabel } from '../../ui/format';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { GrantForm } from './GrantForm';
import { useStaffWords } from './useStaffWords';

/** Authorized, and still to be made (or removed) on the platform: the administrator confirms it, as with passwords. */
const awaitsApply = (g: GrantView) => g.state === 'granting' || g.state === 'revoking';
const ORDER: Record<GrantView['state'], number> = { granting: 0, revoking: 1, active: 2, revoked: 3 };

/**
 * The person's roles on each platform (ROLE-1..ROLE-4): what is in force, what the head authorized
 * and waits to be applied on the platform ("Confirmar aplicado"), what was revoked; the proposal of
 * a revocation, and the form that proposes a grant. Each part only to whom it belongs.
 */
export function PlatformRoles({ person, timeZone }: { person: StaffDetail; timeZone: string }) {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const words = useStaffWords();
  const [said, setSaid] = useState<'confirmed' | 'revokeSent' | null>(null);
  const confirm = useAction((grantId: string) => call(api().roles.confirmApplied({ grantId })));
  const revoke = useAction((grantId: string) => call(api().roles.revoke({ grantId })));
  const grants = [...person.grants].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const active = person.status === 'active';
  const applies = may('role.apply');
  const proposes = may('role.propose') && active;
  const hasAction = (g: GrantView) => (awaitsApply(g) && applies) || (g.state === 'active' && proposes);
  const act = async (run: (grantId: string) => Promise<Result<unknown>>, grantId: string, done: 'confirmed' | 'revokeSent') => {
    setSaid(null);
    if ((await run(grantId)).ok) setSaid(done);
  };

  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">{t('grants.title')}</h2>
      {grants.length === 0 ? <p className="muted">{t('grants.none')}</p> : null}
      {grants.length > 0 ? (
        <table className="grants-table">
          <thead>
            <tr>
              <th scope="col">{t('grants.account')}</th>
              <th scope="col">{t('grants.role')}</th>
              <th scope="col">{t('grants.state')}</th>
              {grants.some(hasAction) ? <th scope="col">{t('grants.action')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => {
              const role = words.role(g.platform, g.role, g.admin);
              return (
                <tr key={g.id} data-testid={`grant-${g.id}`}>
                  <td>
                    <Link to={paths.account(g.accountId)}>{g.accountName}</Link> <span className="muted">({platformLabel(g.platform)})</span>
                  </td>
                  <td>{role}</td>
                  <td>
                    <span className={`badge grant-${g.state}`}>{t(`grants.states.${g.state}`)}</span>{' '}
                    <small className="muted">
                      {g.state === 'revoked' && g.revokedAt
                        ? t('grants.until', { when: formatDateTime(g.revokedAt, timeZone) })
                        : g.grantedAt
                          ? t('grants.since', { when: formatDateTime(g.grantedAt, timeZone) })
                          : null}
                    </small>
                  </td>
                  {grants.some(hasAction) ? (
                    <td>
                      {awaitsApply(g) && applies ? (
                        <button
                          type="button"
                          className="primary"
                          disabled={confirm.busy}
                          aria-label={t('grants.confirmFor', { role, account: g.accountName })}
                          onClick={() => void act(confirm.run, g.id, 'confirmed')}
                        >
                          {t('grants.confirm')}
                        </button>
                      ) : null}
                      {g.state === 'active' && proposes ? (
                        <button
                          type="button"
                          disabled={revoke.busy}
                          aria-label={t('grants.revokeFor', { role, account: g.accountName })}
                          onClick={() => void act(revoke.run, g.id, 'revokeSent')}
                        >
                          {t('grants.revoke')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {said ? (
        <p className="notice notice-ok" role="status">
          {t(`grants.${said}`)}
        </p>
      ) : null}
      <ErrorNotice error={confirm.refusal ?? revoke.refusal} />
      <DuplicateLink refusal={revoke.refusal} />
      {grants.some(awaitsApply) ? <RoleNote action="role.apply" what={t('grants.confirmWhat')} /> : null}
      {!person.complete ? null : proposes ? (
        <GrantForm personId={person.id} />
      ) : active ? (
        <RoleNote action="role.propose" what={t('grants.grantWhat')} />
      ) : (
        <p className="muted">{t('grants.notActive')}</p>
      )}
    </section>
  );
}
