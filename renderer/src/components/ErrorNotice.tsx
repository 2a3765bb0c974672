import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';

/** Translates a typed refusal from main into the person's language, naming the rule when there is one. */
export function ErrorNotice({ error }: { error: AppError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error.details ?? {};
  const position = typeof details.keyholder === 'number' ? details.keyholder + 1 : undefined;
  const variant = details.reason ?? details.as ?? details.part;
  const keys = typeof variant === 'string' ? [`errorReasons.${error.code}.${variant}`, `errors.${error.code}`] : [`errors.${error.code}`];
  return (
    <p className="notice notice-error" role="alert">
      {t(keys, { ...details, position })}
      {error.rule ? <span className="rule"> · {t('rule', { rule: error.rule })}</span> : null}
    </p>
  );
}
