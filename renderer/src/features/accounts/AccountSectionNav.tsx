import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ACCOUNT_SECTIONS, paths } from '../../app/paths';

/** The account page's sections, each a link to its own address: reachable by Tab and Enter, by the back button, and from other screens. */
export function AccountSectionNav({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  return (
    <nav className="section-nav" aria-label={t('account.sections')}>
      <ul>
        {ACCOUNT_SECTIONS.map((section) => (
          <li key={section}>
            <NavLink to={paths.account(accountId, section)} end>
              {t(`account.sectionNames.${section}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
