import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';

/** Translates a typed refusal from main into the person's language, naming the rule when there is one. */
export function ErrorNotice({ error }: { error: AppError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error.details ?? {};
  const position = typeof details.keyholder === 'number' ? details.keyholder + 1 : undefined;
  return (
    <p className="notice notice-error" role="alert">
      {t(`errors.${error.code}`, { ...details, position })}
      {error.rule ? <span className="rule"> · {t('rule', { rule: error.rule })}</span> : null}
    </p>
  );
}
