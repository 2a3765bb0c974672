import i18n, { type PostProcessorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, es } from './resources';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'custodia.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

/**
 * A sentence that ends with a time ends with its period: «… vence el 22/11/2026, 3:00 p. m.» and
 * not «p. m..». Collapses a doubled period (an abbreviation's, then the sentence's); «…» is left alone.
 */
export const abbreviationPeriod: PostProcessorModule = {
  type: 'postProcessor',
  name: 'abbreviationPeriod',
  process: (value: string) => (typeof value === 'string' ? value.replace(/(?<!\.)\.\.(?!\.)/g, '.') : value),
};

void i18n
  .use(initReactI18next)
  .use(abbreviationPeriod)
  .init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'es',
    interpolation: { escapeValue: false },
    returnObjects: true,
    postProcess: ['abbreviationPeriod'],
  });

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
  keepForChromium(lng);
});
document.documentElement.lang = i18n.language;
keepForChromium(i18n.language);

/**
 * Main keeps the choice beside the vault so that at the next start Chromium's own widgets (the
 * file chooser, date inputs) speak it too (settings.language). Where there is no bridge (tests of
 * single screens), nothing to keep.
 */
function keepForChromium(lng: string): void {
  const keep = typeof window === 'undefined' ? undefined : window.custodia?.settings?.language;
  if (!keep || (lng !== 'es' && lng !== 'en')) return;
  // A choice not kept only means Chromium's widgets start in the earlier language; the interface itself follows at once.
  void Promise.resolve()
    .then(() => keep({ language: lng }))
    .catch(() => undefined);
}

export default i18n;
