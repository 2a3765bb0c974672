import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';
import { SelectInput } from './controls';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('app.language')}</span>
      <SelectInput className="control-compact" value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng}>
            {lng === 'es' ? 'Español' : 'English'}
          </option>
        ))}
      </SelectInput>
    </label>
  );
}
