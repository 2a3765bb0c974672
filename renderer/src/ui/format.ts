import i18n from 'i18next';
import { platformById } from '../../../shared/platforms';
import { isMessageKey, labelFor } from '../i18n/keys';

/** The locale dates and numbers are written in, for the interface's language (Peruvian Spanish first). */
export const localeOf = (language: string): string => (language === 'en' ? 'en-GB' : 'es-PE');

/** Dates and times in the institution's time zone and the person's language. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(i18n.language), { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A calendar day in the institution's time zone. */
export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(i18n.language), { dateStyle: 'short', timeZone }).format(new Date(iso));
}

/** Whether a deadline is already behind `now` (worded «venció el …») or still ahead («vence el …»). */
export const isPast = (iso: string, now: number): boolean => Date.parse(iso) <= now;

/**
 * How long until `iso`, in the largest unit that says it (días, horas, minutos), never zero: for
 * «quedan 3 horas», «vence en 2 días». A past instant gives null.
 */
export function timeUntil(iso: string, now: number): { unit: 'days' | 'hours' | 'minutes'; count: number } | null {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return null;
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** A chain head as a person writes it on paper: the first 16 hex digits in four groups (as main's integrity service prints it). */
export const paperForm = (hex: string): string => (hex.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join('-');

/** Brand names stay as they are; the generic entries are translated. */
export function platformLabel(id: string): string {
  return isMessageKey(`platforms.${id}`) ? labelFor('platforms', id) : (platformById(id)?.label ?? id);
}
