import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { RequestView } from '../../../../shared/requests';
import type { StaffDetail } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { RequestCard } from '../cosign/RequestCard';
import { useRequests } from '../cosign/useRequests';
import { RoleNote } from '../vault/RoleNote';
import { useVaultSession } from '../vault/session';
import { usePermissions } from '../vault/usePermissions';
import { DepartForm } from './DepartForm';
import { DepartureChecklist } from './DepartureChecklist';
import { Exposures } from './Exposures';
import { PersonFacts } from './PersonFacts';
import { PlatformRoles } from './PlatformRoles';
import { StatusBadge } from './StaffPage';
import { usePerson } from './useStaff';

/**
 * One person of the staff registry (#/staff/:id): Formulario B, the open requests about them,
 * their platform roles, the credentials they saw (current ones marked), ROLE-5's flags, the phones
 * they hold, and — once they are leaving — the departure checklist with its progress.
 */
export function PersonPage() {
  const { personId = '' } = useParams();
  // Another person is another page: nothing of the previous one (a form, a notice) stays.
  return <Person key={personId} personId={personId} />;
}

function Person({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { may } = usePermissions();
  const timeZone = useVaultSession().home.institution.timeZone;
  const loaded = usePerson(personId);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const person = loaded.data;
  const proposes = may('staff.propose');
  const active = person.status === 'active';

  return (
    <div className="panel person-page">
      <button type="button" className="link" onClick={() => navigate(paths.staff)}>
        ← {t('staff.back')}
      </button>
      <div className="person-title">
        <h1>{person.name}</h1>
        <p className="person-status" data-testid="person-status">
          {person.complete ? <StatusBadge person={person} /> : <span className="badge badge-warn">{t('staff.incomplete')}</span>}
        </p>
      </div>
      <section aria-labelledby="person-data-title">
        <h2 id="person-data-title">{t('person.data')}</h2>
        {person.complete ? null : <p className="notice">{t('person.incomplete')}</p>}
        <PersonFacts person={person} timeZone={timeZone} />
        {proposes && active ? (
          <div className="row-actions">
            <Link to={paths.personRecord(person.id)}>{person.complete ? t('person.edit') : t('staff.complete')}</Link>
            {person.complete ? <DepartForm personId={person.id} name={person.name} timeZone={timeZone} /> : null}
          </div>
        ) : null}
        {active && !proposes ? <RoleNote action="staff.propose" what={t('staff.registerWhat')} /> : null}
      </section>
      <PersonRequests person={person} />
      {person.departure ? <DepartureChecklist personId={person.id} plan={person.departure} /> : null}
      <PlatformRoles person={person} timeZone={timeZone} />
      <Exposures person={person} timeZone={timeZone} />
    </div>
  );
}

const OPEN: readonly RequestView['state'][] = ['pending', 'authorized'];

/** What waits to be decided or applied about this person: their Formulario B, their roles, their departure. */
function PersonRequests({ person }: { person: StaffDetail }) {
  const { t } = useTranslation();
  const { home } = useVaultSession();
  const loaded = useRequests();
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { requests, now } = loaded.data;
  const about = requests.filter((r) => OPEN.includes(r.state) && 'person' in r.description && r.description.person.id === person.id);
  return (
    <section aria-labelledby="person-requests-title">
      <h2 id="person-requests-title">{t('person.requests')}</h2>
      {about.length === 0 ? <p className="muted">{t('person.requestsNone')}</p> : null}
      <ul className="requests" aria-labelledby="person-requests-title">
        {about.map((r) => (
          <RequestCard key={r.id} request={r} now={now} zone={home.institution.timeZone} />
        ))}
      </ul>
    </section>
  );
}
