import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { HandoverPlanView } from '../../../../shared/handover';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Fact } from '../../ui/Fact';
import { formatDateTime } from '../../ui/format';
import { useVaultSession } from '../vault/session';
import { ActaAndCompletion } from './ActaAndCompletion';
import { HandoverAccount } from './HandoverAccount';
import { HandoverExtras } from './HandoverExtras';
import { ProgressSummary } from './ProgressSummary';
import { useHandoverPlan } from './useHandover';

/** «Entrega de cargo» (issue 16; HAND-1, HAND-3): who, how far, each account's items, what the outgoing person still knows, the acta and the completion. */
export function HandoverPage() {
  const { handoverId = '' } = useParams();
  const loaded = useHandoverPlan(handoverId);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  return <HandoverView plan={loaded.data} />;
}

function HandoverView({ plan }: { plan: HandoverPlanView }) {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const zone = home.institution.timeZone;
  const me = home.session;
  const open = plan.status === 'open';
  // The third signatory of the acta: the head, unless this is the head's own handover.
  const head = home.keyholders.find(
    (k) => k.status === 'active' && k.role === 'head' && k.id !== plan.outgoing.keyholderId && k.id !== plan.incoming.keyholderId,
  );
  const mayConfirm = open && (me.keyholderId === plan.incoming.keyholderId || (me.role === 'head' && me.keyholderId !== plan.outgoing.keyholderId));
  const confirm = useAction((accountId: string) => call(api().handover.confirmSessions({ handoverId: plan.handoverId, accountId })));

  return (
    <div className="panel">
      <div className="title-row">
        <h1>{t('handover.titleOf', { role: t(`roles.${plan.role}`) })}</h1>
        <span className={`badge ${open ? 'badge-warn' : 'state-applied'}`} data-testid="handover-status">
          {t(`handover.statuses.${plan.status}`)}
        </span>
      </div>
      <p className="lead">{t('handover.intro')}</p>
      <dl className="facts" aria-label={t('handover.parties')}>
        <Fact label={t('handover.outgoing')}>{plan.outgoing.name}</Fact>
        <Fact label={t('handover.incoming')}>{plan.incoming.name}</Fact>
        <Fact label={t('handover.head')}>{head?.name}</Fact>
        <Fact label={t('handover.started')}>{formatDateTime(plan.startedAt, zone)}</Fact>
        <Fact label={t('handover.completedAt')}>{plan.completedAt ? formatDateTime(plan.completedAt, zone) : null}</Fact>
      </dl>

      <section aria-labelledby="handover-progress-title">
        <h2 id="handover-progress-title">{t('handover.progressTitle')}</h2>
        <ProgressSummary progress={plan.progress} completed={!open} />
      </section>

      <section aria-labelledby="handover-accounts-title">
        <h2 id="handover-accounts-title">{t('handover.accounts')}</h2>
        <ErrorNotice error={confirm.refusal} />
        {plan.accounts.map((a) => (
          <HandoverAccount
            key={a.accountId}
            account={a}
            ctx={{ outgoing: plan.outgoing, incoming: plan.incoming, zone, mayConfirm, busy: confirm.busy, onConfirm: (id) => void confirm.run(id) }}
          />
        ))}
      </section>

      <HandoverExtras plan={plan} />
      <ActaAndCompletion plan={plan} />
    </div>
  );
}
