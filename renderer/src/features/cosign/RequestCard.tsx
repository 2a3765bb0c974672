import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChangeKindId } from '../../../../shared/domain';
import { kindPolicy } from '../../../../shared/permissions';
import type { RequestView } from '../../../../shared/requests';
import { paths, type AccountSection } from '../../app/paths';
import { formatDateTime, timeUntil } from '../../ui/format';
import { useRoleList } from '../vault/RoleNote';
import { useChangeWords } from './useChangeWords';
import { FormularioButton } from '../reports/FormularioButton';

/** The account section where a request of each kind is followed up. */
const SECTION_OF: Record<ChangeKindId, AccountSection> = {
  'credential.rotate': 'password',
  'settings.update': 'summary',
  'totp.set': 'two-step',
  'totp.remove': 'two-step',
  'totp.export': 'two-step',
  'recovery.replace': 'two-step',
  'person.register': 'summary',
  'person.update': 'summary',
  'person.depart': 'summary',
  'role.grant': 'summary',
  'role.revoke': 'summary',
  'keyholder.enrol': 'summary',
  'keyholder.revoke': 'summary',
  'account.create': 'summary',
  'account.modify': 'summary',
  'account.decommission': 'password',
  'inventory.import': 'summary',
  'vault.export': 'summary',
  'kit.issue': 'summary',
  'vault.restore': 'summary',
};

/** Kinds whose authorized change waits for a last step of its own (the others' is «Falta completar el último paso»). */
const TO_APPLY = ['credential.rotate', 'totp.export', 'role.grant', 'role.revoke', 'vault.export', 'kit.issue', 'vault.restore'] as const;
const hasOwnStep = (kind: ChangeKindId): kind is (typeof TO_APPLY)[number] => (TO_APPLY as readonly ChangeKindId[]).includes(kind);

/** Whether the person a request names has a record to open: a new person only once their registration is applied. */
const onRecord = (r: RequestView) => r.description.kind !== 'person.register' || r.description.completes || r.state === 'applied';

/** Where a request stands, in one sentence: time left, who decided and when, what is left to do. */
export function useRequestStatus(zone: string) {
  const { t } = useTranslation();
  const roles = useRoleList();
  return (r: RequestView, now: number): string => {
    const decided = r.decidedBy && r.decidedAt ? { name: r.decidedBy.name, when: formatDateTime(r.decidedAt, zone) } : null;
    const left = timeUntil(r.expiresAt, now);
    switch (r.state) {
      case 'pending':
        return left
          ? `${t('requests.expiresFuture', { when: formatDateTime(r.expiresAt, zone), left: t(`requests.left.${left.unit}`, { count: left.count }) })} ${t('requests.waitsFor', { authorizers: roles(kindPolicy(r.kind).approverRoles) })}`
          : t('requests.expiresPast', { when: formatDateTime(r.expiresAt, zone) });
      case 'expired':
        return t('requests.expiresPast', { when: formatDateTime(r.expiresAt, zone) });
      case 'authorized': {
        const step = hasOwnStep(r.kind) ? t(`requests.toApply.${r.kind}`) : t('requests.toApply.other');
        return decided ? `${t('requests.authorized', decided)} ${step}` : step;
      }
      case 'applied':
        return decided ? t('requests.applied', decided) : t('requests.states.applied');
      case 'rejected':
        return decided ? t('requests.rejected', decided) : t('requests.states.rejected');
    }
  };
}

/**
 * One request as both sides read it: its state, the account and the change in words (from → to,
 * never a secret), who proposed it and when, its note, where it stands, and — rejected — why.
 */
export function RequestCard({
  request: r,
  now,
  zone,
  withAccountLink = false,
  actions,
}: {
  request: RequestView;
  now: number;
  zone: string;
  withAccountLink?: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const status = useRequestStatus(zone);
  const titleId = `request-${r.id}-title`;
  return (
    <li className={`request request-${r.state}`} id={`request-${r.id}`} aria-labelledby={titleId}>
      <div>
        <span className={`badge state-${r.state}`}>{t(`requests.states.${r.state}`)}</span>
        <strong id={titleId}>{words.headline(r)}</strong>
        <ul className="changes">
          {words.details(r).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {r.reason ? (
          <small>
            {t('change.note')}: «{r.reason}»
          </small>
        ) : null}
        <small>{t('requests.proposed', { name: r.proposedBy.name, role: t(`roles.${r.proposedBy.role}`), when: formatDateTime(r.proposedAt, zone) })}</small>
        <small data-testid="request-status">{status(r, now)}</small>
        {r.state === 'rejected' && r.rejectionReason ? (
          <p className="notice notice-error rejection" data-testid="rejection-reason">
            {t('requests.rejectionReason', { reason: r.rejectionReason })}
          </p>
        ) : null}
        {withAccountLink && r.accountId ? (
          <small>
            <Link to={paths.account(r.accountId, SECTION_OF[r.kind])}>{t('requests.openAccount', { account: r.accountName ?? '' })}</Link>
          </small>
        ) : null}
        {withAccountLink && 'person' in r.description && onRecord(r) ? (
          <small>
            <Link to={paths.person(r.description.person.id)}>{t('requests.openPerson', { name: r.description.person.name })}</Link>
          </small>
        ) : null}
        {/* LIFE-4: an alta, baja or modificación prints its Formulario A or B from here (the account's and the person's history too). */}
        <FormularioButton request={r} />
      </div>
      {actions}
    </li>
  );
}
