import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { StaffSummary } from '../../../../shared/staff';
import { paths } from '../../app/paths';
import { labelFor } from '../../i18n/keys';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useRequests } from '../cosign/useRequests';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { useStaffList } from './useStaff';
import { useStaffWords } from './useStaffWords';

/** The status a person's row shows: activo, saliente with what is left, baja. */
export function StatusBadge({ person }: { person: Pick<StaffSummary, 'status' | 'openItems'> }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge staff-${person.status}`}>{t(`staff.statuses.${person.status}`)}</span>
      {person.status === 'leaving' ? <small className="muted"> {t('staff.open', { count: person.openItems })}</small> : null}
    </>
  );
}

/**
 * «Personal»: everyone on record with function, link and status; records still to be completed
 * (a recipient, a keyholder known by name only) are marked, with the way to complete Formulario B.
 */
export function StaffPage() {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const navigate = useNavigate();
  const words = useStaffWords();
  const loaded = useStaffList();
  const requests = useRequests();
  const proposes = may('staff.propose');
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { people, unlinkedKeyholders } = loaded.data;
  const pending = (requests.data?.requests ?? []).flatMap((r) =>
    r.state === 'pending' && r.description.kind === 'person.register' && !r.description.completes ? [{ id: r.id, name: r.description.person.name }] : [],
  );

  return (
    <div className="panel">
      <div className="title-row">
        <h1>{t('staff.title')}</h1>
        {proposes ? (
          <button type="button" className="primary" onClick={() => navigate(paths.newStaff())}>
            {t('staff.register')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('staff.intro')}</p>
      {proposes ? null : <RoleNote action="staff.propose" what={t('staff.registerWhat')} />}
      {people.length === 0 ? <p className="muted">{t('staff.none')}</p> : null}
      {people.length > 0 ? (
        <table className="staff-table">
          <caption>{t('staff.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.name')}</th>
              <th scope="col">{t('staff.function')}</th>
              <th scope="col">{t('staff.link')}</th>
              <th scope="col">{t('staff.state')}</th>
              {proposes ? <th scope="col">{t('staff.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={paths.person(p.id)}>{p.name}</Link>
                  {p.keyholderId ? <span className="badge">{t('staff.keyholder')}</span> : null}
                </td>
                <td>{words.fn(p.function)}</td>
                <td>{words.link(p.link)}</td>
                <td>{p.complete ? <StatusBadge person={p} /> : <span className="badge badge-warn">{t('staff.incomplete')}</span>}</td>
                {proposes ? (
                  <td>
                    {p.complete ? null : (
                      <Link to={paths.personRecord(p.id)} aria-label={t('staff.completeFor', { name: p.name })}>
                        {t('staff.complete')}
                      </Link>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pending.length > 0 ? (
        <section aria-labelledby="staff-pending-title">
          <h2 id="staff-pending-title">{t('staff.pendingTitle')}</h2>
          <ul>
            {pending.map((r) => (
              <li key={r.id}>
                <Link to={paths.request(r.id)}>{t('staff.pendingLine', { name: r.name })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {unlinkedKeyholders.length > 0 ? (
        <section aria-labelledby="staff-unlinked-title">
          <h2 id="staff-unlinked-title">{t('staff.unlinked')}</h2>
          <p className="muted">{t('staff.unlinkedIntro')}</p>
          <ul>
            {unlinkedKeyholders.map((k) => (
              <li key={k.keyholderId}>
                {k.name} <span className="muted">({labelFor('roles', k.role)})</span>{' '}
                {proposes ? (
                  <Link to={paths.newStaff(k.keyholderId)} aria-label={t('staff.completeFor', { name: k.name })}>
                    {t('staff.complete')}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
