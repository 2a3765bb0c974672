import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';

/** The translated sentence for a typed refusal from main, with the details people read. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: AppError): string => {
    const details = error.details ?? {};
    const position = typeof details.keyholder === 'number' ? details.keyholder + 1 : undefined;
    const missingText = Array.isArray(details.missing) ? details.missing.map((c) => t(`classes.${String(c)}`)).join(', ') : undefined;
    const usedAtText = typeof details.usedAt === 'string' ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'short' }).format(new Date(details.usedAt)) : undefined;
    const settingText = typeof details.setting === 'string' ? t(`settings.fields.${details.setting}`) : undefined;
    const tableText = typeof details.table === 'string' ? t(`integrityTables.${details.table}`, { defaultValue: details.table }) : undefined;
    const fieldText = typeof details.field === 'string' ? t(`fields.${details.field}`, { defaultValue: details.field }) : undefined;
    const startedText = typeof details.startedAt === 'string' ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(details.startedAt)) : '—';
    const variant = details.reason ?? details.as ?? details.part;
    const keys = typeof variant === 'string' ? [`errorReasons.${error.code}.${variant}`, `errors.${error.code}`] : [`errors.${error.code}`];
    const text = t(keys, { ...details, position, missingText, usedAtText, settingText, tableText, fieldText, startedText });
    return error.rule ? `${text} · ${t('rule', { rule: error.rule })}` : text;
  };
}

/** Translates a typed refusal from main into the person's language, naming the rule when there is one. */
export function ErrorNotice({ error, live = false }: { error: AppError | null; live?: boolean }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="notice notice-error" role={live ? 'status' : 'alert'}>
      {text(error)}
    </p>
  );
}
