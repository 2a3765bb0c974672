import i18n from 'i18next';
import { platformById } from '../../../shared/platforms';
import { isMessageKey, labelFor } from '../i18n/keys';

/** Dates and times in the institution's time zone and the person's language. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Brand names stay as they are; the generic entries are translated. */
export function platformLabel(id: string): string {
  return isMessageKey(`platforms.${id}`) ? labelFor('platforms', id) : (platformById(id)?.label ?? id);
}
