import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { api, call } from '../../bridge/api';
import { onVaultChanged } from '../../bridge/changes';
import { useLoad } from '../../bridge/useLoad';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useStaffWords } from './useStaffWords';

/**
 * On an account's page: who holds which role on it (ROLE-1..ROLE-4), and who has been shown or
 * given its current password — the people a departure or an incident would make it change for.
 */
export function AccountPeople({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const words = useStaffWords();
  const loaded = useLoad(useCallback(() => call(api().accounts.exposure({ accountId })), [accountId]));
  const { reload } = loaded;
  useEffect(() => onVaultChanged(reload), [reload]);
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  const { grants, people, keyholders } = loaded.data;
  const linked = new Set(people.map((p) => p.name));
  return (
    <>
      <section aria-labelledby="account-roles-title">
        <h3 id="account-roles-title">{t('accountPeople.roles')}</h3>
        {grants.length === 0 ? (
          <p className="muted">{t('accountPeople.rolesNone')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('accountPeople.person')}</th>
                <th scope="col">{t('grants.role')}</th>
                <th scope="col">{t('grants.state')}</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={paths.person(g.personId)}>{g.personName}</Link>
                  </td>
                  <td>{words.role(g.platform, g.role, g.admin)}</td>
                  <td>
                    <span className={`badge grant-${g.state}`}>{t(`grants.states.${g.state}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="account-exposed-title">
        <h3 id="account-exposed-title">{t('accountPeople.exposed')}</h3>
        {people.length === 0 && keyholders.length === 0 ? (
          <p className="muted">{t('accountPeople.exposedNone')}</p>
        ) : (
          <ul>
            {people.map((p) => (
              <li key={p.id}>
                <Link to={paths.person(p.id)}>{p.name}</Link>
              </li>
            ))}
            {/* A keyholder with a staff record is listed above, by their record. */}
            {keyholders
              .filter((k) => !linked.has(k.name))
              .map((k) => (
                <li key={k.keyholderId}>
                  {k.name} <span className="muted">({t(`roles.${k.role}`)})</span>
                </li>
              ))}
          </ul>
        )}
      </section>
    </>
  );
}
