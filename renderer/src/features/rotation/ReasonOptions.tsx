import { useTranslation } from 'react-i18next';
import { CHANGE_REASONS } from '../../../../shared/domain';

/** The reasons for a credential change, as <option>s, translated. */
export function ReasonOptions() {
  const { t } = useTranslation();
  return (
    <>
      {CHANGE_REASONS.map((r) => (
        <option key={r} value={r}>
          {t(`reasons.${r}`)}
        </option>
      ))}
    </>
  );
}
