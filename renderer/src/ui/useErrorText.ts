import { useTranslation } from 'react-i18next';
import { ACTIONS, PERMISSIONS, type Action } from '../../../shared/permissions';
import type { AppError } from '../../../shared/result';
import { isMessageKey, labelFor } from '../i18n/keys';

/**
 * The translated sentence for a typed refusal from main, with the details people read: the one
 * place where a refusal becomes words (ErrorNotice shows it; the lock notice reuses it).
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'es-PE';
  /** The words for something main named by its id (a class, a setting, a table, a field). */
  const named = (prefix: string, id: unknown) => (typeof id === 'string' ? labelFor(prefix, id) : undefined);
  return (error: AppError): string => {
    const details = error.details ?? {};
    const position = typeof details.keyholder === 'number' ? details.keyholder + 1 : undefined;
    const missingText = Array.isArray(details.missing) ? details.missing.map((c) => named('classes', String(c))).join(', ') : undefined;
    const usedAtText =
      typeof details.usedAt === 'string' ? new Intl.DateTimeFormat(locale, { dateStyle: 'short' }).format(new Date(details.usedAt)) : undefined;
    const settingText = named('settings.fields', details.setting);
    const tableText = named('integrityTables', details.table);
    const fieldText = named('fields', details.field);
    // The kind of co-signed change a refusal is about («los cambios de configuración»).
    const kindText = typeof details.kind === 'string' ? labelFor('changeKindsPlural', details.kind) : t('changeKindsPlural.any');
    const startedText =
      typeof details.startedAt === 'string'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(details.startedAt))
        : '—';
    if (error.code === 'ACTION_ROLE' && isAction(details.action)) {
      // Which action, and who does it, from the same table the service refused by.
      const doers = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(
        PERMISSIONS[details.action].roles.map((role) => t(`permissions.roleWithArticle.${role}`)),
      );
      const text = t('permissions.roleCannot', { actionText: labelFor('permissions.actionNames', details.action), doersText: doers });
      return error.rule ? `${text} · ${t('rule', { rule: error.rule })}` : text;
    }
    const variant = details.reason ?? details.as ?? details.part;
    const precise = `errorReasons.${error.code}.${String(variant)}`;
    const key = typeof variant === 'string' && isMessageKey(precise) ? precise : (`errors.${error.code}` as const);
    const text = t(key, { ...details, position, missingText, usedAtText, settingText, tableText, fieldText, startedText, kindText });
    return error.rule ? `${text} · ${t('rule', { rule: error.rule })}` : text;
  };
}

const isAction = (value: unknown): value is Action => typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
