import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HandoverAccountView, HandoverItemView, HandoverParty } from '../../../../shared/handover';
import { paths } from '../../app/paths';
import { formatDateTime, platformLabel } from '../../ui/format';

export interface AccountContext {
  outgoing: HandoverParty;
  incoming: HandoverParty;
  zone: string;
  /** The unlocked keyholder may confirm sessions closed (the incoming keyholder, or the head), and the handover is open. */
  mayConfirm: boolean;
  busy: boolean;
  onConfirm: (accountId: string) => void;
}

/**
 * One account of the handover: each item with its state, who did it and when, or what is missing
 * and where it is done; and, for the sessions, the one confirmation by hand with the platform's
 * own words for where to close them.
 */
export function HandoverAccount({ account: a, ctx }: { account: HandoverAccountView; ctx: AccountContext }) {
  const { t } = useTranslation();
  const titleId = `handover-account-${a.accountId}`;
  const sessions = a.items.find((i) => i.item === 'sessions_closed');
  return (
    <section className="subpanel handover-account" aria-labelledby={titleId} data-testid="handover-account">
      <h3 id={titleId}>
        {a.accountName} <span className="muted">({platformLabel(a.platform)})</span>{' '}
        <span className={`badge ${a.done === a.total ? 'state-applied' : 'state-pending'}`} data-testid="account-progress">
          {t('handover.accountProgress', { done: a.done, total: a.total })}
        </span>
      </h3>
      <ul className="checklist-items">
        {a.items
          .filter((i) => i.state !== 'not_applicable')
          .map((item) => (
            <Item key={item.item} item={item} account={a} ctx={ctx} />
          ))}
      </ul>
      {sessions?.state === 'open' ? (
        <div className="row-actions">
          <small>
            <strong>{t('handover.sessions.where')}:</strong> {t(`handover.closeSessions.${a.platform}`)}
          </small>
          {ctx.mayConfirm ? (
            <button
              type="button"
              className="primary"
              disabled={ctx.busy}
              aria-label={t('handover.sessions.confirmFor', { account: a.accountName })}
              onClick={() => ctx.onConfirm(a.accountId)}
            >
              {t('handover.sessions.confirm')}
            </button>
          ) : (
            <small className="muted">{t('handover.sessions.whoConfirms')}</small>
          )}
        </div>
      ) : null}
    </section>
  );
}

function Item({ item, account: a, ctx }: { item: HandoverItemView; account: HandoverAccountView; ctx: AccountContext }) {
  const { t } = useTranslation();
  const done = item.state === 'done';
  const when = item.at ? formatDateTime(item.at, ctx.zone) : null;
  return (
    <li className={done ? 'item-done' : 'item-open'} data-testid={`item-${item.item}`}>
      <span className={`badge ${done ? 'state-applied' : 'state-pending'}`}>{t(`handover.states.${item.state}`)}</span>{' '}
      <span>{t(`handover.items.${item.item}`)}</span>
      {done && when ? (
        <small className="muted"> — {item.by ? t('handover.doneBy', { name: item.by.name, when }) : t('handover.doneWhen', { when })}</small>
      ) : null}
      {item.missing ? (
        <div className="row-actions">
          <small>{t(`handover.missing.${item.missing}`)}</small>
          <Where item={item} account={a} ctx={ctx} />
        </div>
      ) : null}
    </li>
  );
}

/** Where an open item is done: the account's own section, or the person's page for their roles. */
function Where({ item, account: a, ctx }: { item: HandoverItemView; account: HandoverAccountView; ctx: AccountContext }) {
  const { t } = useTranslation();
  const account = a.accountName;
  switch (item.item) {
    case 'password_changed':
      return <Link to={paths.account(a.accountId, 'password')}>{t('handover.go.password', { account })}</Link>;
    case 'recovery_contacts_updated':
    case 'seed_replaced':
    case 'recovery_codes_replaced':
      return <Link to={paths.account(a.accountId, 'two-step')}>{t('handover.go.twoStep', { account })}</Link>;
    case 'roles_reassigned': {
      const who =
        item.missing === 'outgoing_admin_role'
          ? { party: ctx.outgoing, key: 'rolesOutgoing' as const }
          : { party: ctx.incoming, key: 'rolesIncoming' as const };
      return (
        <>
          <Link to={paths.account(a.accountId)}>{t('handover.go.roles', { account })}</Link>
          {who.party.personId ? <Link to={paths.person(who.party.personId)}>{t(`handover.go.${who.key}`, { name: who.party.name })}</Link> : null}
        </>
      );
    }
    case 'sessions_closed':
      return null;
  }
}
