import i18n from 'i18next';
import { platformById } from '../../shared/platforms';

/** Dates and times in the institution's time zone and the person's language. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Brand names stay as they are; the generic entries are translated. */
export function platformLabel(id: string): string {
  const key = `platforms.${id}`;
  return i18n.exists(key) ? i18n.t(key) : (platformById(id)?.label ?? id);
}
