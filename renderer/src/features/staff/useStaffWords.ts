import { useTranslation } from 'react-i18next';
import type { StaffLine } from '../../../../shared/accounts';
import { platformRole } from '../../../../shared/platforms';
import type { LinkKind, StaffFunction } from '../../../../shared/staff';
import { labelFor } from '../../i18n/keys';
import { localeOf } from '../../ui/format';

/**
 * People and platform roles in words, wherever they appear: the staff screens, the co-sign dialog,
 * the checklist. A role is named as its platform names it, and admin-level roles say so (ROLE-1, ROLE-2).
 */
export function useStaffWords() {
  const { t, i18n } = useTranslation();
  const roleName = (role: string) => labelFor('staff.platformRoles', role);
  /** The role with its level when it is an admin-level one on that platform. */
  const role = (platform: string | null, roleId: string, admin = platformRole(platform ?? '', roleId)?.admin ?? false) =>
    admin ? t('staff.roleWithLevel', { role: roleName(roleId), level: t('staff.adminLevel') }) : roleName(roleId);
  const fn = (f: StaffFunction | null) => (f ? t(`staff.functions.${f}`) : '—');
  const link = (l: LinkKind | null) => (l ? t(`staff.links.${l}`) : '—');
  /** «Carla Mendoza (Community manager, Tercerizado)»: who a request is about, with what the rules judge. */
  const person = (p: StaffLine) =>
    p.function && p.link
      ? t('staff.personLine', { name: p.name, functionText: fn(p.function), linkText: link(p.link) })
      : t('staff.personLineBare', { name: p.name });
  /** A calendar day (YYYY-MM-DD) as people write it; it names a day, not an instant, so no time zone moves it. */
  const day = (calendar: string) => {
    const date = new Date(`${calendar}T12:00:00Z`);
    return Number.isNaN(date.getTime()) ? calendar : new Intl.DateTimeFormat(localeOf(i18n.language), { dateStyle: 'short', timeZone: 'UTC' }).format(date);
  };
  return { role, roleName, fn, link, person, day };
}
