import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { assessStrength } from '../../../../shared/strength';

/** Live zxcvbn-ts estimate; main enforces the same rule on submit. */
export function StrengthMeter({ secret, userInputs }: { secret: string; userInputs: string[] }) {
  const { t, i18n } = useTranslation();
  const deferred = useDeferredValue(secret);
  const language = i18n.language === 'en' ? 'en' : 'es';
  const assessment = useMemo(() => (deferred ? assessStrength(deferred, userInputs, language) : null), [deferred, userInputs, language]);
  if (!assessment) return null;
  const levels = t('strength.levels', { returnObjects: true });
  return (
    <div className="strength" aria-live="polite">
      <meter min={0} max={4} low={2} high={3} optimum={4} value={assessment.score} aria-label={t('strength.label')} />
      <span>
        {levels[assessment.score]}
        {assessment.warning ? ` — ${assessment.warning}` : ''}
      </span>
    </div>
  );
}
