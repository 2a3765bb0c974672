import { useTranslation } from 'react-i18next';
import type { KeyholderRole } from '../../../../shared/domain';
import type { Action } from '../../../../shared/permissions';
import { usePermissions } from './usePermissions';

/** Roles as a sentence names them («el Jefe de la Oficina», «el Administrador de Cuentas o el Administrador de respaldo»). */
export function useRoleList() {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'disjunction' });
  return (roles: readonly KeyholderRole[]) => list.format(roles.map((r) => t(`permissions.roleWithArticle.${r}`)));
}

/**
 * Says who does an action the unlocked keyholder may not do («La propone el Administrador de Cuentas
 * o el Administrador de respaldo; la autoriza el Jefe de la Oficina»), and, to one who may propose,
 * who will authorize it. Nothing for an action anyone does alone.
 */
export function RoleNote({ action, what }: { action: Action; what: string }) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const roles = useRoleList();
  const authorizers = permissions.authorizers(action);
  if (permissions.may(action)) {
    if (!authorizers) return null;
    return <p className="muted role-note">{t('permissions.authorizedBy', { authorizers: roles(authorizers) })}</p>;
  }
  const doers = roles(permissions.doers(action));
  return (
    <p className="notice role-note" data-testid="role-note">
      {authorizers ? t('permissions.proposal', { what, doers, authorizers: roles(authorizers) }) : t('permissions.other', { what, doers })}
    </p>
  );
}
