import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoverPlanView } from '../../../../shared/handover';
import { paths } from '../../app/paths';

/** HAND-3: what the outgoing person saw that is still in force, each linking to where it is changed; and their departure checklist. */
export function HandoverExtras({ plan }: { plan: HandoverPlanView }) {
  const { t } = useTranslation();
  const departure = plan.departure;
  return (
    <>
      <section aria-labelledby="handover-exposures-title">
        <h2 id="handover-exposures-title">{t('handover.exposures.title')}</h2>
        {plan.exposures.length === 0 ? (
          <p className="muted">{t('handover.exposures.none')}</p>
        ) : (
          <ul className="checklist-items" data-testid="handover-exposures">
            {plan.exposures.map((e) => (
              <li key={`${e.kind}:${e.accountId}`} className="item-open">
                <Link to={paths.account(e.accountId, e.kind === 'password' ? 'password' : 'two-step')}>
                  {e.kind === 'recovery_codes'
                    ? t('handover.exposures.recovery_codes', { account: e.accountName })
                    : t(e.kind === 'password' ? 'handover.exposures.password' : 'handover.exposures.seed', {
                        account: e.accountName,
                        version: e.version ?? '—',
                      })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {departure && plan.outgoing.personId ? (
        <section aria-labelledby="handover-departure-title">
          <h2 id="handover-departure-title">{t('handover.departure.title')}</h2>
          <p>
            {t('handover.departure.line', {
              name: plan.outgoing.name,
              done: departure.items.filter((i) => i.done).length,
              total: departure.items.length,
            })}{' '}
            <Link to={paths.person(plan.outgoing.personId)}>{t('handover.departure.open')}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
