import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { paths } from './paths';

const TABS = [
  { path: paths.home, label: 'nav.home' },
  { path: paths.accounts, label: 'nav.accounts' },
  { path: paths.staff, label: 'nav.staff' },
  { path: paths.keyholders, label: 'nav.keyholders' },
  { path: paths.incidents, label: 'nav.incidents' },
  { path: paths.compliance, label: 'nav.compliance' },
  { path: paths.reports, label: 'nav.reports' },
  { path: paths.history, label: 'nav.history' },
  { path: paths.audit, label: 'nav.audit' },
  { path: paths.backup, label: 'nav.backup' },
  { path: paths.kit, label: 'nav.kit' },
  { path: paths.settings, label: 'nav.settings' },
] as const;

/** The screens of an unlocked vault; an account's page belongs to the register's tab, a handover to the keyholders'. */
export function UnlockedNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // A handover's checklist belongs to the keyholders' tab.
  const where = pathname.startsWith('/handovers/') ? paths.keyholders : pathname;
  const active = TABS.findLast((tab) => where === tab.path || where.startsWith(`${tab.path}/`))?.path ?? paths.home;
  return (
    <nav className="tabs" aria-label={t('app.name')}>
      {TABS.map((tab) => (
        <button key={tab.path} type="button" aria-current={active === tab.path ? 'page' : undefined} onClick={() => navigate(tab.path)}>
          {t(tab.label)}
        </button>
      ))}
    </nav>
  );
}
